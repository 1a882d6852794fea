// VariantKey() and PhoneticKey() (see analyze.h).
//
// VariantKey applies the rules of variants_table.inc one after the other,
// exactly as repeated std::string find/replace would (variant_test.cc checks
// that against such a reference). It is faster than that reference because
// it keeps a bitmask of the letters present and skips every rule whose first
// letter does not occur, and it works in one buffer without reallocating.

#include <array>
#include <cctype>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "text/analyze.h"
#include "text/recent_results.h"
#include "text/variant_rules.h"

namespace chokepoint::text {
namespace internal {
namespace {

struct TablePair {
  const char* a;
  const char* b;
};

#include "text/variants_table.inc"

uint32_t LetterMask(const std::string& s) {
  uint32_t mask = 0;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') mask |= 1u << (c - 'a');
  }
  return mask;
}

struct CompiledRule {
  std::string from, to;
  Anchor anchor;
  size_t min_len;
  uint32_t needs;  // letters that must all be present for the rule to match
};

const std::vector<CompiledRule>& Compiled() {
  static const std::vector<CompiledRule>* rules = [] {
    auto* v = new std::vector<CompiledRule>;
    for (const VariantRule& r : kVariantRules) {
      CompiledRule c{r.from, r.to, r.anchor, r.min_len, 0};
      c.needs = LetterMask(c.from);
      v->push_back(std::move(c));
    }
    return v;
  }();
  return *rules;
}

void ApplyRulesFast(std::string& s) {
  uint32_t present = LetterMask(s);
  std::string buf;
  for (const CompiledRule& r : Compiled()) {
    if ((r.needs & present) != r.needs || r.from.size() > s.size() || s.size() < r.min_len) {
      continue;
    }
    const size_t n = r.from.size();
    switch (r.anchor) {
      case Anchor::kStart:
        if (s.compare(0, n, r.from) != 0) continue;
        s.replace(0, n, r.to);
        break;
      case Anchor::kEnd:
        if (s.compare(s.size() - n, n, r.from) != 0) continue;
        s.replace(s.size() - n, n, r.to);
        break;
      case Anchor::kAny: {
        size_t at = s.find(r.from);
        if (at == std::string::npos) continue;
        buf.clear();
        size_t from = 0;
        while (at != std::string::npos) {
          buf.append(s, from, at - from);
          buf += r.to;
          from = at + n;
          at = s.find(r.from, from);
        }
        buf.append(s, from, std::string::npos);
        s.swap(buf);
        break;
      }
    }
    present = LetterMask(s);
  }
}

const std::unordered_map<std::string, std::string>& Equivalents() {
  static const auto* map = [] {
    auto* m = new std::unordered_map<std::string, std::string>;
    for (const TablePair& p : kNameEquivalents) {
      std::string from = p.a, to = p.b;
      ApplyRulesFast(from);
      ApplyRulesFast(to);
      m->emplace(from, to);
    }
    return m;
  }();
  return *map;
}

}  // namespace

std::vector<VariantRule> VariantRules() {
  return std::vector<VariantRule>(std::begin(kVariantRules), std::end(kVariantRules));
}

std::string ApplyVariantRules(std::string_view token) {
  std::string s(token);
  ApplyRulesFast(s);
  return s;
}

std::string_view VariantEquivalent(std::string_view key) {
  const auto& m = Equivalents();
  auto it = m.find(std::string(key));
  return it == m.end() ? key : std::string_view(it->second);
}

std::string VariantKeyUncached(std::string_view latin_token) {
  std::string s;
  s.reserve(latin_token.size());
  for (char ch : latin_token) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) s += static_cast<char>(c);
  }
  ApplyRulesFast(s);
  std::string_view eq = VariantEquivalent(s);
  if (eq.data() != s.data()) return std::string(eq);
  return s;
}

}  // namespace internal

// VariantKeyUncached through the per-thread RecentResults: list names
// repeat the same tokens (Mohammad, Ivanovich, Trading) thousands of times,
// and PhoneticKey computes the VariantKey of a token that AddWords already
// keyed.
std::string VariantKey(std::string_view latin_token) {
  constexpr size_t kMaxCachedBytes = 32;  // longer tokens are rare: not cached
  if (latin_token.size() > kMaxCachedBytes) return internal::VariantKeyUncached(latin_token);
  thread_local internal::RecentResults<2048> recent;
  if (const std::string* hit = recent.Find(0, latin_token)) return *hit;
  std::string key = internal::VariantKeyUncached(latin_token);
  recent.Put(0, latin_token, key);
  return key;
}

