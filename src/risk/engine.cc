// The risk engine: screening of every party, classification of every goods
// line, the route and the red-flag rules of the rules file, joined into a
// 0-100 risk and a decision per transaction. docs/risk.md describes the rules
// and the decision logic.
//
// A batch runs in four stages: collect (deduplicate parties and goods lines,
// single-threaded), screen the unique parties, classify the unique goods
// lines (both on a small thread pool), then evaluate the rules per
// transaction (thread pool). The history rules need the whole batch: a
// buyer's records (batch and RiskOptions::history) are gathered and sorted
// by date once, between the classification and the rules.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "chokepoint/check.h"
#include "chokepoint/goods.h"
#include "io/file.h"
#include "io/strings.h"
#include "risk/rules.h"
#include "text/analyze.h"
#include "text/name_field.h"

namespace chokepoint::check {

std::string_view DecisionName(Decision decision) {
  switch (decision) {
    case Decision::kClear:
      return "clear";
    case Decision::kReview:
      return "review";
    case Decision::kBlock:
      return "block";
    case Decision::kCannotClear:
      return "cannot_clear";
  }
  return "clear";
}

std::string_view DefaultRulesJson() {
  static constexpr std::string_view kText =
#include "risk/default_rules.inc"
      ;
  return kText;
}

namespace {

using risk::RuleSet;
using Clock = std::chrono::steady_clock;

bool IsAgent(PartyRole r) {
  switch (r) {
    case PartyRole::kDebtorAgent:
    case PartyRole::kCreditorAgent:
    case PartyRole::kIntermediaryAgent:
    case PartyRole::kInstructingAgent:
    case PartyRole::kInstructedAgent:
    case PartyRole::kIssuingBank:
    case PartyRole::kAdvisingBank:
      return true;
    default:
      return false;
  }
}

bool RoleIn(PartyRole role, const std::vector<std::string>& roles) {
  std::string_view k = PartyRoleName(role);
  for (const auto& r : roles) {
    if (r == k) return true;
  }
  return false;
}

// The party that buys the goods: whose history the history rules follow.
bool IsBuyer(PartyRole r) {
  return r == PartyRole::kConsignee || r == PartyRole::kDebtor || r == PartyRole::kApplicant;
}

std::string FormatNumber(double v, int precision = 2) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", precision, v);
  return buf;
}

int DayOf(const PartialDate& d) {
  return risk::DayNumber(d.year, d.month > 0 ? d.month : 1, d.day > 0 ? d.day : 1);
}

std::string DayString(int day) {
  // civil_from_days
  int z = day + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[40];  // room for any int and unsigned (the compiler checks it)
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

// Finds a folded keyword in folded text: it must start at a token boundary;
// a keyword whose last token is short (<= 3 letters) must also end at one;
// longer ones may be word stems. Keywords in Han script match anywhere.
size_t FindKeyword(std::string_view text, std::string_view kw) {
  if (kw.empty()) return std::string_view::npos;
  if (ContainsScript(kw, Script::kHan)) return text.find(kw);
  size_t last_space = kw.rfind(' ');
  std::string_view last = last_space == std::string_view::npos ? kw : kw.substr(last_space + 1);
  bool whole = io::CountCodePoints(last) <= 3;
  size_t pos = 0;
  while ((pos = text.find(kw, pos)) != std::string_view::npos) {
    bool start_ok = pos == 0 || text[pos - 1] == ' ';
    size_t end = pos + kw.size();
    bool end_ok = !whole || end == text.size() || text[end] == ' ';
    if (start_ok && end_ok) return pos;
    ++pos;
  }
  return std::string_view::npos;
}

// The first keyword of `list` found in `folded`, or "".
std::string FirstKeyword(std::string_view folded, const risk::KeywordList& list) {
  for (const auto& kw : list.folded) {
    if (FindKeyword(folded, kw) != std::string_view::npos) return kw;
  }
  return "";
}

// What the rules need to know about one distinct party, computed once.
struct PartyFacts {
  std::string forwarder_kw, bank_kw, mail_kw;  // keyword found ("" = none)
  std::string mail_field;                      // "name" or "address"
  bool to_order_of_bank = false;               // "to the order of <bank>"
  std::string lc_phrase;
  std::string free_mail_domain;
  std::string calling_code;  // "" when the phone has no international prefix
  std::vector<std::string> calling_countries;
  std::string folded_name;
  int screening = -1;  // index into the screening table
};

struct GoodsFacts {
  std::string hs6;  // six digits, or a heading (4) with CHPL subheadings
  std::string tier;
  std::string basis;  // "hs_code", "hs_heading", "classifier"
  double score = 0;
  std::string evidence;
  bool part_number = false;  // the classifier matched a part-number pattern
};

// What a party's address adds to its screening (ReadAddress): the parties
// it says the party is reached through, screened with the party's name, and
// the identifiers its lines write after their labels, screened as
// identifiers.
struct AddressReads {
  std::string care_of;               // the parties it is reached through
  std::string contact;               // the persons to attend to there
  std::string identifiers;           // labels and values: "INN 7707083893, KPP 770701001"
  std::vector<std::string> numbers;  // what they stand for (FieldIdentifier::Numbers)
};

struct ScreeningFacts {
  std::vector<ScreenHit> hits;
  std::string error;
  AddressReads address;  // what the party's address added to the query
};

void Mix(size_t& h, std::string_view s) {
  h ^= std::hash<std::string_view>{}(s) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
}
struct PartyHash {
  size_t operator()(const Party* p) const {
    size_t h = std::hash<std::string_view>{}(p->name);
    for (const std::string* s :
         {&p->address, &p->country, &p->phone, &p->email, &p->bic, &p->registration_id}) {
      Mix(h, *s);
    }
    if (p->incorporated) Mix(h, p->incorporated->ToString());
    return h;
  }
};
struct PartyEq {
  bool operator()(const Party* a, const Party* b) const {
    return a->name == b->name && a->address == b->address && a->country == b->country &&
           a->phone == b->phone && a->email == b->email && a->bic == b->bic &&
           a->registration_id == b->registration_id && a->incorporated == b->incorporated;
  }
};
struct GoodsHash {
  size_t operator()(const GoodsLine* g) const {
    size_t h = std::hash<std::string_view>{}(g->hs_code);
    Mix(h, g->description);
    Mix(h, g->unit);
    Mix(h, g->currency);
    return h;
  }
};
struct GoodsEq {
  bool operator()(const GoodsLine* a, const GoodsLine* b) const {
    return a->hs_code == b->hs_code && a->description == b->description && a->unit == b->unit &&
           a->currency == b->currency;
  }
};

// The parties a party's address names (text::SplitNameField's other
// parties), each up to the end of its address line (the lines are joined
// with ", "): into `care_of` those it says the party is reached through
// (care of, on behalf of), joined with " C/O ", into `contact` the persons it
// says to attend to there (attn), joined with " ATTN ". "C/O ROSOBORONEXPORT,
// MOSCOW" gives ROSOBORONEXPORT. And the identifiers its lines write after
// their labels (text::CutIdentifiers: "INN 7707083893 KPP 770701001,
// MOSCOW"), as payment messages to Russia often do on the line after the
// name.
AddressReads ReadAddress(const Party& p) {
  AddressReads out;
  for (const text::NameFieldPart& part : text::SplitNameField(p.address)) {
    if (!part.other_party) continue;
    const std::string_view name =
        io::Trim(std::string_view(part.name).substr(0, part.name.find(',')));
    if (name.empty()) continue;
    std::string& to = part.contact ? out.contact : out.care_of;
    if (!to.empty()) to += part.contact ? " ATTN " : " C/O ";
    to += name;
  }
  for (const text::FieldIdentifier& id : text::CutIdentifiers(p.address).identifiers) {
    if (!out.identifiers.empty()) out.identifiers += ", ";
    out.identifiers += id.Written();
    for (std::string& n : id.Numbers()) out.numbers.push_back(std::move(n));
  }
  return out;
}

// What makes two parties one screening query.
std::string ScreenKey(const Party& p, const AddressReads& address) {
  std::string k;
  k += IsAgent(p.role) ? 'A' : 'P';
  k += p.name;
  k += '\x1f';
  k += address.care_of;
  k += '\x1f';
  k += address.contact;
  k += '\x1f';
  k += address.identifiers;
  k += '\x1f';
  k += p.country;
  k += '\x1f';
  k += p.bic;
  k += '\x1f';
  k += p.registration_id;
  return k;
}

std::string GoodsKey(const GoodsLine& g) {
  std::string k = g.hs_code;
  k += '\x1f';
  k += g.description;
  return k;
}

// Runs fn(i) for i in [0, n) on `threads` threads; the caller reports progress.
void RunParallel(uint64_t n, int threads, const std::function<void(uint64_t)>& fn,
                 const BatchOptions& options, std::string_view stage) {
  if (n == 0) return;
  std::atomic<uint64_t> next{0}, done{0};
  auto worker = [&] {
    for (;;) {
      uint64_t i = next.fetch_add(1);
      if (i >= n) break;
      fn(i);
      done.fetch_add(1, std::memory_order_relaxed);
    }
  };
  threads = std::max(1, threads);
  if (threads == 1 && !options.progress) {
    worker();
    return;
  }
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
  if (options.progress) {
    while (done.load() < n) {
      options.progress(stage, done.load(), n);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  for (auto& t : pool) t.join();
  if (options.progress) options.progress(stage, n, n);
}

// One record of a buyer's history.
struct BuyerRecord {
  int day = 0;
  bool chpl = false;
  double chpl_value = 0;
  int64_t tx = -1;  // index into the batch, -1 for history
};

struct BuyerHistory {
  std::vector<BuyerRecord> records;  // sorted by day
  std::vector<double> chpl_prefix;   // prefix sums of chpl_value
};

std::string PriceGroupKey(const std::string& hs6, const GoodsLine& g) {
  return hs6 + "|" + io::ToLowerAscii(io::Trim(g.unit)) + "|" +
         io::ToUpperAscii(io::Trim(g.currency));
}

bool IsPieceUnit(std::string_view unit) {
  std::string u = io::ToLowerAscii(io::Trim(unit));
  return u == "u" || u == "pcs" || u == "pc" || u == "piece" || u == "pieces" || u == "unit" ||
         u == "units" || u == "nmb" || u == "nar" || u == "ea" || u == "each" || u == "шт";
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + mid, v.end());
  double m = v[mid];
  if (v.size() % 2 == 0) {
    double lo = *std::max_element(v.begin(), v.begin() + mid);
    m = (m + lo) / 2;
  }
  return m;
}

}  // namespace

struct RiskEngine::Impl {
  std::shared_ptr<const Screener> screener;
  RiskOptions options;
  RuleSet rules;
  std::string lists_version;
  std::string lists_date;
  int lists_age_days = 0;
  bool stale = true;
  int today = 0;
  // History, prepared once.
  std::unordered_map<std::string, std::vector<BuyerRecord>> history_buyers;
  std::unordered_map<std::string, std::vector<double>> history_prices;

  // ---- per-entity facts ----
  GoodsFacts Classify(const GoodsLine& g) const;
  PartyFacts Describe(const Party& p) const;
  // `address` is ReadAddress(p).
  ScreeningFacts ScreenParty(const Party& p, AddressReads address) const;
  bool GoodsIsChpl(const GoodsFacts& f) const { return !f.tier.empty(); }

  std::vector<CheckResult> Run(std::span<const Transaction> txs, const BatchOptions& options,
                               BatchStats* stats) const;
};

GoodsFacts RiskEngine::Impl::Classify(const GoodsLine& g) const {
  GoodsFacts f;
  std::string note;
  if (!io::Trim(g.hs_code).empty()) {
    auto lookup = goods::NormalizeHs(g.hs_code);
    if (lookup.ok() && !lookup->is_heading) {
      f.hs6 = lookup->code.hs6;
      f.tier = lookup->code.chpl_tier;
      f.basis = "hs_code";
      f.score = 1;
      f.evidence = "hs_code " + g.hs_code + " -> " + f.hs6;
      return f;
    }
    if (lookup.ok() && lookup->is_heading) {
      f.hs6 = lookup->heading;
      f.basis = "hs_heading";
      for (const auto& sub : lookup->subheadings) {
        if (!sub.chpl_tier.empty() && (f.tier.empty() || sub.chpl_tier < f.tier)) {
          f.tier = sub.chpl_tier;
        }
      }
      f.evidence = lookup->note;
      if (!f.tier.empty() || io::Trim(g.description).empty()) return f;
      note = lookup->note + "; ";
      f = GoodsFacts();
    } else if (!lookup.ok()) {
      note = "hs_code not usable: " + lookup.status().message() + "; ";
    }
  }
  if (io::Trim(g.description).empty()) {
    f.evidence = note;
    return f;
  }
  goods::ClassifyOptions co;
  co.top_k = 1;
  auto cands = goods::ClassifyGoods(g.description, co);
  if (cands.empty() || cands[0].score < rules.min_classifier_score) {
    f.evidence = note + "no confident classification";
    return f;
  }
  const auto& c = cands[0];
  f.hs6 = c.code.hs6;
  f.tier = c.code.chpl_tier;
  f.basis = "classifier";
  f.score = c.score;
  f.evidence = note + io::Join(c.evidence, "; ");
  for (const auto& e : c.evidence) {
    if (e.rfind("pattern:", 0) == 0) f.part_number = true;
  }
  return f;
}

PartyFacts RiskEngine::Impl::Describe(const Party& p) const {
  PartyFacts f;
  f.folded_name = text::Fold(p.name);
  f.forwarder_kw = FirstKeyword(f.folded_name, rules.forwarder_words);
  f.bank_kw = FirstKeyword(f.folded_name, rules.bank_words);
  f.mail_kw = FirstKeyword(f.folded_name, rules.mail_words);
  if (!f.mail_kw.empty()) {
    f.mail_field = "name";
  } else if (rules.mail_check_address && !p.address.empty()) {
    f.mail_kw = FirstKeyword(text::Fold(p.address), rules.mail_words);
    if (!f.mail_kw.empty()) f.mail_field = "address";
  }
  if (!f.bank_kw.empty()) {
    for (const auto& ph : rules.lc_phrases.folded) {
      if (ph.find("order") == std::string::npos) continue;  // "to (the) order of"
      if (FindKeyword(f.folded_name, ph) != std::string_view::npos) {
        f.to_order_of_bank = true;
        f.lc_phrase = ph;
        break;
      }
    }
  }
  if (size_t at = p.email.rfind('@'); at != std::string::npos) {
    std::string domain = io::ToLowerAscii(io::Trim(std::string_view(p.email).substr(at + 1)));
    if (rules.free_mail_domains.count(domain)) f.free_mail_domain = domain;
  }
  // Phone: "+CC ..." or "00CC ...".
  std::string digits;
  std::string_view ph = io::Trim(p.phone);
  bool intl = false;
  if (!ph.empty() && ph[0] == '+') {
    intl = true;
    ph.remove_prefix(1);
  } else if (ph.size() > 2 && ph[0] == '0' && ph[1] == '0') {
    intl = true;
    ph.remove_prefix(2);
  }
  if (intl) {
    for (char c : ph) {
      if (c >= '0' && c <= '9') digits += c;
      if (digits.size() >= 4) break;
    }
    for (size_t len = std::min<size_t>(4, digits.size()); len >= 1; --len) {
      auto it = rules.calling_codes.find(digits.substr(0, len));
      if (it != rules.calling_codes.end()) {
        f.calling_code = it->first;
        f.calling_countries = it->second;
        break;
      }
    }
  }
  return f;
}

ScreeningFacts RiskEngine::Impl::ScreenParty(const Party& p, AddressReads address) const {
  ScreeningFacts f;
  if (io::Trim(p.name).empty()) return f;
  ScreenQuery q;
  // With the parties its address says it is reached through and the
  // persons to attend to there (the screener screens each name of "NAME C/O
  // OTHER ATTN PERSON" too) and the identifiers it writes.
  f.address = std::move(address);
  q.name = p.name;
  if (!f.address.care_of.empty()) q.name += " C/O " + f.address.care_of;
  if (!f.address.contact.empty()) q.name += " ATTN " + f.address.contact;
  q.country = p.country;
  if (!p.bic.empty()) q.identifiers.push_back(p.bic);
  if (!p.registration_id.empty()) q.identifiers.push_back(p.registration_id);
  q.identifiers.insert(q.identifiers.end(), f.address.numbers.begin(), f.address.numbers.end());
  q.limit = rules.list_hits_per_party;
  q.threshold = options.list_match_threshold.value_or(rules.list_alert_score);
  auto r = screener->Screen(q);
  if (!r.ok()) {
    f.error = r.status().message();
    return f;
  }
  f.hits = std::move(r->hits);
  return f;
}

namespace {

// Everything one transaction's rules read.
struct TxView {
  const Transaction* tx;
  std::span<const int> party_facts;  // per party: index into the party table
  std::span<const int> goods_facts;  // per goods line: index into the goods table
};

void AddAlert(std::vector<Alert>& out, const risk::RuleInfo& info, int severity,
              std::vector<std::pair<std::string, std::string>> evidence) {
  Alert a;
  a.rule = info.id;
  a.source = info.source;
  a.title = info.title;
  a.severity = std::clamp(severity, 0, 100);
  a.evidence = std::move(evidence);
  out.push_back(std::move(a));
}

// The destination country: the route's, else the buyer side's.
std::string Destination(const Transaction& t) {
  if (!t.route.destination.empty()) return t.route.destination;
  for (PartyRole r : {PartyRole::kConsignee, PartyRole::kNotifyParty, PartyRole::kUltimateCreditor,
                      PartyRole::kCreditor, PartyRole::kApplicant}) {
    for (const auto& p : t.parties) {
      if (p.role == r && !p.country.empty()) return p.country;
    }
  }
  return "";
}

// One of a rule's country fields present in a transaction; the evidence
// label is only built when an alert needs it.
struct FieldCountry {
  std::string_view field;  // "route.origin", ... or a role name
  int transit = -1;        // index for route.transit
  bool role = false;       // field is a role: label "ROLE.country"
  const std::string* country = nullptr;
  std::string Label() const {
    if (transit >= 0) return "route.transit[" + std::to_string(transit) + "]";
    if (role) return std::string(field) + ".country";
    return std::string(field);
  }
};

void FieldCountries(const Transaction& t, const std::vector<std::string>& fields,
                    std::vector<FieldCountry>& out) {
  out.clear();
  for (const auto& f : fields) {
    if (f == "origin" && !t.route.origin.empty()) {
      out.push_back({"route.origin", -1, false, &t.route.origin});
    } else if (f == "dispatch" && !t.route.dispatch.empty()) {
      out.push_back({"route.dispatch", -1, false, &t.route.dispatch});
    } else if (f == "destination" && !t.route.destination.empty()) {
      out.push_back({"route.destination", -1, false, &t.route.destination});
    } else if (f == "transit") {
      for (size_t i = 0; i < t.route.transit.size(); ++i) {
        out.push_back({"route.transit", static_cast<int>(i), false, &t.route.transit[i]});
      }
    } else if (size_t dot = f.find('.'); dot != std::string::npos) {
      std::string_view role = std::string_view(f).substr(0, dot);
      for (const auto& p : t.parties) {
        if (PartyRoleName(p.role) == role && !p.country.empty()) {
          out.push_back({PartyRoleName(p.role), -1, true, &p.country});
        }
      }
    }
  }
}

std::string PartyLabel(const Party& p) { return std::string(PartyRoleName(p.role)); }

}  // namespace

std::vector<CheckResult> RiskEngine::Impl::Run(std::span<const Transaction> txs,
                                               const BatchOptions& bopts, BatchStats* stats) const {
  auto t0 = Clock::now();
  const RuleSet& R = rules;
  // ---- collect ----
  std::vector<int> party_index, goods_index;  // flattened per transaction
  std::vector<size_t> party_offset(txs.size() + 1), goods_offset(txs.size() + 1);
  std::vector<const Party*> party_rep;  // one representative per distinct party
  std::vector<int> party_screen;        // party -> screening index
  // One per distinct screening query: the party, and what its address adds
  // (the key holds it, the query is written with it).
  struct ScreenRep {
    const Party* party;
    AddressReads address;
  };
  std::vector<ScreenRep> screen_rep;
  std::vector<const GoodsLine*> goods_rep;
  {
    std::unordered_map<const Party*, int, PartyHash, PartyEq> party_ids;
    std::unordered_map<const GoodsLine*, int, GoodsHash, GoodsEq> goods_ids;
    std::unordered_map<std::string, int> screen_ids;
    for (size_t i = 0; i < txs.size(); ++i) {
      party_offset[i] = party_index.size();
      goods_offset[i] = goods_index.size();
      for (const auto& p : txs[i].parties) {
        int id;
        if (bopts.deduplicate) {
          auto [it, inserted] = party_ids.try_emplace(&p, static_cast<int>(party_rep.size()));
          id = it->second;
          if (inserted) {
            party_rep.push_back(&p);
            AddressReads address = ReadAddress(p);
            auto [sit, sins] =
                screen_ids.try_emplace(ScreenKey(p, address), static_cast<int>(screen_rep.size()));
            if (sins) screen_rep.push_back({&p, std::move(address)});
            party_screen.push_back(sit->second);
          }
        } else {
          id = static_cast<int>(party_rep.size());
          party_rep.push_back(&p);
          party_screen.push_back(static_cast<int>(screen_rep.size()));
          screen_rep.push_back({&p, ReadAddress(p)});
        }
        party_index.push_back(id);
      }
      for (const auto& g : txs[i].goods) {
        int id;
        if (bopts.deduplicate) {
          auto [it, inserted] = goods_ids.try_emplace(&g, static_cast<int>(goods_rep.size()));
          id = it->second;
          if (inserted) goods_rep.push_back(&g);
        } else {
          id = static_cast<int>(goods_rep.size());
          goods_rep.push_back(&g);
        }
        goods_index.push_back(id);
      }
    }
    party_offset[txs.size()] = party_index.size();
    goods_offset[txs.size()] = goods_index.size();
  }
  auto t1 = Clock::now();
  // ---- screening (and the cheap per-party facts) ----
  std::vector<ScreeningFacts> screenings(screen_rep.size());
  std::vector<PartyFacts> parties(party_rep.size());
  const bool screen_on = R.enabled("LIST-MATCH");
  RunParallel(
      screen_rep.size(), bopts.threads,
      [&](uint64_t i) {
        if (screen_on) {
          screenings[i] = ScreenParty(*screen_rep[i].party, std::move(screen_rep[i].address));
        }
      },
      bopts, "screening");
  auto t2 = Clock::now();
  // ---- classification ----
  std::vector<GoodsFacts> goods(goods_rep.size());
  RunParallel(
      goods_rep.size(), bopts.threads, [&](uint64_t i) { goods[i] = Classify(*goods_rep[i]); },
      bopts, "classifying");
  auto t3 = Clock::now();
  // ---- rules ----
  RunParallel(
      party_rep.size(), bopts.threads,
      [&](uint64_t i) {
        parties[i] = Describe(*party_rep[i]);
        parties[i].screening = party_screen[i];
      },
      BatchOptions{bopts.threads, bopts.deduplicate, nullptr}, "rules");

  // Peer unit prices over the batch and the history, grouped by HS6, unit
  // and currency (one group id per distinct goods line).
  std::unordered_map<std::string, int> group_ids;
  std::vector<std::vector<double>> prices;
  for (const auto& [k, v] : history_prices) {
    group_ids.emplace(k, static_cast<int>(prices.size()));
    prices.push_back(v);
  }
  std::vector<int> goods_group(goods.size(), -1);
  for (size_t k = 0; k < goods.size(); ++k) {
    if (goods[k].hs6.size() != 6) continue;
    auto [it, inserted] = group_ids.try_emplace(PriceGroupKey(goods[k].hs6, *goods_rep[k]),
                                                static_cast<int>(prices.size()));
    if (inserted) prices.emplace_back();
    goods_group[k] = it->second;
  }
  for (size_t i = 0; i < txs.size(); ++i) {
    for (size_t j = 0; j < txs[i].goods.size(); ++j) {
      const GoodsLine& g = txs[i].goods[j];
      int grp = goods_group[goods_index[goods_offset[i] + j]];
      if (grp < 0 || !g.value || !g.quantity || *g.quantity <= 0 || *g.value <= 0) continue;
      prices[grp].push_back(*g.value / *g.quantity);
    }
  }
  std::vector<std::pair<double, size_t>> medians(prices.size());
  for (size_t k = 0; k < prices.size(); ++k) {
    size_t n = prices[k].size();
    medians[k] = {Median(std::move(prices[k])), n};
  }

  // Buyer histories.
  // Buyer ids: one per (folded name, country); a party with its own country
  // gets its id once per distinct party.
  std::unordered_map<std::string, int> buyer_ids;
  std::vector<BuyerHistory> buyers;
  std::vector<std::string> buyer_names;
  std::vector<int> tx_buyer(txs.size(), -1);
  std::vector<int> party_buyer(parties.size(), -2);  // -2 = not yet known
  auto buyer_id = [&](const std::string& folded, const std::string& country) {
    auto [it, inserted] =
        buyer_ids.try_emplace(folded + "|" + country, static_cast<int>(buyers.size()));
    if (inserted) {
      buyers.emplace_back();
      buyer_names.push_back(folded);
    }
    return it->second;
  };
  const bool history_on = R.enabled("RF-FIRST-CHPL") || R.enabled("RF-CHPL-SPIKE");
  if (history_on) {
    for (const auto& [k, recs] : history_buyers) {
      auto [it, inserted] = buyer_ids.try_emplace(k, static_cast<int>(buyers.size()));
      if (inserted) {
        buyers.emplace_back();
        buyer_names.push_back(k.substr(0, k.rfind('|')));
      }
      buyers[it->second].records = recs;
    }
    for (size_t i = 0; i < txs.size(); ++i) {
      const Transaction& t = txs[i];
      if (!t.date) continue;
      for (size_t p = 0; p < t.parties.size(); ++p) {
        const Party& party = t.parties[p];
        if (!IsBuyer(party.role) || party.name.empty()) continue;
        int fact = party_index[party_offset[i] + p];
        if (!party.country.empty()) {
          if (party_buyer[fact] == -2) {
            party_buyer[fact] = R.history_only_non_gecc && R.gecc.count(party.country)
                                    ? -1
                                    : buyer_id(parties[fact].folded_name, party.country);
          }
          tx_buyer[i] = party_buyer[fact];
        } else {
          std::string country = Destination(t);
          if (!(R.history_only_non_gecc && R.gecc.count(country))) {
            tx_buyer[i] = buyer_id(parties[fact].folded_name, country);
          }
        }
        break;
      }
      if (tx_buyer[i] < 0) continue;
      BuyerRecord rec;
      rec.day = DayOf(*t.date);
      rec.tx = static_cast<int64_t>(i);
      for (size_t j = 0; j < t.goods.size(); ++j) {
        const GoodsFacts& f = goods[goods_index[goods_offset[i] + j]];
        if (R.history_tiers.count(f.tier)) {
          rec.chpl = true;
          rec.chpl_value += t.goods[j].value.value_or(0);
        }
      }
      buyers[tx_buyer[i]].records.push_back(rec);
    }
    for (auto& h : buyers) {
      std::stable_sort(h.records.begin(), h.records.end(),
                       [](const BuyerRecord& a, const BuyerRecord& b) { return a.day < b.day; });
      h.chpl_prefix.resize(h.records.size() + 1);
      h.chpl_prefix[0] = 0;
      for (size_t r = 0; r < h.records.size(); ++r) {
        h.chpl_prefix[r + 1] = h.chpl_prefix[r] + h.records[r].chpl_value;
      }
    }
  }

  std::vector<CheckResult> results(txs.size());
  RunParallel(
      txs.size(), bopts.threads,
      [&](uint64_t i) {
        const Transaction& t = txs[i];
        CheckResult& res = results[i];
        res.ref = t.ref;
        res.kind = t.kind;
        std::vector<Alert>& alerts = res.alerts;
        thread_local std::vector<FieldCountry> fc;
        const std::string dest = Destination(t);
        bool any_chpl = false;
        for (size_t j = 0; j < t.goods.size(); ++j) {
          const GoodsFacts& f = goods[goods_index[goods_offset[i] + j]];
          GoodsClassification gc;
          gc.goods_index = j;
          gc.hs6 = f.hs6;
          gc.chpl_tier = f.tier;
          gc.score = f.score;
          gc.evidence = f.evidence;
          res.goods.push_back(std::move(gc));
          any_chpl = any_chpl || GoodsIsChpl(f);
        }
        // LIST-MATCH
        for (size_t p = 0; p < t.parties.size(); ++p) {
          const Party& party = t.parties[p];
          const PartyFacts& pf = parties[party_index[party_offset[i] + p]];
          const ScreeningFacts& sf = screenings[pf.screening];
          if (sf.hits.empty()) continue;
          res.screening.push_back(PartyScreening{p, sf.hits});
          for (const auto& h : sf.hits) {
            const Entity& e = *h.entity;
            int sev = h.score >= R.list_block_score ? 100 : R.info("LIST-MATCH").severity;
            std::string programs;
            for (const auto& prog : e.programs) {
              programs += (programs.empty() ? "" : ", ") + prog.code;
            }
            std::string label = PartyLabel(party);
            std::vector<std::pair<std::string, std::string>> ev{{label + ".name", party.name}};
            if (!sf.address.care_of.empty())
              ev.emplace_back(label + ".care_of", sf.address.care_of);
            if (!sf.address.contact.empty())
              ev.emplace_back(label + ".contact", sf.address.contact);
            if (!sf.address.identifiers.empty()) {
              ev.emplace_back(label + ".address_identifiers", sf.address.identifiers);
            }
            ev.emplace_back("hit.entity", e.source + ":" + e.source_id);
            ev.emplace_back("hit.name", h.matched_name);
            ev.emplace_back("hit.score", FormatNumber(h.score, 3));
            ev.emplace_back("hit.programs", programs);
            AddAlert(alerts, R.info("LIST-MATCH"), sev, std::move(ev));
          }
        }
        // Route: Russia / Belarus.
        if (R.enabled("ROUTE-RU-BY-DESTINATION")) {
          FieldCountries(t, R.dest_fields, fc);
          for (const auto& f : fc) {
            if (!R.sanctioned.count(*f.country)) continue;
            const auto& info = R.info("ROUTE-RU-BY-DESTINATION");
            std::vector<std::pair<std::string, std::string>> ev{{f.Label(), *f.country}};
            if (any_chpl) ev.emplace_back("goods.chpl", "yes");
            AddAlert(alerts, info, any_chpl ? R.dest_chpl_severity : info.severity, std::move(ev));
            break;
          }
        }
        if (R.enabled("ROUTE-RU-BY-ORIGIN")) {
          FieldCountries(t, R.origin_fields, fc);
          for (const auto& f : fc) {
            if (!R.sanctioned.count(*f.country)) continue;
            AddAlert(alerts, R.info("ROUTE-RU-BY-ORIGIN"), R.info("ROUTE-RU-BY-ORIGIN").severity,
                     {{f.Label(), *f.country}});
            break;
          }
        }
        if (R.enabled("ROUTE-TRANSSHIPMENT") && (any_chpl || !R.transship_require_chpl)) {
          std::vector<std::pair<std::string, std::string>> ev;
          FieldCountries(t, R.transship_fields, fc);
          for (const auto& f : fc) {
            if (R.transshipment.count(*f.country)) ev.emplace_back(f.Label(), *f.country);
          }
          if (!ev.empty()) {
            if (any_chpl) ev.emplace_back("goods.chpl", "yes");
            AddAlert(alerts, R.info("ROUTE-TRANSSHIPMENT"), R.info("ROUTE-TRANSSHIPMENT").severity,
                     std::move(ev));
          }
        }
        // Goods on the CHPL.
        if (R.enabled("GOODS-CHPL") && any_chpl &&
            (!R.chpl_only_non_gecc || dest.empty() || !R.gecc.count(dest))) {
          for (size_t j = 0; j < t.goods.size(); ++j) {
            const GoodsFacts& f = goods[goods_index[goods_offset[i] + j]];
            if (!GoodsIsChpl(f)) continue;
            auto it = R.tier_severity.find(f.tier);
            int sev = it == R.tier_severity.end() ? R.info("GOODS-CHPL").severity : it->second;
            std::string g = "goods[" + std::to_string(j) + "]";
            std::vector<std::pair<std::string, std::string>> ev{
                {g + ".hs6", f.hs6}, {g + ".chpl_tier", f.tier}, {g + ".basis", f.basis}};
            if (!t.goods[j].hs_code.empty()) ev.emplace_back(g + ".hs_code", t.goods[j].hs_code);
            if (!t.goods[j].description.empty()) {
              ev.emplace_back(g + ".description", t.goods[j].description);
            }
            if (f.basis == "classifier") ev.emplace_back(g + ".classifier", f.evidence);
            if (f.part_number && t.goods[j].hs_code.empty()) {
              ev.emplace_back(g + ".described_by", "part number only");
            }
            ev.emplace_back("route.destination", dest.empty() ? "(unknown)" : dest);
            AddAlert(alerts, R.info("GOODS-CHPL"), sev, std::move(ev));
          }
        }
        // Party red flags.
        const PartyFacts* issuing = nullptr;
        const Party* issuing_party = nullptr;
        for (size_t p = 0; p < t.parties.size(); ++p) {
          if (t.parties[p].role == PartyRole::kIssuingBank) {
            issuing = &parties[party_index[party_offset[i] + p]];
            issuing_party = &t.parties[p];
          }
        }
        bool lc_alerted = false;
        for (size_t p = 0; p < t.parties.size(); ++p) {
          const Party& party = t.parties[p];
          const PartyFacts& pf = parties[party_index[party_offset[i] + p]];
          std::string label = PartyLabel(party);
          struct Kw {
            const char* id;
            const std::string* kw;
            const std::vector<std::string>* roles;
          };
          for (const Kw& k : {Kw{"RF-CONSIGNEE-FORWARDER", &pf.forwarder_kw, &R.forwarder_roles},
                              Kw{"RF-CONSIGNEE-BANK", &pf.bank_kw, &R.bank_roles},
                              Kw{"RF-CONSIGNEE-MAILCENTRE", &pf.mail_kw, &R.mail_roles}}) {
            if (k.kw->empty() || !R.enabled(k.id) || !RoleIn(party.role, *k.roles)) continue;
            std::string where =
                std::string(k.id) == "RF-CONSIGNEE-MAILCENTRE" && pf.mail_field == "address"
                    ? ".address"
                    : ".name";
            AddAlert(alerts, R.info(k.id), R.info(k.id).severity,
                     {{label + where, where == ".address" ? party.address : party.name},
                      {"keyword", *k.kw}});
          }
          if (R.enabled("RF-LC-ISSUING-BANK") && !lc_alerted &&
              (party.role == PartyRole::kConsignee || party.role == PartyRole::kNotifyParty)) {
            bool same_as_issuer =
                issuing && ((!pf.folded_name.empty() && pf.folded_name == issuing->folded_name) ||
                            (!party.bic.empty() && party.bic == issuing_party->bic));
            if (pf.to_order_of_bank || same_as_issuer) {
              std::vector<std::pair<std::string, std::string>> ev{{label + ".name", party.name}};
              if (same_as_issuer) {
                ev.emplace_back("issuing_bank.name", issuing_party->name.empty()
                                                         ? issuing_party->bic
                                                         : issuing_party->name);
              } else {
                ev.emplace_back("phrase", pf.lc_phrase);
              }
              AddAlert(alerts, R.info("RF-LC-ISSUING-BANK"), R.info("RF-LC-ISSUING-BANK").severity,
                       std::move(ev));
              lc_alerted = true;
            }
          }
          if (R.enabled("RF-NEW-COMPANY-NON-GECC") && party.incorporated &&
              !party.incorporated->empty() && DayOf(*party.incorporated) > R.new_company_after) {
            std::string country = party.country;
            if (country.empty() && IsBuyer(party.role)) country = dest;
            if (!country.empty() && !R.gecc.count(country)) {
              const auto& info = R.info("RF-NEW-COMPANY-NON-GECC");
              std::vector<std::pair<std::string, std::string>> ev{
                  {label + ".name", party.name},
                  {label + ".incorporated", party.incorporated->ToString()},
                  {label + ".country", country}};
              if (any_chpl) ev.emplace_back("goods.chpl", "yes");
              AddAlert(alerts, info, any_chpl ? R.new_company_chpl_severity : info.severity,
                       std::move(ev));
            }
          }
          if (R.enabled("RF-PHONE-COUNTRY") && !pf.calling_code.empty() &&
              RoleIn(party.role, R.phone_roles)) {
            std::string want = dest.empty() ? party.country : dest;
            if (!want.empty() && std::find(pf.calling_countries.begin(), pf.calling_countries.end(),
                                           want) == pf.calling_countries.end()) {
              AddAlert(alerts, R.info("RF-PHONE-COUNTRY"), R.info("RF-PHONE-COUNTRY").severity,
                       {{label + ".phone", party.phone},
                        {"phone.country", io::Join(pf.calling_countries, "/")},
                        {dest.empty() ? label + ".country" : "route.destination", want}});
            }
          }
          if (R.enabled("RF-FREEMAIL") && !pf.free_mail_domain.empty()) {
            AddAlert(alerts, R.info("RF-FREEMAIL"), R.info("RF-FREEMAIL").severity,
                     {{label + ".email", party.email}, {"domain", pf.free_mail_domain}});
          }
        }
        // Letter of credit documents naming the issuing bank as consignee.
        if (R.enabled("RF-LC-ISSUING-BANK") && !lc_alerted && t.kind == MessageKind::kMt700) {
          std::vector<std::pair<std::string, const std::string*>> texts;
          for (size_t d = 0; d < t.documents.size(); ++d) {
            texts.emplace_back("documents[" + std::to_string(d) + "]", &t.documents[d]);
          }
          texts.emplace_back("remittance", &t.remittance);
          for (const auto& [tag, value] : t.terms) texts.emplace_back("terms." + tag, &value);
          for (size_t j = 0; j < t.goods.size(); ++j) {
            texts.emplace_back("goods[" + std::to_string(j) + "].description",
                               &t.goods[j].description);
          }
          for (const auto& [field, txt] : texts) {
            if (lc_alerted || txt->empty()) continue;
            std::string folded = text::Fold(*txt);
            for (const auto& ph : R.lc_phrases.folded) {
              size_t pos = FindKeyword(folded, ph);
              if (pos == std::string_view::npos) continue;
              std::string after = folded.substr(pos + ph.size(), 120);
              std::string found;
              found = FirstKeyword(after, R.lc_bank_words);
              if (found.empty() && issuing && !issuing->folded_name.empty() &&
                  after.find(issuing->folded_name) != std::string::npos) {
                found = issuing->folded_name;
              }
              if (found.empty() && issuing_party && !issuing_party->bic.empty() &&
                  after.find(io::ToLowerAscii(issuing_party->bic)) != std::string::npos) {
                found = issuing_party->bic;
              }
              if (found.empty()) continue;
              AddAlert(alerts, R.info("RF-LC-ISSUING-BANK"), R.info("RF-LC-ISSUING-BANK").severity,
                       {{field, *txt}, {"phrase", ph}, {"names", found}});
              lc_alerted = true;
              break;
            }
          }
        }
        // Unit prices.
        for (size_t j = 0; j < t.goods.size(); ++j) {
          const GoodsLine& g = t.goods[j];
          const GoodsFacts& f = goods[goods_index[goods_offset[i] + j]];
          if (f.hs6.size() != 6 || !g.value || !g.quantity || *g.quantity <= 0 || *g.value <= 0) {
            continue;
          }
          double price = *g.value / *g.quantity;
          auto check = [&](const char* id, double factor, int min_peers, bool high) {
            if (!R.enabled(id)) return;
            double norm = 0;
            std::string basis;
            int grp = goods_group[goods_index[goods_offset[i] + j]];
            if (grp >= 0 && static_cast<int>(medians[grp].second) >= min_peers) {
              norm = medians[grp].first;
              basis = "peer median of " + std::to_string(medians[grp].second) + " lines";
            } else if (auto n = R.price_norms.find(f.hs6);
                       n != R.price_norms.end() && IsPieceUnit(g.unit) &&
                       io::EqualsIgnoreCaseAscii(io::Trim(g.currency), n->second.currency)) {
              norm = n->second.value;
              basis = "rules-file norm";
            }
            if (norm <= 0) return;
            bool hit = high ? price > factor * norm : price < factor * norm;
            if (!hit) return;
            std::string gl = "goods[" + std::to_string(j) + "]";
            AddAlert(alerts, R.info(id), R.info(id).severity,
                     {{gl + ".hs6", f.hs6},
                      {gl + ".unit_price", FormatNumber(price) + " " + g.currency + "/" + g.unit},
                      {"norm", FormatNumber(norm) + " (" + basis + ")"},
                      {"ratio", FormatNumber(price / norm)}});
          };
          check("RF-UNIT-PRICE-HIGH", R.price_high_factor, R.price_high_min_peers, true);
          check("RF-UNIT-PRICE-LOW", R.price_low_factor, R.price_low_min_peers, false);
        }
        // History rules.
        bool history_goods = false;
        for (size_t j = 0; j < t.goods.size(); ++j) {
          history_goods = history_goods ||
                          R.history_tiers.count(goods[goods_index[goods_offset[i] + j]].tier) > 0;
        }
        if (history_on && history_goods && t.date && tx_buyer[i] >= 0) {
          const BuyerHistory& h = buyers[tx_buyer[i]];
          int day = DayOf(*t.date);
          auto before = [&](int cutoff) {
            return static_cast<size_t>(
                std::lower_bound(h.records.begin(), h.records.end(), cutoff,
                                 [](const BuyerRecord& r, int d) { return r.day < d; }) -
                h.records.begin());
          };
          std::string label = "buyer";
          if (R.enabled("RF-FIRST-CHPL") && day >= R.first_chpl_cutoff) {
            size_t pre = before(R.first_chpl_cutoff);
            bool pre_chpl = h.chpl_prefix[pre] > 0;
            for (size_t r = 0; r < pre && !pre_chpl; ++r) pre_chpl = h.records[r].chpl;
            if (pre > 0 && !pre_chpl) {
              int first = day;
              for (size_t r = pre; r < h.records.size(); ++r) {
                if (h.records[r].chpl) {
                  first = h.records[r].day;
                  break;
                }
              }
              AddAlert(alerts, R.info("RF-FIRST-CHPL"), R.info("RF-FIRST-CHPL").severity,
                       {{label, buyer_names[tx_buyer[i]]},
                        {"shipments_before_cutoff", std::to_string(pre)},
                        {"chpl_before_cutoff", "0"},
                        {"first_chpl_after_cutoff", DayString(first)}});
            }
          }
          if (R.enabled("RF-CHPL-SPIKE") && day >= R.spike_cutoff) {
            size_t pre = before(R.spike_cutoff);
            double pre_value = h.chpl_prefix[pre];
            if (pre > 0 && pre_value > 0) {
              int first_day = h.records[0].day;
              double years = std::max(1.0, (R.spike_cutoff - first_day) / 365.25);
              double baseline = pre_value / years * (R.spike_window_days / 365.25);
              size_t lo = std::max(pre, before(day - R.spike_window_days + 1));
              size_t hi = static_cast<size_t>(
                  std::upper_bound(h.records.begin(), h.records.end(), day,
                                   [](int d, const BuyerRecord& r) { return d < r.day; }) -
                  h.records.begin());
              double window = hi > lo ? h.chpl_prefix[hi] - h.chpl_prefix[lo] : 0;
              if (window >= R.spike_factor * baseline && window >= R.spike_min_value) {
                AddAlert(alerts, R.info("RF-CHPL-SPIKE"), R.info("RF-CHPL-SPIKE").severity,
                         {{label, buyer_names[tx_buyer[i]]},
                          {"baseline_per_window", FormatNumber(baseline)},
                          {"window_value", FormatNumber(window)},
                          {"window_days", std::to_string(R.spike_window_days)},
                          {"ratio", FormatNumber(window / baseline)}});
              }
            }
          }
        }
        // Risk and decision.
        std::sort(alerts.begin(), alerts.end(), [](const Alert& a, const Alert& b) {
          if (a.severity != b.severity) return a.severity > b.severity;
          return a.rule < b.rule;
        });
        // Alerts are sorted by severity: the first of each rule is its highest.
        bool block = false;
        double keep = 1;
        for (size_t k = 0; k < alerts.size(); ++k) {
          const Alert& a = alerts[k];
          block = block || a.severity >= R.block_severity;
          bool seen = false;
          for (size_t m = 0; m < k && !seen; ++m) seen = alerts[m].rule == a.rule;
          if (!seen) keep *= 1 - a.severity / 100.0;
        }
        res.risk = static_cast<int>(std::lround(100 * (1 - keep)));
        res.assessed = block                       ? Decision::kBlock
                       : res.risk >= R.review_risk ? Decision::kReview
                                                   : Decision::kClear;
        res.decision = res.assessed;
        if (stale && res.decision != Decision::kBlock) res.decision = Decision::kCannotClear;
      },
      bopts, "rules");
  auto t4 = Clock::now();
  if (stats) {
    auto secs = [](Clock::time_point a, Clock::time_point b) {
      return std::chrono::duration<double>(b - a).count();
    };
    stats->transactions += txs.size();
    stats->parties += party_index.size();
    stats->parties_screened += screen_on ? screen_rep.size() : 0;
    stats->goods_lines += goods_index.size();
    stats->goods_classified += goods_rep.size();
    stats->prepare_seconds += secs(t0, t1);
    stats->screening_seconds += secs(t1, t2);
    stats->classification_seconds += secs(t2, t3);
    stats->rules_seconds += secs(t3, t4);
  }
  return results;
}

Result<std::shared_ptr<const RiskEngine>> RiskEngine::Create(
    std::shared_ptr<const Screener> screener, RiskOptions options) {
  if (!screener) return Status::InvalidArgument("RiskEngine: no screener");
  std::string text = options.rules_text;
  std::string name = options.rules_name;
  if (text.empty() && !options.rules_path.empty()) {
    CHOKEPOINT_ASSIGN_OR_RETURN(text, io::ReadFile(options.rules_path));
    name = options.rules_path;
  }
  if (text.empty()) {
    text = std::string(DefaultRulesJson());
    name = "bundled default rules";
  }
  CHOKEPOINT_ASSIGN_OR_RETURN(RuleSet rules, risk::ParseRules(text, name));
  if (options.max_snapshot_age_days < 0) {
    return Status::InvalidArgument("max_snapshot_age_days must not be negative");
  }
  auto impl = std::make_unique<Impl>();
  impl->screener = std::move(screener);
  impl->rules = std::move(rules);
  impl->lists_version = impl->screener->snapshot().version();
  // Today.
  if (!options.today.empty()) {
    impl->today = risk::ParseDay(options.today);
    if (impl->today < 0) {
      return Status::InvalidArgument("today: bad date '" + options.today + "' (use YYYY-MM-DD)");
    }
  } else {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    impl->today = risk::DayNumber(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  }
  // The list date: the snapshot version starts with its newest list date.
  impl->lists_date = impl->lists_version.substr(0, impl->lists_version.find('.'));
  int list_day = risk::ParseDay(impl->lists_date);
  if (list_day < 0) {
    impl->lists_date = "";
    impl->stale = true;  // unknown age: never clear
    impl->lists_age_days = -1;
  } else {
    impl->lists_age_days = impl->today - list_day;
    impl->stale = impl->lists_age_days > options.max_snapshot_age_days;
  }
  // History: classify its goods and gather its buyers and prices.
  if (!options.history.empty()) {
    std::unordered_map<std::string, GoodsFacts> cache;
    for (const auto& t : options.history) {
      BuyerRecord rec;
      std::string key;
      if (t.date) {
        for (const auto& p : t.parties) {
          if (IsBuyer(p.role) && !p.name.empty()) {
            std::string country = p.country.empty() ? Destination(t) : p.country;
            if (!(impl->rules.history_only_non_gecc && impl->rules.gecc.count(country))) {
              key = text::Fold(p.name) + "|" + country;
            }
            break;
          }
        }
        rec.day = DayOf(*t.date);
      }
      for (const auto& g : t.goods) {
        auto [it, inserted] = cache.try_emplace(GoodsKey(g));
        if (inserted) it->second = impl->Classify(g);
        const GoodsFacts& f = it->second;
        if (impl->rules.history_tiers.count(f.tier)) {
          rec.chpl = true;
          rec.chpl_value += g.value.value_or(0);
        }
        if (f.hs6.size() == 6 && g.value && g.quantity && *g.quantity > 0 && *g.value > 0) {
          impl->history_prices[PriceGroupKey(f.hs6, g)].push_back(*g.value / *g.quantity);
        }
      }
      if (!key.empty()) impl->history_buyers[key].push_back(rec);
    }
  }
  impl->options = std::move(options);
  impl->options.history.clear();
  impl->options.history.shrink_to_fit();
  std::shared_ptr<RiskEngine> engine(new RiskEngine());
  engine->impl_ = std::move(impl);
  return std::shared_ptr<const RiskEngine>(std::move(engine));
}

CheckResult RiskEngine::Check(const Transaction& transaction) const {
  return std::move(
      impl_->Run(std::span<const Transaction>(&transaction, 1), BatchOptions{}, nullptr)[0]);
}

std::vector<CheckResult> RiskEngine::CheckBatch(const std::vector<Transaction>& transactions,
                                                const BatchOptions& options,
                                                BatchStats* stats) const {
  return impl_->Run(std::span<const Transaction>(transactions), options, stats);
}

const std::string& RiskEngine::lists_version() const { return impl_->lists_version; }
const std::string& RiskEngine::rules_version() const { return impl_->rules.version; }
const std::string& RiskEngine::lists_date() const { return impl_->lists_date; }
int RiskEngine::lists_age_days() const { return impl_->lists_age_days; }
bool RiskEngine::lists_stale() const { return impl_->stale; }
int RiskEngine::max_snapshot_age_days() const { return impl_->options.max_snapshot_age_days; }
RiskEngine::~RiskEngine() = default;

}  // namespace chokepoint::check
