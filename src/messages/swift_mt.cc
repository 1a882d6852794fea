// Readers for SWIFT MT103 (single customer credit transfer) and MT700 (issue
// of a documentary credit). See docs/messages.md for the field mapping.
//
// A file holds one or more messages, either in FIN format
//   {1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{3:{108:REF}}{4:
//   :20:...
//   -}{5:{CHK:...}}
// (several messages follow each other, optionally separated by "$"), or as
// bare text blocks of ":tag:value" lines separated by a line "-" or "$".
//
// Sender and receiver come from the basic and application header blocks
// (input "I" and output "O" directions). Party fields in option A (BIC), D
// (name and address) and F (structured "1/name", "2/address", "3/CC/town")
// are read; a country is taken from a BIC, from an F-option "3/" line, or
// best-effort from the last line of a free-form address.
//
// A message of the wrong type, without :20:, or with a malformed 32A/32B,
// 50F/59F line or BIC is skipped with a Problem naming the field.

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/check.h"
#include "io/file.h"
#include "io/strings.h"
#include "messages/common.h"
#include "text/analyze.h"

namespace chokepoint::check {

namespace {

struct MtField {
  std::string tag;  // "20", "32A", "50K"
  std::vector<std::string> lines;
  int64_t line = 0;  // 1-based line in the file
};

struct MtMessage {
  std::string type;  // "103", "700", or "" (bare text)
  std::string sender;
  std::string receiver;
  std::vector<MtField> fields;
  int64_t line = 0;
  std::string error;  // a structural error: the message is skipped
  // A service message (ACK/NAK "{1:F21...}{4:{177:...}{451:0}}"): no
  // business content, skipped without a problem.
  bool service = false;
};

int64_t LineAt(std::string_view data, size_t offset, size_t from, int64_t from_line) {
  int64_t line = from_line;
  for (size_t i = from; i < offset && i < data.size(); ++i) {
    if (data[i] == '\n') ++line;
  }
  return line;
}

// ":32A:" at the start of `line`: the tag, and the value after it.
bool SplitTag(std::string_view line, std::string& tag, std::string_view& value) {
  if (line.size() < 4 || line[0] != ':') return false;
  size_t close = line.find(':', 1);
  if (close == std::string_view::npos || close < 3 || close > 4) return false;
  std::string_view t = line.substr(1, close - 1);
  if (!std::isdigit(static_cast<unsigned char>(t[0])) ||
      !std::isdigit(static_cast<unsigned char>(t[1]))) {
    return false;
  }
  if (t.size() == 3 && !std::isalpha(static_cast<unsigned char>(t[2]))) return false;
  tag = io::ToUpperAscii(t);
  value = line.substr(close + 1);
  return true;
}

// Reads ":tag:value" lines of block 4 (or a bare block) starting at file
// line `first_line`.
std::vector<MtField> ReadFields(std::string_view text, int64_t first_line) {
  std::vector<MtField> out;
  int64_t line_no = first_line;
  for (std::string_view raw : io::Split(text, "\n")) {
    std::string_view line = raw;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string tag;
    std::string_view value;
    if (SplitTag(line, tag, value)) {
      out.push_back({tag, {std::string(value)}, line_no});
    } else if (!out.empty()) {
      out.back().lines.emplace_back(line);
    }
    ++line_no;
  }
  for (auto& f : out) {
    while (!f.lines.empty() && io::Trim(f.lines.back()).empty()) f.lines.pop_back();
  }
  return out;
}

// A 12-character logical terminal address (BIC8 + terminal + branch) as a BIC.
std::string BicFromLt(std::string_view lt) {
  if (lt.size() < 12) return "";
  std::string bic = io::ToUpperAscii(lt.substr(0, 8));
  std::string branch = io::ToUpperAscii(lt.substr(9, 3));
  if (branch != "XXX") bic += branch;
  return IsBic(bic) ? bic : "";
}

void ApplyHeaders(MtMessage& m, std::string_view b1, std::string_view b2) {
  // Block 1: F01 + LT address + session + sequence.
  std::string b1_lt = b1.size() >= 15 ? std::string(b1.substr(3, 12)) : "";
  if (b2.size() >= 4) m.type = std::string(b2.substr(1, 3));
  if (!b2.empty() && (b2[0] == 'I' || b2[0] == 'i')) {
    m.sender = BicFromLt(b1_lt);
    if (b2.size() >= 16) m.receiver = BicFromLt(b2.substr(4, 12));
  } else if (!b2.empty() && (b2[0] == 'O' || b2[0] == 'o')) {
    // O + type + input time (4) + MIR: date (6) + LT (12) + session + ISN.
    if (b2.size() >= 26) m.sender = BicFromLt(b2.substr(14, 12));
    m.receiver = BicFromLt(b1_lt);
  } else {
    m.sender = BicFromLt(b1_lt);
  }
}

// FIN format: a sequence of {n:...} blocks; a new message starts at block 1
// or at a block whose number is not above the previous one.
std::vector<MtMessage> SplitFin(std::string_view data) {
  std::vector<MtMessage> out;
  size_t pos = 0;
  int last_block = 99;
  std::string_view b1, b2;
  int64_t line = 1;
  size_t line_pos = 0;
  auto line_of = [&](size_t offset) {
    line = LineAt(data, offset, line_pos, line);
    line_pos = offset;
    return line;
  };
  while (pos < data.size()) {
    size_t open = data.find('{', pos);
    if (open == std::string_view::npos) break;
    size_t colon = data.find(':', open);
    if (colon == std::string_view::npos || colon - open > 4) {
      pos = open + 1;
      continue;
    }
    std::string_view id = data.substr(open + 1, colon - open - 1);
    int block = (id.size() == 1 && id[0] >= '1' && id[0] <= '5') ? id[0] - '0' : 0;
    if (block == 0) {
      // Trailer or user blocks with other names ({S:...}): skip balanced.
      block = 6;
    }
    if (block <= last_block && block <= 4) {
      out.emplace_back();
      out.back().line = line_of(open);
      b1 = b2 = {};
    }
    last_block = block;
    if (out.empty()) {
      out.emplace_back();
      out.back().line = line_of(open);
    }
    MtMessage& m = out.back();
    if (block == 4 && (colon + 1 >= data.size() || data[colon + 1] != '{')) {
      size_t start = colon + 1;
      size_t end = data.find("-}", start);
      if (end == std::string_view::npos) {
        m.error = "block 4 is not terminated by '-}'";
        break;
      }
      // The text block ends at the "-" on a line of its own; a "-}" inside a
      // line is part of a value only when not preceded by a line break.
      size_t first_end = end;
      while (end != std::string_view::npos && end > start && data[end - 1] != '\n') {
        end = data.find("-}", end + 2);
      }
      if (end == std::string_view::npos) end = first_end;
      std::string_view text = data.substr(start, end - start);
      m.fields = ReadFields(text, line_of(start));
      ApplyHeaders(m, b1, b2);
      pos = end + 2;
      continue;
    }
    // Balanced braces for blocks 1, 2, 3, 5 and others.
    int depth = 0;
    size_t i = open;
    for (; i < data.size(); ++i) {
      if (data[i] == '{') ++depth;
      if (data[i] == '}' && --depth == 0) break;
    }
    if (i >= data.size()) {
      m.error = "block " + std::string(id) + " is not closed by '}'";
      break;
    }
    std::string_view content = data.substr(colon + 1, i - colon - 1);
    if (block == 1) b1 = content;
    if ((block == 1 && content.substr(0, 3) == "F21") || block == 4) m.service = true;
    if (block == 2) b2 = content;
    ApplyHeaders(m, b1, b2);
    pos = i + 1;
  }
  return out;
}

// Bare text: ":tag:value" lines, messages separated by a line "-" or "$".
std::vector<MtMessage> SplitBare(std::string_view data) {
  std::vector<MtMessage> out;
  std::vector<std::string_view> lines = io::Split(data, "\n");
  size_t i = 0;
  while (i < lines.size()) {
    size_t start = i;
    while (i < lines.size()) {
      std::string_view t = io::Trim(lines[i]);
      if (t == "-" || t == "$") break;
      ++i;
    }
    std::string text;
    for (size_t k = start; k < i; ++k) {
      text += lines[k];
      text += '\n';
    }
    std::vector<MtField> fields = ReadFields(text, static_cast<int64_t>(start) + 1);
    if (!fields.empty()) {
      MtMessage m;
      m.line = fields.front().line;
      m.fields = std::move(fields);
      out.push_back(std::move(m));
    }
    ++i;
  }
  return out;
}

std::string Trimmed(std::string_view s) { return std::string(io::Trim(s)); }

// Best-effort country of a free-text place or address line: the whole text,
// the piece after the last comma or slash, or the trailing one to four words
// when they spell a country name (codes of two or three letters only after
// a comma or slash, or alone, so that "ST" or "AND" in a street is not
// taken for a country).
std::string TrailingCountry(std::string_view text) {
  std::string t = io::CollapseWhitespace(text);
  while (!t.empty() && (t.back() == '.' || t.back() == ',')) t.pop_back();
  if (t.empty()) return "";
  if (std::string c = CountryOf(t); !c.empty()) return c;
  size_t cut = t.find_last_of(",/");
  if (cut != std::string::npos) {
    std::string tail = Trimmed(std::string_view(t).substr(cut + 1));
    if (std::string c = CountryOf(tail); !c.empty()) return c;
  }
  std::vector<std::string> words = io::SplitTrimmed(t, " ");
  for (size_t n = std::min<size_t>(4, words.size()); n >= 1; --n) {
    std::vector<std::string> tail(words.end() - static_cast<std::ptrdiff_t>(n), words.end());
    std::string cand = io::Join(tail, " ");
    while (!cand.empty() && !std::isalpha(static_cast<unsigned char>(cand.front()))) {
      cand.erase(cand.begin());
    }
    if (cand.size() <= 3) continue;
    if (std::string c = CountryOf(cand); !c.empty()) return c;
  }
  return "";
}

// Whether `next`, the line after the name line `name` of a free-form party
// field (4*35x), carries on the name: the name fills its line (35
// characters; 34 when a space was dropped at the break) and `next` holds no
// digit, country or town, which an address line usually does. The break may
// be inside a word; the name is joined with a space, which the scorer reads
// as one word split in two.
bool NameGoesOn(std::string_view name, std::string_view next) {
  if (io::CountCodePoints(name) < 34 || next.empty()) return false;
  return next.find_first_of("0123456789") == std::string_view::npos &&
         TrailingCountry(next).empty() && !text::IsCityName(text::Fold(next));
}

class MtReader {
 public:
  MtReader(std::string file, MessageKind kind) : file_(std::move(file)), kind_(kind) {}