ConsonantCode ConsonantAt(std::string_view v, size_t i) {
  ConsonantCode r;
  const char c = v[i];
  const char next = i + 1 < v.size() ? v[i + 1] : '\0';
  auto code = [&r](char a) { r.codes[r.n++] = a; };
  switch (c) {
    case 'b':
      code('B');
      break;
    case 'f':
    case 'v':
    case 'w':
      code('F');
      break;
    case 'g':
    case 'k':
    case 'q':
      code('K');
      break;
    case 'c':
      if (next == 'h') {
        code(i + 2 < v.size() && (v[i + 2] == 'r' || v[i + 2] == 'l') ? 'K' : 'X');
        r.used = 2;
      } else {
        code(next == 'e' || next == 'i' || next == 'y' ? 'S' : 'K');
      }
      break;
    case 's':
      code(next == 'h' ? 'X' : 'S');
      if (next == 'h') r.used = 2;
      break;
    case 'z':
      code('S');
      break;
    case 'x':
      code('K');
      code('S');
      break;
    case 'j':
      code('J');
      break;
    case 't':
    case 'd':
      code('T');
      break;
    case 'l':
    case 'm':
    case 'n':
    case 'r':
    case 'p':
      code(static_cast<char>(c - 'a' + 'A'));
      break;
    default:
      break;
  }
  return r;
}

// A Metaphone-like code (after Philips 1990, much simplified): the first
// letter's class, then consonant classes with vowels, h and y dropped and
// repeats collapsed. Classes: B, F (f v w), K (k g q, c before a/o/u or a
// consonant, ch before r or l as in Christ), S (s z, c before e/i/y), X (sh,
// ch), J (j, also a leading j that VariantKey spelled y or dropped: Jakob,
// Jefferson), T (t d), L, M, N, R, P, and x -> KS. A leading vowel is "A".
std::string PhoneticKey(std::string_view latin_token) {
  std::string v = VariantKey(latin_token);
  std::string out;
  auto is_vowel = [](char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
  };
  auto emit = [&out](char code) {
    if (out.empty() || out.back() != code) out += code;
  };
  // A token written with a leading j (Jakob, Jefferson, Juan; дж romanised
  // j) keeps it as J, though VariantKey spells ja- ju- je- as ya- yu- e-.
  size_t first = 0;
  while (first < latin_token.size() &&
         !std::isalnum(static_cast<unsigned char>(latin_token[first]))) {
    ++first;
  }
  const bool lead_j =
      first < latin_token.size() && (latin_token[first] == 'j' || latin_token[first] == 'J');
  for (size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    if (c >= '0' && c <= '9') {
      out += c;
      continue;
    }
    if (i == 0 && lead_j) {
      // VariantKey wrote the j as y (ja, ju) or dropped it (je): keep J.
      emit('J');
      if (c == 'y' || c == 'j') continue;
    }
    if (is_vowel(c)) {
      if (i == 0 && lead_j) continue;
      if (i == 0) emit('A');
      continue;
    }
    if (c == 'h') {
      if (i == 0) emit('H');
      continue;
    }
    const ConsonantCode cc = ConsonantAt(v, i);
    for (int k = 0; k < cc.n; ++k) emit(cc.codes[k]);
    i += static_cast<size_t>(cc.used - 1);
  }
  return out;
}

LoanwordKeys LoanwordPhoneticKeys(std::string_view latin_token) {
  auto is_vowel = [](char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
  };
  std::string s;
  s.reserve(latin_token.size());
  for (char ch : latin_token) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (c >= 'a' && c <= 'z' && (s.empty() || s.back() != c)) s += c;  // doubles once
  }
  // The consonant respellings first (g before a front vowel, th, m before a
  // labial, the final -ng), then the r and l after vowels on that spelling.
  std::string t;
  t.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (c == 'g' && (next == 'e' || next == 'i' || next == 'y')) {
      t += 'j';
    } else if (c == 't' && next == 'h') {
      t += 's';
      ++i;
    } else if (c == 'm' && (next == 'b' || next == 'p' || next == 'f' || next == 'v')) {
      t += 'n';
    } else if (c == 'n' && next == 'g' && i + 2 == s.size()) {
      t += 'n';
      ++i;
    } else {
      t += c;
    }
  }
  // `dropped` without the r and l that go, `kept` without the r only.
  std::string dropped, kept;
  dropped.reserve(t.size());
  kept.reserve(t.size());
  LoanwordKeys out;
  for (size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if ((c == 'r' || c == 'l') && i > 0 && is_vowel(t[i - 1])) {
      const char next = i + 1 < t.size() ? t[i + 1] : '\0';
      if (next == '\0' ? c == 'r' : !is_vowel(next) && next != 'r' && next != 'l') {
        if (c == 'l') {
          out.l_dropped = true;
          kept += c;
        }
        continue;
      }
    }
    dropped += c;
    kept += c;
  }
  // (PhoneticKey reads doubles as one too: a respelling that changes
  // nothing else gives "".)
  auto key = [&s](const std::string& r) { return r == s ? std::string() : PhoneticKey(r); };
  out.key = key(dropped);
  if (out.l_dropped) out.keep_l = key(kept);
  return out;
}

std::string LoanwordPhoneticKey(std::string_view latin_token, bool keep_l) {
  LoanwordKeys keys = LoanwordPhoneticKeys(latin_token);
  return keep_l && keys.l_dropped ? std::move(keys.keep_l) : std::move(keys.key);
}

}  // namespace chokepoint::text
