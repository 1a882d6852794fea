// The goods classifier: free text -> ranked HS 2022 subheadings.
//
// Three kinds of evidence, each scored per HS6 code and then summed:
//   1. part-number patterns (part_patterns.inc): a manufacturer's numbering
//      scheme is the strongest single clue on an invoice line;
//   2. trade terms in English, Russian and Chinese (classifier_terms.inc),
//      which cover the words people actually write ("тепловизор", "单片机")
//      and that the HS text does not use;
//   3. TF-IDF cosine similarity (Salton & Buckley 1988) between the English
//      words of the text and the HS 2022 subheading descriptions (each with
//      its heading's description at half weight), which covers the rest of
//      the nomenclature.
// Within (1)+(2) a code's score is its best hit plus a quarter of the others,
// so several weak hits do not outrank one strong one. The text score is
// scaled by kTextWeight so that it ranks codes among themselves when no
// pattern or term fires and breaks ties when one does.

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <unordered_map>

#include "chokepoint/goods.h"
#include "goods/hs_table.h"
#include "io/strings.h"
#include "text/analyze.h"

namespace chokepoint::goods {

namespace {

struct Term {
  const char* phrase;
  const char* codes;
  double weight;
};

struct PartPattern {
  const char* regex;
  const char* codes;
  double weight;
  const char* label;
  const char* context;
};

#include "goods/classifier_terms.inc"
#include "goods/part_patterns.inc"

constexpr double kTextWeight = 0.8;
constexpr double kOtherHitsShare = 0.25;
constexpr size_t kMaxInputBytes = 4096;

struct CodeShare {
  std::string hs6;
  double share = 1;
};

std::vector<CodeShare> ParseCodes(std::string_view spec) {
  std::vector<CodeShare> out;
  for (std::string_view part : io::Split(spec, ",")) {
    CodeShare c;
    size_t colon = part.find(':');
    c.hs6 = std::string(part.substr(0, colon));
    if (colon != std::string_view::npos)
      c.share = std::atof(std::string(part.substr(colon + 1)).c_str());
    out.push_back(std::move(c));
  }
  return out;
}

bool IsAsciiWord(std::string_view w) {
  for (unsigned char c : w) {
    if (c >= 0x80) return false;
  }
  return true;
}

// English stemming-lite: plural and a few verb endings, enough that
// "bearings"/"bearing", "machines"/"machine", "batteries"/"battery" meet.
// Deliberately weaker than Porter (1980): HS words are mostly nouns, and
// over-stemming merges terms the nomenclature keeps apart.
std::string Stem(std::string_view w) {
  std::string s(w);
  if (!IsAsciiWord(s) || s.size() <= 3) return s;
  auto ends = [&](std::string_view suf) {
    return s.size() > suf.size() + 2 && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
  };
  if (ends("ies")) return s.substr(0, s.size() - 3) + "y";
  if (ends("sses")) return s.substr(0, s.size() - 2);
  if (ends("xes") || ends("ches") || ends("shes")) return s.substr(0, s.size() - 2);
  if (ends("ss") || ends("us") || ends("is")) return s;
  if (s.back() == 's') return s.substr(0, s.size() - 1);
  return s;
}

const std::set<std::string, std::less<>>& Stopwords() {
  static const std::set<std::string, std::less<>> kStop = {
      "a",         "an",        "and",        "or",      "of",    "the",     "for",
      "with",      "without",   "not",        "whether", "other", "than",    "n",
      "e",         "c",         "nec",        "in",      "by",    "to",      "its",
      "their",     "excluding", "including",  "incl",    "excl",  "heading", "subheading",
      "item",      "no",        "this",       "chapter", "kind",  "kinds",   "use",
      "used",      "being",     "such",       "as",      "on",    "more",    "less",
      "exceeding", "but",       "etc",        "which",   "be",    "from",    "at",
      "are",       "is",        "any",        "all",     "it",    "one",     "those",
      "g",         "kg",        "whose",      "also",    "i",     "s",       "elsewhere",
      "specified", "included",  "containing", "part",    "parts", "thereof", "nesoi"};
  return kStop;
}

bool IsTextToken(std::string_view t) {
  if (t.size() < 2 || !IsAsciiWord(t)) return false;
  bool letter = false;
  for (char c : t) letter |= (c >= 'a' && c <= 'z');
  return letter && !Stopwords().count(t);
}

std::vector<std::string> Words(std::string_view folded) {
  std::vector<std::string> out;
  for (std::string_view w : io::Split(folded, " ")) {
    if (!w.empty()) out.emplace_back(w);
  }
  return out;
}

struct CompiledTerm {
  std::string phrase;
  std::vector<std::string> words;  // stemmed (Latin) or as written
  std::vector<bool> prefix;
  bool han = false;
  std::vector<CodeShare> codes;
  double weight = 0;
};

struct CompiledPattern {
  std::regex re;
  bool has_context = false;
  std::regex context;
  std::vector<CodeShare> codes;
  double weight = 0;
  std::string label;
};

struct Posting {
  uint32_t doc;
  float weight;
};

class Classifier {
 public:
  Classifier() {
    const HsNomenclature& hs = HsNomenclature::Get(HsVintage::k2022);
    for (const Term& t : kTerms) {
      CompiledTerm c;
      c.phrase = t.phrase;
      c.han = ContainsScript(t.phrase, Script::kHan);
      c.weight = t.weight;
      for (auto& code : ParseCodes(t.codes)) {
        if (hs.Find(code.hs6)) c.codes.push_back(code);
      }
      if (!c.han) {
        // '*' is read before folding: Fold turns punctuation into spaces.
        for (std::string_view raw : io::Split(t.phrase, " ")) {
          bool prefix = !raw.empty() && raw.back() == '*';
          if (prefix) raw.remove_suffix(1);
          for (std::string& w : Words(text::Fold(raw))) {
            c.prefix.push_back(prefix);
            c.words.push_back(prefix ? w : Stem(w));
          }
        }
      } else {
        c.words.push_back(text::Fold(t.phrase));
      }
      terms_.push_back(std::move(c));
    }
    for (const PartPattern& p : kPatterns) {
      CompiledPattern c;
      std::string wrapped = std::string("(?:^|[^A-Z0-9])(") + p.regex + ")(?![A-Z0-9])";
      c.re = std::regex(wrapped, std::regex::ECMAScript | std::regex::optimize);
      if (p.context) {
        c.has_context = true;
        c.context = std::regex(p.context, std::regex::ECMAScript);
      }
      for (auto& code : ParseCodes(p.codes)) {
        if (hs.Find(code.hs6)) c.codes.push_back(code);
      }
      c.weight = p.weight;
      c.label = p.label;
      patterns_.push_back(std::move(c));
    }
    BuildIndex(hs);
  }