  // Returns false when the message is skipped (a problem was added).
  bool Read(const MtMessage& m, int64_t index, Transaction& t, ReadResult& out) {
    t.kind = kind_;
    t.source_line = index;
    remit70_.clear();
    remit72_.clear();
    for (const auto& f : m.fields) {
      if (f.tag == "20" && t.ref.empty()) t.ref = Trimmed(f.lines[0]);
    }
    auto problem = [&](int64_t line, std::string reason) {
      out.problems.push_back(
          MessageProblem(file_, line, io::SanitizeUtf8(t.ref), io::SanitizeUtf8(reason)));
      return false;
    };
    if (!m.error.empty())
      return problem(m.line, "message " + std::to_string(index) + ": " + m.error);
    const std::string want = kind_ == MessageKind::kMt103 ? "103" : "700";
    if (!m.type.empty() && m.type != want) {
      return problem(
          m.line, "message " + std::to_string(index) + " is an MT" + m.type + ", not an MT" + want);
    }
    if (t.ref.empty()) {
      return problem(m.line, "message " + std::to_string(index) + ": 20: missing reference");
    }
    if (!m.sender.empty()) {
      Party p;
      p.role =
          kind_ == MessageKind::kMt103 ? PartyRole::kInstructingAgent : PartyRole::kIssuingBank;
      p.field = "sender";
      p.bic = m.sender;
      p.country = CountryOf(m.sender.substr(4, 2));
      t.parties.push_back(std::move(p));
    }
    if (!m.receiver.empty()) {
      Party p;
      p.role =
          kind_ == MessageKind::kMt103 ? PartyRole::kInstructedAgent : PartyRole::kAdvisingBank;
      p.field = "receiver";
      p.bic = m.receiver;
      p.country = CountryOf(m.receiver.substr(4, 2));
      t.parties.push_back(std::move(p));
    }
    error_.clear();
    for (const auto& f : m.fields) {
      if (kind_ == MessageKind::kMt103) {
        Mt103Field(f, t);
      } else {
        Mt700Field(f, t);
      }
      if (!error_.empty()) return problem(f.line, f.tag + ": " + error_);
    }
    if (kind_ == MessageKind::kMt103) {
      t.remittance = remit70_;
      AppendJoined(t.remittance, remit72_, "; ");
      GoodsFromText("70", remit70_, t);
      RouteFromParties(t);
    } else {
      RouteFromPlaces(t);
    }
    std::string bad = FirstInvalidUtf8Field(t);
    if (!bad.empty()) return problem(m.line, bad + ": invalid UTF-8");
    return true;
  }

