#include "lists/common.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "io/strings.h"

namespace chokepoint::lists {

namespace {

struct CountryName {
  const char* name;
  const char* code;
};
#include "lists/countries_table.inc"

std::string FoldCountry(std::string_view s) {
  std::string out;
  size_t pos = 0;
  bool space = false;
  while (pos < s.size()) {
    char32_t cp = io::DecodeUtf8(s, pos);
    if (cp == ' ' || cp == '\t' || cp == 0xA0) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    if (cp >= 'A' && cp <= 'Z') cp = cp - 'A' + 'a';
    // Fold the Latin-1 letters that appear in country names.
    if (cp == 0xE7 || cp == 0xC7) cp = 'c';
    if ((cp >= 0xE8 && cp <= 0xEB) || (cp >= 0xC8 && cp <= 0xCB)) cp = 'e';
    if ((cp >= 0xE0 && cp <= 0xE5) || (cp >= 0xC0 && cp <= 0xC5)) cp = 'a';
    if ((cp >= 0xF2 && cp <= 0xF6) || (cp >= 0xD2 && cp <= 0xD6)) cp = 'o';
    if ((cp >= 0xEC && cp <= 0xEF) || (cp >= 0xCC && cp <= 0xCF)) cp = 'i';
    if ((cp >= 0xF9 && cp <= 0xFC) || (cp >= 0xD9 && cp <= 0xDC)) cp = 'u';
    if (cp == 0x2019) cp = '\'';
    io::AppendUtf8(out, cp);
  }
  return out;
}

const std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                  "jul", "aug", "sep", "oct", "nov", "dec"};

int MonthFromName(std::string_view s) {
  if (s.size() < 3) return 0;
  std::string low = io::ToLowerAscii(s.substr(0, 3));
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (low == kMonths[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

int ToInt(std::string_view s) {
  if (!io::IsDigits(s) || s.size() > 4) return -1;
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::optional<PartialDate> Make(int y, int m, int d, bool circa) {
  if (y < 1000 || y > 2999 || m < 0 || m > 12 || d < 0 || d > 31) return std::nullopt;
  if (m == 0 && d != 0) return std::nullopt;
  PartialDate out;
  out.year = static_cast<int16_t>(y);
  out.month = static_cast<int8_t>(m);
  out.day = static_cast<int8_t>(d);
  out.circa = circa;
  return out;
}

}  // namespace

std::string CountryCode(std::string_view name) {
  std::string key = FoldCountry(io::Trim(name));
  if (key.empty()) return "";
  if (key.size() == 2) {
    std::string up = io::ToUpperAscii(key);
    for (const char* c : kCountryCodes) {
      if (up == c) return up;
    }
  }
  auto it = std::lower_bound(std::begin(kCountryNames), std::end(kCountryNames), key,
                             [](const CountryName& a, const std::string& k) { return a.name < k; });
  if (it != std::end(kCountryNames) && key == it->name) return it->code;
  // "Moscow, Russia" style: try the last comma-separated piece.
  if (size_t comma = key.rfind(','); comma != std::string::npos) {
    std::string tail(io::Trim(std::string_view(key).substr(comma + 1)));
    if (!tail.empty() && tail != key) {
      auto it2 =
          std::lower_bound(std::begin(kCountryNames), std::end(kCountryNames), tail,
                           [](const CountryName& a, const std::string& k) { return a.name < k; });
      if (it2 != std::end(kCountryNames) && tail == it2->name) return it2->code;
    }
  }
  return "";
}

std::string_view InvertedCountryCode(std::string_view words) {
  static const auto* inverted = [] {
    auto* m = new std::unordered_map<std::string, std::string_view>;
    for (const CountryName& c : kCountryNames) {
      const std::string_view name = c.name;
      if (name.find(", ") == std::string_view::npos) continue;
      std::string key;
      for (char ch : name) {
        if (ch != ',') key.push_back(ch);
      }
      m->emplace(std::move(key), c.code);
    }
    return m;
  }();
  const auto it = inverted->find(std::string(words));
  return it == inverted->end() ? std::string_view() : it->second;
}

std::optional<PartialDate> ParseListDate(std::string_view text) {
  std::string_view s = io::Trim(text);
  bool circa = false;
  for (std::string_view prefix : {"circa ", "circa", "c. ", "ca. ", "approximately ", "approx. "}) {
    if (io::StartsWithIgnoreCaseAscii(s, prefix)) {
      s = io::Trim(s.substr(prefix.size()));
      circa = true;
      break;
    }
  }
  // "1975 to 1977" and "1975-1977": keep the first year, mark circa.
  if (s.size() >= 9 && io::IsDigits(s.substr(0, 4)) &&
      (s.substr(4, 4) == " to " || (s[4] == '-' && s.size() == 9 && io::IsDigits(s.substr(5))))) {
    return Make(ToInt(s.substr(0, 4)), 0, 0, true);
  }
  if (auto iso = ParsePartialDate(s)) {
    iso->circa = circa;
    return iso;
  }
  // ISO date-time: take the date part.
  if (s.size() > 10 && (s[10] == 'T' || s[10] == ' ')) {
    if (auto iso = ParsePartialDate(s.substr(0, 10))) return iso;
  }
  // Tokens separated by space, '/', '.', or '-'.
  std::vector<std::string> parts;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '/' || c == '.' || c == '-' || c == ',') {
      if (!cur.empty()) parts.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) parts.push_back(cur);
  if (parts.size() == 3) {
    int m = MonthFromName(parts[1]);
    if (m > 0 && ToInt(parts[0]) > 0 && ToInt(parts[2]) >= 1000) {  // 12 Apr 1975
      return Make(ToInt(parts[2]), m, ToInt(parts[0]), circa);
    }
    m = MonthFromName(parts[0]);
    if (m > 0 && ToInt(parts[1]) > 0 && ToInt(parts[2]) >= 1000) {  // Apr 12 1975
      return Make(ToInt(parts[2]), m, ToInt(parts[1]), circa);
    }
    if (ToInt(parts[0]) >= 0 && ToInt(parts[1]) >= 0 && ToInt(parts[2]) >= 1000 &&
        parts[2].size() == 4) {  // 12/04/1975, day first; 00 means unknown
      int d = ToInt(parts[0]), mm = ToInt(parts[1]);
      if (mm == 0) d = 0;
      return Make(ToInt(parts[2]), mm, d, circa);
    }
    if (parts[0].size() == 4 && ToInt(parts[0]) >= 1000 && ToInt(parts[1]) >= 0 &&
        ToInt(parts[2]) >= 0) {  // 1975/04/12
      int mm = ToInt(parts[1]), d = ToInt(parts[2]);
      if (mm == 0) d = 0;
      return Make(ToInt(parts[0]), mm, d, circa);
    }
  } else if (parts.size() == 2) {
    int m = MonthFromName(parts[0]);
    if (m > 0 && ToInt(parts[1]) >= 1000) return Make(ToInt(parts[1]), m, 0, circa);
    if (ToInt(parts[0]) >= 0 && ToInt(parts[1]) >= 1000 && parts[1].size() == 4) {
      return Make(ToInt(parts[1]), ToInt(parts[0]), 0, circa);
    }
  } else if (parts.size() == 1 && parts[0].size() == 4 && ToInt(parts[0]) >= 1000) {
    return Make(ToInt(parts[0]), 0, 0, circa);
  }
  return std::nullopt;
}

std::string DateFromFileName(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  // The last "YYYY-MM-DD" or "YYYY-MM" run in the name wins.
  std::string best;
  for (size_t i = 0; i + 7 <= base.size(); ++i) {
    if (i > 0 && base[i - 1] >= '0' && base[i - 1] <= '9') continue;
    std::string_view rest = base.substr(i);
    if (rest.size() >= 10 && ParsePartialDate(rest.substr(0, 10)) &&
        (rest.size() == 10 || !(rest[10] >= '0' && rest[10] <= '9'))) {
      best = std::string(rest.substr(0, 10));
    } else if (ParsePartialDate(rest.substr(0, 7)) &&
               (rest.size() == 7 || !(rest[7] >= '0' && rest[7] <= '9'))) {
      best = std::string(rest.substr(0, 7));
    }
  }
  return best;
}

Name* AddName(Entity& e, std::string_view full, NameKind kind) {
  std::string clean = io::CollapseWhitespace(full);
  if (clean.empty()) return nullptr;
  for (auto& n : e.names) {
    if (n.full == clean && n.kind == kind) return nullptr;
  }
  Name n;
  n.full = std::move(clean);
  n.kind = kind;
  n.script = DetectScript(n.full);
  e.names.push_back(std::move(n));
  return &e.names.back();
}

void AddUnique(std::vector<std::string>& list, std::string_view value) {
  std::string v = io::CollapseWhitespace(value);
  if (v.empty()) return;
  if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(std::move(v));
}

Schema OrgSchemaFromName(std::string_view name) {
  // Legal forms that mark a commercial company, matched as whole words
  // (upper-cased ASCII) or as substrings for non-Latin scripts.
  static const std::array<std::string_view, 44> kWords = {
      "LLC",         "L.L.C.", "LTD",  "LTD.",    "LIMITED", "INC",  "INC.", "CORP",   "CORP.",
      "CORPORATION", "CO.",    "CO",   "COMPANY", "GMBH",    "AG",   "S.A.", "SA",     "SAS",
      "S.A.R.L.",    "SARL",   "B.V.", "BV",      "N.V.",    "PLC",  "JSC",  "OJSC",   "CJSC",
      "PJSC",        "OOO",    "ZAO",  "OAO",     "PAO",     "AO",   "LLP",  "S.R.L.", "SRL",
      "SPA",         "S.P.A.", "FZE",  "FZCO",    "FZ-LLC",  "DMCC", "PTE",  "PVT"};
  static const std::array<std::string_view, 10> kSubstrings = {"有限公司",
                                                               "股份",
                                                               "公司",
                                                               "ООО",
                                                               "АО ",
                                                               "ПАО",
                                                               "ЗАО",
                                                               "ОАО",
                                                               "Общество с ограниченной",
                                                               "акционерное общество"};
  for (auto sub : kSubstrings) {
    if (name.find(sub) != std::string_view::npos) return Schema::kCompany;
  }
  std::string up = io::ToUpperAscii(name);
  std::string word;
  auto check = [&](const std::string& w) {
    for (auto k : kWords) {
      if (w == k) return true;
    }
    return false;
  };
  for (size_t i = 0; i <= up.size(); ++i) {
    char c = i < up.size() ? up[i] : ' ';
    if (c == ' ' || c == ',' || c == '(' || c == ')' || c == '"' || c == ';') {
      if (!word.empty() && check(word)) return Schema::kCompany;
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  return Schema::kOrganization;
}

std::string NormalizeGender(std::string_view text) {
  std::string low = io::ToLowerAscii(io::Trim(text));
  if (low == "m" || low == "male" || low == "man") return "male";
  if (low == "f" || low == "female" || low == "woman") return "female";
  return "";
}

Problem MakeProblem(const InputFile& file, int64_t line, std::string record_id,
                    std::string reason) {
  Problem p;
  p.file = file.path;
  p.line = line;
  p.record_id = std::move(record_id);
  p.reason = std::move(reason);
  return p;
}

std::optional<Problem> CheckUtf8(const InputFile& file, int64_t line, std::string_view record_id,
                                 std::string_view text) {
  size_t bad = io::FindInvalidUtf8(text);
  if (bad == std::string_view::npos) return std::nullopt;
  Problem p = MakeProblem(file, line, std::string(record_id),
                          "invalid UTF-8 at byte " + std::to_string(bad + 1) + " of the record");
  return p;
}

}  // namespace chokepoint::lists