  std::vector<GoodsCandidate> Classify(std::string_view raw, size_t top_k) const {
    std::string input = io::SanitizeUtf8(Cut(raw));
    std::map<std::string, Hits> hits;
    MatchPatterns(input, hits);
    std::string folded = text::Fold(input);
    std::vector<std::string> words = Words(folded);
    std::vector<std::string> stems;
    for (const auto& w : words) stems.push_back(Stem(w));
    MatchTerms(folded, words, stems, hits);

    std::unordered_map<uint32_t, double> text_scores;
    std::unordered_map<uint32_t, std::vector<std::pair<double, std::string>>> text_why;
    ScoreText(stems, text_scores, text_why);

    std::map<std::string, double> total;
    for (auto& [code, h] : hits) {
      double best = 0, sum = 0;
      for (const auto& [score, why] : h.items) {
        best = std::max(best, score);
        sum += score;
      }
      total[code] = best + kOtherHitsShare * (sum - best);
    }
    for (const auto& [doc, s] : text_scores) total[docs_[doc]] += kTextWeight * s;

    std::vector<std::pair<double, std::string>> ranked;
    for (const auto& [code, s] : total) {
      if (s > 0.02) ranked.emplace_back(s, code);
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (ranked.size() > top_k) ranked.resize(top_k);

    std::vector<GoodsCandidate> out;
    for (const auto& [score, code] : ranked) {
      GoodsCandidate c;
      c.code = MakeHsCode(code, HsVintage::k2022);
      c.score = std::round(score * 1000) / 1000;
      if (auto it = hits.find(code); it != hits.end()) {
        auto items = it->second.items;
        std::stable_sort(items.begin(), items.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        for (const auto& [s, why] : items) {
          if (std::find(c.evidence.begin(), c.evidence.end(), why) == c.evidence.end()) {
            c.evidence.push_back(why);
          }
        }
      }
      if (auto it = doc_of_.find(code); it != doc_of_.end()) {
        if (auto jt = text_why.find(it->second); jt != text_why.end()) {
          auto parts = jt->second;
          std::sort(parts.begin(), parts.end(), std::greater<>());
          std::string why = "text:";
          for (size_t i = 0; i < parts.size() && i < 5; ++i) {
            why += (i ? "," : "") + parts[i].second;
          }
          c.evidence.push_back(why);
        }
      }
      out.push_back(std::move(c));
    }
    return out;
  }

 private:
  struct Hits {
    std::vector<std::pair<double, std::string>> items;  // score, evidence
  };

  static std::string_view Cut(std::string_view s) {
    if (s.size() <= kMaxInputBytes) return s;
    size_t n = kMaxInputBytes;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
  }

  static void Add(std::map<std::string, Hits>& hits, const std::vector<CodeShare>& codes,
                  double weight, const std::string& why) {
    for (const auto& c : codes) hits[c.hs6].items.emplace_back(weight * c.share, why);
  }

  void MatchPatterns(const std::string& input, std::map<std::string, Hits>& hits) const {
    std::string upper = io::ToUpperAscii(input);
    for (const auto& p : patterns_) {
      std::smatch m;
      if (!std::regex_search(upper, m, p.re)) continue;
      if (p.has_context && !std::regex_search(upper, p.context)) continue;
      Add(hits, p.codes, p.weight, "pattern:" + p.label + " (" + m[1].str() + ")");
    }
  }

  void MatchTerms(const std::string& folded, const std::vector<std::string>& words,
                  const std::vector<std::string>& stems, std::map<std::string, Hits>& hits) const {
    for (const auto& t : terms_) {
      bool found = false;
      if (t.han) {
        found = folded.find(t.words[0]) != std::string::npos;
      } else {
        for (size_t i = 0; !found && i + t.words.size() <= words.size(); ++i) {
          bool all = true;
          for (size_t j = 0; all && j < t.words.size(); ++j) {
            const std::string& w = t.words[j];
            all = t.prefix[j] ? words[i + j].compare(0, w.size(), w) == 0 : stems[i + j] == w;
          }
          found = all;
        }
      }
      if (found) Add(hits, t.codes, t.weight, "keyword:" + t.phrase);
    }
  }

  void BuildIndex(const HsNomenclature& hs) {
    std::vector<std::unordered_map<std::string, double>> tfs;
    std::unordered_map<std::string, uint32_t> df;
    auto add_text = [](std::unordered_map<std::string, double>& tf, std::string_view text,
                       double weight) {
      for (const auto& w : Words(text::Fold(text))) {
        if (IsTextToken(w)) tf[Stem(w)] += weight;
      }
    };
    for (const HsRow& row : hs.rows()) {
      if (row.code.size() != 6) continue;
      std::unordered_map<std::string, double> tf;
      add_text(tf, row.description, 1.0);
      if (const HsRow* heading = hs.Find(row.code.substr(0, 4))) {
        add_text(tf, heading->description, 0.5);
      }
      for (const auto& [t, f] : tf) ++df[t];
      doc_of_[std::string(row.code)] = static_cast<uint32_t>(docs_.size());
      docs_.emplace_back(row.code);
      tfs.push_back(std::move(tf));
    }
    const double n = static_cast<double>(docs_.size());
    for (const auto& [t, d] : df) idf_[t] = std::log(1 + n / d);
    for (uint32_t doc = 0; doc < tfs.size(); ++doc) {
      double norm = 0;
      std::vector<std::pair<std::string, double>> weights;
      for (const auto& [t, f] : tfs[doc]) {
        double w = (1 + std::log(f < 1 ? 1 : f)) * (f < 1 ? f : 1) * idf_[t];
        weights.emplace_back(t, w);
        norm += w * w;
      }
      norm = std::sqrt(norm);
      for (const auto& [t, w] : weights) {
        postings_[t].push_back({doc, static_cast<float>(w / norm)});
      }
    }
  }

  void ScoreText(
      const std::vector<std::string>& stems, std::unordered_map<uint32_t, double>& scores,
      std::unordered_map<uint32_t, std::vector<std::pair<double, std::string>>>& why) const {
    std::set<std::string> query;
    for (const auto& s : stems) {
      if (IsTextToken(s) && idf_.count(s)) query.insert(s);
    }
    double norm = 0;
    for (const auto& q : query) norm += idf_.at(q) * idf_.at(q);
    if (norm == 0) return;
    norm = std::sqrt(norm);
    for (const auto& q : query) {
      double qw = idf_.at(q) / norm;
      for (const Posting& p : postings_.at(q)) {
        scores[p.doc] += qw * p.weight;
        why[p.doc].emplace_back(qw * p.weight, q);
      }
    }
  }

  std::vector<CompiledTerm> terms_;
  std::vector<CompiledPattern> patterns_;
  std::vector<std::string> docs_;
  std::unordered_map<std::string, uint32_t> doc_of_;
  std::unordered_map<std::string, double> idf_;
  std::unordered_map<std::string, std::vector<Posting>> postings_;
};

const Classifier& Get() {
  static const Classifier* classifier = new Classifier();
  return *classifier;
}

}  // namespace

std::vector<GoodsCandidate> ClassifyGoods(std::string_view text, const ClassifyOptions& options) {
  if (options.top_k == 0) return {};
  return Get().Classify(text, options.top_k);
}

}  // namespace chokepoint::goods