 private:
  void Fail(std::string reason) {
    if (error_.empty()) error_ = std::move(reason);
  }

  static std::string Joined(const std::vector<std::string>& lines, size_t from = 0,
                            std::string_view sep = " ") {
    std::string out;
    for (size_t i = from; i < lines.size(); ++i)
      AppendJoined(out, io::CollapseWhitespace(lines[i]), sep);
    return out;
  }

  std::string CheckedBic(std::string_view text) {
    std::string bic = io::ToUpperAscii(io::Trim(text));
    if (!IsBic(bic)) {
      Fail("not a BIC: '" + std::string(io::Trim(text)) + "'");
      return "";
    }
    return bic;
  }

  // Options A (BIC), B (location), C (account), D (name and address), F
  // (structured), K and none (name and address). The first line may be an
  // account "/..." (or a party identifier "//..." / "/C/...").
  Party ReadParty(const MtField& f, PartyRole role) {
    Party p;
    p.role = role;
    p.field = f.tag;
    std::vector<std::string> lines;
    for (const auto& l : f.lines) lines.push_back(io::CollapseWhitespace(l));
    while (!lines.empty() && lines.front().empty()) lines.erase(lines.begin());
    size_t i = 0;
    const char option = f.tag.size() == 3 ? f.tag[2] : ' ';
    if (i < lines.size() && !lines[i].empty() && lines[i][0] == '/') {
      size_t body = lines[i].find_first_not_of('/');
      p.account = body == std::string::npos ? "" : Trimmed(std::string_view(lines[i]).substr(body));
      ++i;
    } else if (option == 'F' && i < lines.size() && lines[i].find('/') != std::string::npos &&
               !(lines[i].size() > 1 && std::isdigit(static_cast<unsigned char>(lines[i][0])) &&
                 lines[i][1] == '/')) {
      // Party identifier "CODE/CC/ID" (e.g. "NIDN/DE/121231234").
      p.registration_id = lines[i];
      ++i;
    }
    if (option == 'A') {
      if (i < lines.size()) p.bic = CheckedBic(lines[i]);
      if (!p.bic.empty()) p.country = CountryOf(p.bic.substr(4, 2));
      return p;
    }
    if (option == 'B' || option == 'C') {
      AppendJoined(p.address, Joined(lines, i));
      return p;
    }
    if (option == 'F') {
      ReadStructured(lines, i, p);
      return p;
    }
    // D, K or none: name then address lines. A name longer than a line
    // goes on in the next (NameGoesOn).
    if (i < lines.size()) p.name = lines[i++];
    if (i < lines.size() && NameGoesOn(p.name, lines[i])) AppendJoined(p.name, lines[i++], " ");
    for (; i < lines.size(); ++i) AppendJoined(p.address, lines[i]);
    if (i > 0 && !p.address.empty()) p.country = TrailingCountry(lines.back());
    return p;
  }

  // 50F / 59F: "1/name", "2/address", "3/CC/town", "4/date of birth",
  // "5/CC/place of birth", "6/CC/issuer/id", "7/CC/national id", "8/more".
  void ReadStructured(const std::vector<std::string>& lines, size_t i, Party& p) {
    char last = 0;
    for (; i < lines.size(); ++i) {
      const std::string& l = lines[i];
      if (l.size() < 2 || !std::isdigit(static_cast<unsigned char>(l[0])) || l[1] != '/') {
        Fail("line '" + l + "': expected a numbered line such as '1/NAME'");
        return;
      }
      char n = l[0];
      std::string v = Trimmed(std::string_view(l).substr(2));
      if (n == '8') n = last;  // continuation of the previous line
      switch (n) {
        case '1':
          AppendJoined(p.name, v, " ");
          break;
        case '2':
          AppendJoined(p.address, v);
          break;
        case '3': {
          std::string_view rest = v;
          size_t slash = rest.find('/');
          std::string cc = Trimmed(rest.substr(0, slash));
          std::string code = cc.size() == 2 ? CountryOf(cc) : "";
          if (code.empty()) {
            Fail("line '" + l + "': unknown country code '" + cc + "'");
            return;
          }
          p.country = code;
          if (slash != std::string_view::npos)
            AppendJoined(p.address, Trimmed(rest.substr(slash + 1)));
          break;
        }
        case '6':
        case '7':
          AppendJoined(p.registration_id, v, "; ");
          break;
        default:
          break;  // 4 (birth date), 5 (birth place): not party fields here
      }
      if (l[0] != '8') last = l[0];
    }
  }

  // "YYMMDDCCCAMOUNT" (32A) or "CCCAMOUNT" (32B, 33B).
  void ReadAmount(const MtField& f, bool with_date, Transaction& t) {
    std::string v = Trimmed(f.lines[0]);
    std::string_view s = v;
    if (with_date) {
      auto d = ParseSwiftDate(s.substr(0, 6));
      if (!d) {
        Fail("date: not a YYMMDD date: '" + std::string(s.substr(0, 6)) + "'");
        return;
      }
      t.date = d;
      s = s.size() > 6 ? s.substr(6) : std::string_view();
    }
    std::string ccy(s.substr(0, 3));
    if (!IsCurrencyCode(ccy)) {
      Fail("currency: not an ISO 4217 currency code: '" + ccy + "'");
      return;
    }
    std::string_view amount_text = s.substr(3);
    auto amount = ParseSwiftAmount(amount_text);
    if (!amount) {
      Fail("amount: not a number: '" + std::string(amount_text) + "'");
      return;
    }
    t.currency = ccy;
    t.amount = amount;
  }

  void AddParty(const MtField& f, PartyRole role, Transaction& t) {
    Party p = ReadParty(f, role);
    if (p.name.empty() && p.bic.empty() && p.account.empty() && p.address.empty()) return;
    t.parties.push_back(std::move(p));
  }

  void Mt103Field(const MtField& f, Transaction& t) {
    const std::string num = f.tag.substr(0, 2);
    if (f.tag == "32A") {
      ReadAmount(f, true, t);
    } else if (f.tag == "33B" || f.tag == "23B" || f.tag == "71A") {
      t.terms[f.tag] = Joined(f.lines);
    } else if (num == "50") {
      AddParty(f, PartyRole::kDebtor, t);
    } else if (num == "52") {
      AddParty(f, PartyRole::kDebtorAgent, t);
    } else if (num == "53") {
      AddParty(f, PartyRole::kInstructingAgent, t);
    } else if (num == "54") {
      AddParty(f, PartyRole::kInstructedAgent, t);
    } else if (num == "55" || num == "56") {
      AddParty(f, PartyRole::kIntermediaryAgent, t);
    } else if (num == "57") {
      AddParty(f, PartyRole::kCreditorAgent, t);
    } else if (num == "59") {
      AddParty(f, PartyRole::kCreditor, t);
    } else if (f.tag == "70") {
      remit70_ = Joined(f.lines);
    } else if (f.tag == "72") {
      remit72_ = Joined(f.lines);
    }
  }

  // Items of a 45A/46A list: a new item at a line starting with "+", "-",
  // "1)", "1.", "(1)" or "1/"; other lines continue the current one.
  static std::vector<std::string> Items(const std::vector<std::string>& lines) {
    std::vector<std::string> items;
    for (const auto& raw : lines) {
      std::string l = io::CollapseWhitespace(raw);
      if (l.empty()) continue;
      size_t body = 0;
      bool marker = false;
      if (l[0] == '+' || l[0] == '-' || l[0] == '*') {
        body = 1;
        marker = true;
      } else {
        size_t k = l[0] == '(' ? 1 : 0;
        size_t d = k;
        while (d < l.size() && std::isdigit(static_cast<unsigned char>(l[d]))) ++d;
        if (d > k && d <= k + 2 && d < l.size() && (l[d] == ')' || l[d] == '.' || l[d] == '/') &&
            (d + 1 == l.size() || l[d + 1] == ' ')) {
          body = d + 1;
          marker = true;
        }
      }
      std::string text = Trimmed(std::string_view(l).substr(body));
      if (marker || items.empty()) {
        if (!text.empty()) items.push_back(text);
      } else {
        AppendJoined(items.back(), text, " ");
      }
    }
    return items;
  }

  // A leading quantity: "500 PCS ...", "2,000 UNITS OF ...".
  static void LeadingQuantity(GoodsLine& g) {
    std::string_view s = g.description;
    size_t d = 0;
    while (d < s.size() &&
           (std::isdigit(static_cast<unsigned char>(s[d])) || s[d] == ',' || s[d] == '.')) {
      ++d;
    }
    if (d == 0 || d >= s.size() || s[d] != ' ') return;
    size_t w = d + 1;
    size_t e = w;
    while (e < s.size() && std::isalpha(static_cast<unsigned char>(s[e]))) ++e;
    std::string unit = io::ToUpperAscii(s.substr(w, e - w));
    static constexpr std::string_view kUnits[] = {
        "PCS",  "PC",     "PIECES", "UNITS", "UNIT",   "SETS",  "SET",   "KG",    "KGS",   "MT",
        "TONS", "LITRES", "LITERS", "M",     "METERS", "PAIRS", "BOXES", "REELS", "ROLLS", "EA"};
    bool known = false;
    for (std::string_view u : kUnits) known = known || unit == u;
    if (!known) return;
    auto q = ParseDecimal(s.substr(0, d));
    if (!q) return;
    g.quantity = q;
    g.unit = unit;
  }

  static void GoodsFromText(std::string_view field, const std::string& text, Transaction& t) {
    if (text.empty()) return;
    std::vector<std::string> codes = FindHsCodes(text);
    GoodsLine g;
    g.field = std::string(field);
    g.description = text;
    if (!codes.empty()) g.hs_code = codes[0];
    t.goods.push_back(g);
    for (size_t i = 1; i < codes.size(); ++i) {
      GoodsLine more = g;
      more.hs_code = codes[i];
      t.goods.push_back(std::move(more));
    }
  }

  void Mt700Field(const MtField& f, Transaction& t) {
    const std::string num = f.tag.substr(0, 2);
    if (f.tag == "32B") {
      ReadAmount(f, false, t);
    } else if (f.tag == "31C") {
      std::string v = Trimmed(f.lines[0]);
      t.date = ParseSwiftDate(v);
      if (!t.date) Fail("not a YYMMDD date: '" + v + "'");
    } else if (f.tag == "40A" || f.tag == "31D" || f.tag == "39A" || f.tag == "42C" ||
               f.tag == "43P" || f.tag == "43T" || f.tag == "44C" || f.tag == "44D" ||
               f.tag == "47A" || f.tag == "40E" || f.tag == "71D" || f.tag == "48" ||
               f.tag == "49" || f.tag == "78") {
      t.terms[f.tag] = Joined(f.lines);
    } else if (f.tag == "44A" || f.tag == "44E" || f.tag == "44F" || f.tag == "44B") {
      t.route.places[f.tag] = Joined(f.lines);
    } else if (f.tag == "50") {
      AddParty(f, PartyRole::kApplicant, t);
    } else if (f.tag == "59") {
      AddParty(f, PartyRole::kBeneficiary, t);
    } else if (num == "51") {
      AddParty(f, PartyRole::kIssuingBank, t);
    } else if (num == "57") {
      AddParty(f, PartyRole::kAdvisingBank, t);
    } else if (num == "41") {
      // "Available with ... by ...": the nominated bank, unless "ANY BANK".
      MtField bank = f;
      while (!bank.lines.empty() &&
             io::StartsWithIgnoreCaseAscii(Trimmed(bank.lines.back()), "BY ")) {
        t.terms["41a"] = Trimmed(bank.lines.back());
        bank.lines.pop_back();
      }
      std::string first = bank.lines.empty() ? "" : io::ToUpperAscii(Trimmed(bank.lines[0]));
      if (first.rfind("ANY BANK", 0) != 0 && !bank.lines.empty()) {
        AddParty(bank, PartyRole::kIntermediaryAgent, t);
      }
    } else if (f.tag == "45A") {
      for (const auto& item : Items(f.lines)) {
        std::vector<std::string> codes = FindHsCodes(item);
        GoodsLine g;
        g.field = "45A";
        g.description = item;
        if (!codes.empty()) g.hs_code = codes[0];
        LeadingQuantity(g);
        t.goods.push_back(std::move(g));
        if (t.route.origin.empty()) t.route.origin = OriginIn(item);
      }
    } else if (f.tag == "46A") {
      t.documents = Items(f.lines);
    }
  }

  // "ORIGIN: CHINA", "COUNTRY OF ORIGIN CHINA", "CHINESE ORIGIN" is not read.
  static std::string OriginIn(std::string_view item) {
    std::string up = io::ToUpperAscii(item);
    size_t at = up.find("ORIGIN");
    if (at == std::string::npos) return "";
    std::string_view rest = std::string_view(up).substr(at + 6);
    while (!rest.empty() && (rest[0] == ' ' || rest[0] == ':' || rest[0] == '-')) {
      rest.remove_prefix(1);
    }
    size_t end = rest.find_first_of(",;.");
    std::string cand = Trimmed(rest.substr(0, end));
    // Up to four words.
    std::vector<std::string> words = io::SplitTrimmed(cand, " ");
    for (size_t n = std::min<size_t>(4, words.size()); n >= 1; --n) {
      std::vector<std::string> head(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(n));
      std::string c = CountryOf(io::Join(head, " "));
      if (!c.empty() && (n > 1 || head[0].size() == 2 || head[0].size() > 3)) return c;
    }
    return "";
  }

  // MT700: countries of 44A, 44E, 44F, 44B in that order: the first is the
  // dispatch country, the last the destination, those between transit.
  static void RouteFromPlaces(Transaction& t) {
    std::vector<std::string> seq;
    for (const char* tag : {"44A", "44E", "44F", "44B"}) {
      auto it = t.route.places.find(tag);
      if (it == t.route.places.end()) continue;
      std::string c = TrailingCountry(it->second);
      if (!c.empty() && (seq.empty() || seq.back() != c)) seq.push_back(c);
    }
    if (seq.empty()) return;
    t.route.dispatch = seq.front();
    if (seq.size() > 1) t.route.destination = seq.back();
    for (size_t i = 1; i + 1 < seq.size(); ++i) {
      if (seq[i] != t.route.dispatch && seq[i] != t.route.destination) {
        t.route.transit.push_back(seq[i]);
      }
    }
  }

  // MT103: dispatch = the ordering customer's (or its bank's) country,
  // destination = the beneficiary's (or its bank's), transit = intermediaries.
  static void RouteFromParties(Transaction& t) {
    auto first = [&](std::initializer_list<PartyRole> roles, bool headers = false) -> std::string {
      for (PartyRole r : roles) {
        for (const auto& p : t.parties) {
          bool header = p.field == "sender" || p.field == "receiver";
          if (p.role == r && !p.country.empty() && header == headers) {
            return p.country;
          }
        }
      }
      return "";
    };
    t.route.dispatch = first({PartyRole::kDebtor, PartyRole::kDebtorAgent});
    if (t.route.dispatch.empty()) t.route.dispatch = first({PartyRole::kInstructingAgent}, true);
    t.route.destination = first({PartyRole::kCreditor, PartyRole::kCreditorAgent});
    for (const auto& p : t.parties) {
      if (p.role == PartyRole::kIntermediaryAgent && !p.country.empty()) {
        t.route.transit.push_back(p.country);
      }
    }
  }

  std::string file_;
  MessageKind kind_;
  std::string error_;
  std::string remit70_;
  std::string remit72_;
};

Result<ReadResult> ParseMt(std::string_view data, std::string_view name, MessageKind kind) {
  const std::string file(name);
  const std::string want = kind == MessageKind::kMt103 ? "MT103" : "MT700";
  const bool fin = data.find("{1:") != std::string_view::npos ||
                   data.find("{2:") != std::string_view::npos ||
                   data.find("{4:") != std::string_view::npos;
  std::vector<MtMessage> messages = fin ? SplitFin(data) : SplitBare(data);
  bool any_fields = false;
  for (const auto& m : messages) any_fields = any_fields || !m.fields.empty() || !m.error.empty();
  if (!any_fields) {
    return Status::ParseError(file + ": not an " + want + " file: no message with ':20:' style " +
                              "fields (expected FIN blocks {1:..}{2:..}{4:..-} or ':tag:' lines)");
  }
  // A file whose every message has another type is not of the format.
  const std::string type = kind == MessageKind::kMt103 ? "103" : "700";
  bool any_right = false;
  std::string other;
  for (const auto& m : messages) {
    if (m.type.empty() || m.type == type) any_right = true;
    if (!m.type.empty() && m.type != type) other = m.type;
  }
  if (!any_right) {
    return Status::ParseError(file + ": not an " + want + " file: its messages are MT" + other);
  }
  ReadResult out;
  MtReader reader(file, kind);
  int64_t index = 0;
  for (const auto& m : messages) {
    if (m.service && m.fields.empty()) continue;
    ++index;
    Transaction t;
    if (reader.Read(m, index, t, out)) out.transactions.push_back(std::move(t));
  }
  return out;
}

}  // namespace

Result<ReadResult> ParseMt103(std::string_view data, std::string_view name) {
  return ParseMt(data, name, MessageKind::kMt103);
}

Result<ReadResult> ParseMt700(std::string_view data, std::string_view name) {
  return ParseMt(data, name, MessageKind::kMt700);
}

Result<ReadResult> ReadMt103(const std::string& path) {
  CHOKEPOINT_ASSIGN_OR_RETURN(std::string data, io::ReadFile(path));
  return ParseMt103(data, path);
}

Result<ReadResult> ReadMt700(const std::string& path) {
  CHOKEPOINT_ASSIGN_OR_RETURN(std::string data, io::ReadFile(path));
  return ParseMt700(data, path);
}

}  // namespace chokepoint::check
