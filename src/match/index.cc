#include "match/index.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <unordered_set>

#include "io/strings.h"
#include "text/tables.h"

namespace chokepoint::match {
namespace {

// FNV-1a, with a tag byte so that the key kinds never collide in practice.
// Bit 0 says whether the key is walked only when its posting is short
// (kCapped: letter pairs, phonetic deletions, transcription and
// sorted-letter keys); bit 1 is clear in every key, and NameKeys sets it on
// a name's alternative keys (kAlternative), which AddKeys clears again.
constexpr uint64_t kCapped = 1;
constexpr uint64_t kAlternative = 2;
uint64_t HashKey(char tag, std::string_view s, uint64_t capped) {
  const uint64_t h =
      io::Fnv1a64(s, io::Fnv1a64Byte(io::kFnv1a64ShortBasis, static_cast<unsigned char>(tag)));
  return (h & ~uint64_t{3}) | capped;
}
bool IsCappedKey(uint64_t key) { return (key & kCapped) != 0; }
// The key of an acronym's hash (PreparedName::initials, acronym_word).
uint64_t AcronymKey(char tag, uint32_t hash) {
  char bytes[sizeof hash];
  std::memcpy(bytes, &hash, sizeof hash);
  return HashKey(tag, std::string_view(bytes, sizeof bytes), 0);
}

// build_name_keys_: a posting that is an alternative key of the name.
constexpr uint32_t kAlternativePosting = 0x80000000u;

// Capped keys (letter pairs, phonetic deletions, transcription keys, and
// the names of a vocabulary neighbour of a query word) held by more than
// 1/kCappedDfShare of the names (at most kCappedDfCap) are not walked at
// query time. A tighter cap on the 3-grams these keys replaced (1/100,
// 1,500) made queries 25% faster but lost 2% of the exhaustive hits
// (docs/scoring.md section 6).
constexpr uint32_t kCappedDfShare = 25;
constexpr uint32_t kCappedDfCap = 5000;
// Sorted-letter keys held by more than 1/kSortedDfShare of the names are
// not walked: such a key is mostly a common word's own, whose holders the
// word's other keys find anyway. 1/64 (1,072 of the bench's 68,609 names)
// found as many exhaustive hits on both bench samples as the 3-gram cap
// (2,744), and one more on the first (round 14 of the results file).
constexpr uint32_t kSortedDfShare = 64;

// Collect's sorted-letter postings: a posting whose names are stamped but
// not credited (larger than any credit, and sorted first).
constexpr float kStampOnly = 1e30f;

// Keys of these kinds select nothing useful (every company is an LLC).
bool Retrievable(text::TokenKind kind) {
  return kind != text::TokenKind::kLegalForm && kind != text::TokenKind::kStopword;
}

// Tokens that may be written together with their neighbours in a joined
// key: words and stopwords ('al', 'bin'), which have phonetic keys.
bool Joinable(const PreparedToken& t) {
  return (t.kind == text::TokenKind::kWord || t.kind == text::TokenKind::kStopword) &&
         !t.phonetic.empty();
}

// The words of the vocabulary (index.h): retrievable tokens other than
// numbers and initials.
bool VocabularyWord(text::TokenKind kind) {
  return Retrievable(kind) && kind != text::TokenKind::kNumber && kind != text::TokenKind::kInitial;
}

// Two adjacent tokens whose texts written together are a word of the
// vocabulary too (BELINVEST INZHINIRING: belinvestinzhiniring; EX-35011:
// ex35011), which a query writing them as one word finds: words, company
// words, stopwords and numbers.
bool JoinsNext(text::TokenKind a, text::TokenKind b) {
  auto joinable = [](text::TokenKind k) {
    return k == text::TokenKind::kWord || k == text::TokenKind::kOrgWord ||
           k == text::TokenKind::kStopword || k == text::TokenKind::kNumber;
  };
  return joinable(a) && joinable(b);
}

// A query's word of up to three letters that the scorer may read together
// with the next token (al + qaida; YV 2726, a registration written apart):
// a word or stopword before a word, company word or number.
bool ShortHead(const PreparedToken& a, const PreparedToken& b) {
  return !a.text.empty() && a.text.size() <= 3 &&
         (a.kind == text::TokenKind::kWord || a.kind == text::TokenKind::kStopword) &&
         (b.kind == text::TokenKind::kWord || b.kind == text::TokenKind::kOrgWord ||
          b.kind == text::TokenKind::kNumber);
}

// The byte offsets of the code points of `t`, and t.size() after them.
void CodePointCuts(std::string_view t, std::vector<size_t>& cuts) {
  cuts.clear();
  for (size_t pos = 0; pos < t.size();) {
    cuts.push_back(pos);
    io::DecodeUtf8(t, pos);
  }
  cuts.push_back(t.size());
}

// emit(text) for the texts of `tokens` (text::Token or PreparedToken) that
// are words of the vocabulary: the words, and each two adjacent tokens
// written together (JoinsNext). `joined`: scratch.
template <typename Token, typename Emit>
void VocabularyTexts(const std::vector<Token>& tokens, std::string& joined, Emit&& emit) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (VocabularyWord(t.kind)) emit(std::string_view(t.text));
    if (i + 1 < tokens.size() && !t.text.empty() && JoinsNext(t.kind, tokens[i + 1].kind)) {
      joined.assign(t.text).append(tokens[i + 1].text);
      emit(std::string_view(joined));
    }
  }
}

// A key's inverse document frequency over `n` names, `df` of which hold it.
float Idf(double n, double df) { return static_cast<float>(std::log((n + 1.0) / (df + 0.5))); }

// Closes the group of Collect's sorted postings that began at `begin`: its
// postings sorted by credit, largest first, and its end recorded; or, when
// it holds no walkable posting (`walkable` false), dropped.
void CloseGroup(CandidateIndex::Scratch& scratch, size_t begin, bool walkable) {
  auto& postings = scratch.sorted_postings;
  if (!walkable) {
    postings.resize(begin);
    return;
  }
  std::sort(postings.begin() + static_cast<std::ptrdiff_t>(begin), postings.end(),
            [](const auto& a, const auto& b) { return a.add > b.add; });
  scratch.sorted_groups.push_back(postings.size());
}

}  // namespace

void CandidateIndex::TokenKeys(const PreparedToken& token, std::vector<uint64_t>& keys) {
  if (!Retrievable(token.kind)) return;
  keys.push_back(HashKey('c', token.canon, 0));
  if (token.kind == text::TokenKind::kNumber || token.kind == text::TokenKind::kInitial) return;
  // A country adjective is filed under its country's word too (IRANIAN:
  // iran), which the scorer pairs with it (place_adjective).
  if (const std::string_view country = text::internal::CountryOfAdjective(token.text);
      !country.empty()) {
    keys.push_back(HashKey('c', text::VariantKey(country), 0));
  }
  if (!token.phonetic.empty()) keys.push_back(HashKey('p', token.phonetic, 0));
}

void CandidateIndex::LetterPairKeys(const PreparedToken& token, std::vector<uint64_t>& keys) {
  if (token.kind != text::TokenKind::kWord && token.kind != text::TokenKind::kOrgWord) return;
  const std::string& t = token.text;
  if (t.size() != 3) return;
  for (char c : t) {
    if (c < 'a' || c > 'z') return;
  }
  const char pairs[3][2] = {{t[0], t[1]}, {t[0], t[2]}, {t[1], t[2]}};
  for (const auto& pair : pairs) keys.push_back(HashKey('a', std::string_view(pair, 2), kCapped));
}

void CandidateIndex::DeletionKeys(const PreparedToken& token, std::vector<uint64_t>& keys) {
  const std::string& p = token.phonetic;
  if (!Retrievable(token.kind) || p.size() < kMinDeletionKey + 1) return;
  std::string d;
  for (size_t i = 0; i < p.size(); ++i) {
    // Deleting p[i] or p[i - 1] gives the same key when they are equal.
    if (i > 0 && p[i] == p[i - 1]) continue;
    d.assign(p, 0, i);
    d.append(p, i + 1);
    keys.push_back(HashKey('d', d, kCapped) | kAlternative);
  }
}

template <typename Emit>
void CandidateIndex::FamiliarKeys(const PreparedToken& token, char tag, Emit&& emit) {
  if (token.familiar_bits == 0 || !Retrievable(token.kind)) return;
  if (const std::vector<std::string>* keys = text::internal::FamiliarFullKeys(token.text)) {
    for (const std::string& k : *keys) emit(HashKey(tag, k, 0));
  }
}

bool CandidateIndex::TranscriptionKeyed(const PreparedToken& token) {
  return Retrievable(token.kind) && token.transcription_hash != 0 &&
         token.phonetic.size() >= kMinTranscriptionKey;
}

uint64_t CandidateIndex::TranscriptionKey(uint32_t hash) {
  char bytes[sizeof hash];
  std::memcpy(bytes, &hash, sizeof bytes);
  return HashKey('t', std::string_view(bytes, sizeof bytes), kCapped);
}

bool CandidateIndex::SortedLetters(const PreparedToken& token, size_t min_len, size_t max_len,
                                   std::string& sorted) {
  if (token.kind != text::TokenKind::kWord && token.kind != text::TokenKind::kOrgWord) return false;
  const std::string& t = token.text;
  if (t.size() < min_len || t.size() > max_len) return false;
  for (char c : t) {
    if (c < 'a' || c > 'z') return false;
  }
  sorted = t;
  std::sort(sorted.begin(), sorted.end());
  return true;
}

template <typename Emit>
void CandidateIndex::SortedKeys(const std::string& sorted, Emit&& emit) {
  emit(HashKey('s', sorted, kCapped));
  std::string d;
  for (size_t i = 0; i < sorted.size(); ++i) {
    // Deleting either of two equal letters gives the same key.
    if (i > 0 && sorted[i] == sorted[i - 1]) continue;
    d.assign(sorted, 0, i);
    d.append(sorted, i + 1);
    emit(HashKey('s', d, kCapped));
  }
}

template <typename Emit>
void CandidateIndex::JoinedKeys(const PreparedForm& form, size_t first, char tag, Emit&& emit) {
  const auto& tokens = form.tokens;
  if (!Joinable(tokens[first])) return;
  // The phonetic key of the joined text, built from the tokens' keys as
  // PhoneticKey reads a word: a later token's leading vowel (A) or h (H) is
  // inside the joined word, where PhoneticKey drops them, and a repeated
  // code at the seam is written once. (PhoneticKey on the joined text would
  // cost ~3,500 instructions per span.)
  std::string joined = tokens[first].phonetic;
  float w = tokens[first].weight;
  for (size_t j = first + 1; j < tokens.size() && j < first + kMaxJoined; ++j) {
    if (!Joinable(tokens[j])) return;
    const std::string& p = tokens[j].phonetic;
    size_t from = p[0] == 'A' || p[0] == 'H' ? 1 : 0;
    if (from < p.size() && p[from] == joined.back()) ++from;
    w += tokens[j].weight;
    // A word that adds no code ('al' after ABTL) leaves the key as it was:
    // the first word's own key or the last joined one.
    if (from == p.size()) continue;
    joined.append(p, from);
    emit(HashKey(tag, joined, 0), w);
  }
}

namespace {
// Whether the i-th token of `form` is a word whose canonical another word of
// the form has (the 'r' keys: both Husseins of "Hussein Mohammed Hussein";
// keys count once per name and per query). From the form's repeat mask,
// without the acronyms it marks as restating the name (restated_mask).
bool RepeatedWord(const PreparedForm& form, size_t i) {
  return i < 64 && form.tokens[i].kind == text::TokenKind::kWord &&
         (((form.repeat_mask & ~form.restated_mask) >> i) & 1) != 0;
}
}  // namespace

size_t CandidateIndex::NumNeighbourKeys(size_t n) {
  if (n < kMinNeighbourWord) return 0;
  const bool two = n >= kMinTwoDeletions && n <= kMaxTwoDeletions;
  return 1 + n + (two ? n * (n - 1) / 2 : 0);
}

void CandidateIndex::NeighbourKeys(std::string_view word, const std::vector<size_t>& cuts,
                                   std::string& buf, std::vector<uint64_t>& keys) {
  const size_t n = cuts.size() - 1;
  if (n < kMinNeighbourWord) return;
  keys.push_back(HashKey('e', word, 0));
  const bool two = n >= kMinTwoDeletions && n <= kMaxTwoDeletions;
  for (size_t i = 0; i < n; ++i) {
    buf.assign(word, 0, cuts[i]);
    buf.append(word, cuts[i + 1]);
    keys.push_back(HashKey('e', buf, 0));
    if (!two) continue;
    for (size_t j = i + 1; j < n; ++j) {
      buf.assign(word, 0, cuts[i]);
      buf.append(word, cuts[i + 1], cuts[j] - cuts[i + 1]);
      buf.append(word, cuts[j + 1]);
      keys.push_back(HashKey('e', buf, 0));
    }
  }
}

void CandidateIndex::CountName(const std::vector<text::NameForm>& forms, uint32_t times) {
  num_names_ += times;
  log_names_ = std::log(std::max<double>(4.0, static_cast<double>(num_names_)) / 2.0);
  std::unordered_set<std::string_view> seen;
  std::string joined;
  for (const auto& f : forms) {
    for (const auto& t : f.tokens) {
      const std::string& key = t.canon.empty() ? t.text : t.canon;
      if (seen.insert(key).second) canon_df_[key] += times;
    }
    VocabularyTexts(f.tokens, joined,
                    [this](std::string_view text) { build_vocabulary_.insert(std::string(text)); });
  }
}

void CandidateIndex::NameKeys(const PreparedName& name, std::vector<uint64_t>& keys) {
  keys.clear();
  std::string sorted, joined;
  for (const auto& f : name.forms) {
    if (!keys.empty()) keys.push_back(kFormBreak);
    // The vocabulary's postings (CountName puts the same texts in the
    // vocabulary).
    VocabularyTexts(f.tokens, joined, [&keys](std::string_view text) {
      keys.push_back(HashKey('w', text, 0) | kAlternative);
    });
    for (size_t i = 0; i < f.tokens.size(); ++i) {
      const PreparedToken& t = f.tokens[i];
      if (RepeatedWord(f, i)) keys.push_back(HashKey('r', t.canon, 0) | kAlternative);
      TokenKeys(t, keys);
      LetterPairKeys(t, keys);
      DeletionKeys(t, keys);
      if (SortedLetters(t, kMinSortedName, kMaxSortedName, sorted)) {
        SortedKeys(sorted, [&keys](uint64_t k) { keys.push_back(k | kAlternative); });
      }
      JoinedKeys(f, i, 'j', [&keys](uint64_t k, float) { keys.push_back(k | kAlternative); });
      if (f.script.latin && TranscriptionKeyed(t)) {
        keys.push_back(TranscriptionKey(t.transcription_hash) | kAlternative);
        // Respelt as loanwords write it (Markel: the key of 马克尔 "makl").
        if (t.loan_hash != 0) keys.push_back(TranscriptionKey(t.loan_hash) | kAlternative);
        if (t.loan_l_hash != 0) keys.push_back(TranscriptionKey(t.loan_l_hash) | kAlternative);
      }
      FamiliarKeys(t, 'f', [&keys](uint64_t k) { keys.push_back(k | kAlternative); });
    }
  }
  // Acronyms: the name's initials ('I') and its one word ('W'), which a
  // query's one word and initials look up (Collect).
  for (uint32_t h : name.initials) {
    if (h != 0) keys.push_back(AcronymKey('I', h) | kAlternative);
  }
  for (uint32_t h : name.acronym_word) {
    if (h != 0) keys.push_back(AcronymKey('W', h) | kAlternative);
  }
}

void CandidateIndex::Add(uint32_t entity, const PreparedName& name) {
  std::vector<uint64_t> keys;
  NameKeys(name, keys);
  AddKeys(entity, keys);
}

namespace {
uint64_t TableSlot(uint64_t key, uint64_t mask) {
  return ((key ^ (key >> 29)) * 0x9e3779b97f4a7c15ull >> 17) & mask;
}
}  // namespace

uint32_t CandidateIndex::InternKey(uint64_t key) {
  // Keep the table at most half full (FindPosting relies on a free slot).
  const size_t np = posting_key_.size();
  if (2 * (np + 1) > table_.size()) {
    const size_t size = std::max<size_t>(1024, 2 * table_.size());
    table_mask_ = size - 1;
    table_.assign(size, TableEntry{});
    for (size_t p = 0; p < np; ++p) {
      uint64_t i = TableSlot(posting_key_[p], table_mask_);
      while (table_[i].posting != kNoPosting) i = (i + 1) & table_mask_;
      table_[i] = {posting_key_[p], static_cast<uint32_t>(p)};
    }
  }
  uint64_t i = TableSlot(key, table_mask_);
  while (true) {
    const TableEntry& slot = table_[i];
    if (slot.posting == kNoPosting) break;
    if (slot.key == key) return slot.posting;
    i = (i + 1) & table_mask_;
  }
  const uint32_t p = static_cast<uint32_t>(np);
  table_[i] = {key, p};
  posting_key_.push_back(key);
  build_count_.push_back(0);
  build_last_name_.push_back(kNoPosting);
  return p;
}

void CandidateIndex::AddKeys(uint32_t entity, const std::vector<uint64_t>& keys) {
  const uint32_t name_id = static_cast<uint32_t>(name_entity_.size());
  name_entity_.push_back(entity);
  build_name_begin_.push_back(static_cast<uint32_t>(build_name_keys_.size()));
  for (uint64_t k : keys) {
    if (k == kFormBreak) {
      build_name_keys_.push_back(kNoPosting);
      continue;
    }
    const uint32_t alternative = (k & kAlternative) != 0 ? kAlternativePosting : 0;
    const uint32_t p = InternKey(k & ~kAlternative);
    if (build_last_name_[p] != name_id) {
      build_last_name_[p] = name_id;
      ++build_count_[p];
      build_entries_.push_back(static_cast<uint64_t>(p) << 32 | name_id);
    }
    build_name_keys_.push_back(p | alternative);
  }
}

void CandidateIndex::Finish(uint32_t num_entities) {
  static std::atomic<uint64_t> finished{0};
  id_ = ++finished;
  num_entities_ = num_entities;
  const uint32_t num_indexed = static_cast<uint32_t>(name_entity_.size());
  const double n = std::max<double>(1.0, num_indexed);
  // A capped key on many names costs more to walk than it tells; the rarer
  // keys of the same query find those names anyway. Whole-word and phonetic
  // keys are always walked: a query made only of common words ("Mohammed
  // ABU") has no rarer key to fall back on, and walking them measured no
  // slower.
  max_capped_df_ =
      std::max<uint32_t>(50, std::min<uint32_t>(kCappedDfCap, num_indexed / kCappedDfShare));
  max_sorted_df_ = std::max<uint32_t>(50, num_indexed / kSortedDfShare);
  {
    // The flat postings, by counting: each posting's names in the order
    // they were added (ascending).
    const size_t np = posting_key_.size();
    post_begin_.assign(np + 1, 0);
    for (size_t p = 0; p < np; ++p) post_begin_[p + 1] = post_begin_[p] + build_count_[p];
    post_names_.assign(build_entries_.size(), 0);
    std::vector<uint32_t> next(post_begin_.begin(), post_begin_.end() - 1);
    for (uint64_t entry : build_entries_) {
      post_names_[next[entry >> 32]++] = static_cast<uint32_t>(entry);
    }
    std::vector<uint32_t>().swap(build_count_);
    std::vector<uint32_t>().swap(build_last_name_);
    std::vector<uint64_t>().swap(build_entries_);
  }
  const size_t np = posting_key_.size();
  if (post_begin_.empty()) post_begin_.assign(1, 0);
  post_idf_.assign(np, 0.0f);
  post_walk_.assign(np, 0);
  for (size_t p = 0; p < np; ++p) {
    const uint32_t df = post_begin_[p + 1] - post_begin_[p];
    post_idf_[p] = Idf(n, df);
    post_walk_[p] = !IsCappedKey(posting_key_[p]) || df <= max_capped_df_ ? 1 : 0;
  }
  // Per name, the key weight (IDF sum) of its lightest form, for the
  // Dice-style normalisation in RetrieveNames.
  name_info_.assign(num_indexed, NameInfo{0.0f, 0});
  build_name_begin_.push_back(static_cast<uint32_t>(build_name_keys_.size()));
  std::vector<uint32_t> form;
  for (uint32_t i = 0; i < num_indexed; ++i) {
    float lightest = -1;
    const uint32_t b = build_name_begin_[i], e = build_name_begin_[i + 1];
    for (uint32_t j = b; j <= e; ++j) {
      if (j < e && build_name_keys_[j] != kNoPosting) {
        if ((build_name_keys_[j] & kAlternativePosting) == 0) form.push_back(build_name_keys_[j]);
        continue;
      }
      if (form.empty()) continue;
      std::sort(form.begin(), form.end());
      form.erase(std::unique(form.begin(), form.end()), form.end());
      float w = 0;
      for (uint32_t p : form) w += post_idf_[p];
      if (lightest < 0 || w < lightest) lightest = w;
      form.clear();
    }
    name_info_[i] = {kNameWeightShare * std::max(0.0f, lightest), name_entity_[i]};
  }
  std::vector<uint32_t>().swap(build_name_keys_);
  std::vector<uint32_t>().swap(build_name_begin_);
  // Per entity, the range of its names (entities are added in order).
  uint32_t max_entity = num_entities;
  for (uint32_t e : name_entity_) max_entity = std::max(max_entity, e + 1);
  entity_names_.assign(static_cast<size_t>(max_entity) + 1, 0);
  for (uint32_t e : name_entity_) ++entity_names_[e + 1];
  for (size_t e = 1; e < entity_names_.size(); ++e) entity_names_[e] += entity_names_[e - 1];
  // The key table was kept at most half full while building (InternKey).
  FinishVocabulary();
}

void CandidateIndex::FinishVocabulary() {
  // In sorted order, so that the word ids do not depend on the hash set's.
  std::vector<std::string> words;
  words.reserve(build_vocabulary_.size());
  while (!build_vocabulary_.empty()) {
    words.push_back(std::move(build_vocabulary_.extract(build_vocabulary_.begin()).value()));
  }
  std::sort(words.begin(), words.end());
  // Reserved at its size (the words' neighbour keys and starts), which
  // halves the table's peak memory while building.
  auto num_starts = [](size_t n) { return n > kMinPrefix ? n - kMinPrefix : 0; };
  size_t total = 0;
  for (const std::string& w : words) {
    const size_t n = io::CountCodePoints(w);
    total += NumNeighbourKeys(n) + num_starts(n);
  }
  vocab_posting_.clear();
  neighbour_keys_.clear();
  neighbour_keys_.reserve(total);
  std::vector<size_t> cuts;
  std::string buf;
  for (const std::string& w : words) {
    const uint32_t p = FindPosting(HashKey('w', w, 0));
    if (p == kNoPosting || vocab_posting_.size() > kNeighbourWordMask) continue;
    const uint64_t id = vocab_posting_.size();
    vocab_posting_.push_back(p);
    const size_t first = neighbour_keys_.size();
    CodePointCuts(w, cuts);
    NeighbourKeys(w, cuts, buf, neighbour_keys_);
    // Its starts of kMinPrefix or more code points, which a query's word
    // that may be cut short looks up (a word cut by several letters is no
    // deletion of the whole one).
    for (size_t k = kMinPrefix; k + 1 < cuts.size(); ++k) {
      neighbour_keys_.push_back(HashKey('x', std::string_view(w).substr(0, cuts[k]), 0));
    }
    for (size_t i = first; i < neighbour_keys_.size(); ++i) {
      neighbour_keys_[i] = (neighbour_keys_[i] & ~kNeighbourWordMask) | id;
    }
  }
  std::sort(neighbour_keys_.begin(), neighbour_keys_.end());
  neighbour_keys_.erase(std::unique(neighbour_keys_.begin(), neighbour_keys_.end()),
                        neighbour_keys_.end());
  // The directory: per value of the keys' top bits, where its keys begin
  // (about four keys per bucket).
  int bits = 1;
  while (bits < 30 && (size_t{4} << bits) < neighbour_keys_.size()) ++bits;
  neighbour_shift_ = 64 - bits;
  neighbour_dir_.assign((size_t{1} << bits) + 1, 0);
  for (uint64_t k : neighbour_keys_) ++neighbour_dir_[(k >> neighbour_shift_) + 1];
  for (size_t b = 1; b < neighbour_dir_.size(); ++b) neighbour_dir_[b] += neighbour_dir_[b - 1];
}

float CandidateIndex::LowerBoundOfKth(const uint32_t* ents, size_t n, const float* entity_acc,
                                      size_t k, std::vector<uint32_t>& buckets) {
  buckets.resize(size_t{1} << (31 - kValueBucketShift));
  uint32_t low = static_cast<uint32_t>(buckets.size()), top = 0;
  for (size_t i = 0; i < n; ++i) {
    uint32_t bits;
    std::memcpy(&bits, &entity_acc[ents[i]], sizeof bits);
    const uint32_t b = bits >> kValueBucketShift;
    ++buckets[b];
    low = std::min(low, b);
    top = std::max(top, b);
  }
  uint32_t b = top;
  for (size_t seen = buckets[b]; seen < k; seen += buckets[--b]) {
  }
  std::fill(buckets.begin() + low, buckets.begin() + top + 1, 0u);
  const uint32_t edge_bits = b << kValueBucketShift;
  float edge;
  std::memcpy(&edge, &edge_bits, sizeof edge);
  return edge;
}

uint32_t CandidateIndex::FindPosting(uint64_t key) const {
  if (table_.empty()) return kNoPosting;
  uint64_t i = TableSlot(key, table_mask_);
  while (true) {
    const TableEntry& slot = table_[i];
    if (slot.posting == kNoPosting || slot.key == key) return slot.posting;
    i = (i + 1) & table_mask_;
  }
}

double CandidateIndex::Rarity(const text::Token& token) const {
  const std::string& key = token.canon.empty() ? token.text : token.canon;
  auto it = canon_df_.find(key);
  const double df = it == canon_df_.end() ? 0.0 : static_cast<double>(it->second);
  const double r = std::log(static_cast<double>(num_names_ + 1) / (df + 0.5)) / log_names_;
  return std::clamp(r, 0.0, 1.0);
}

void CandidateIndex::NeighbourGroup(std::string_view word, float weight, bool may_be_cut,
                                    Scratch& scratch) const {
  if (neighbour_keys_.empty()) return;
  const uint64_t tag = id_ * 2 + (may_be_cut ? 1 : 0);
  const Scratch::Postings* kept = scratch.neighbour_results.Find(tag, word);
  if (kept == nullptr) {
    NeighbourPostings(word, may_be_cut, scratch, scratch.neighbour_postings);
    kept = &scratch.neighbour_results.Put(tag, word, scratch.neighbour_postings);
  }
  const size_t begin = scratch.sorted_postings.size();
  for (const auto& [p, idf] : *kept) {
    scratch.sorted_postings.push_back({p, idf * weight * kNeighbourShare});
  }
  CloseGroup(scratch, begin, scratch.sorted_postings.size() > begin);
}

void CandidateIndex::NeighbourPostings(std::string_view word, bool may_be_cut, Scratch& scratch,
                                       Scratch::Postings& out) const {
  out.clear();
  std::vector<uint64_t>& keys = scratch.neighbour_keys;
  keys.clear();
  CodePointCuts(word, scratch.cuts);
  NeighbourKeys(word, scratch.cuts, scratch.edit, keys);
  if (may_be_cut) {
    keys.push_back(HashKey('x', word, 0));
  } else if (scratch.cuts.size() > kMinLongWord) {
    // A long word's start among the starts: words that begin alike and
    // part after it by more than two edits, which Jaro-Winkler's prefix
    // bonus still scores high (TRANSMART ~ TRANSMIKE 0.77).
    keys.push_back(HashKey('x', word.substr(0, scratch.cuts[kLongWordStart]), 0));
  }
  std::vector<uint32_t>& words = scratch.neighbour_words;
  words.clear();
  // The table is large and the keys land anywhere in it: each stage's
  // reads are prefetched for all the keys first (the directory, then the
  // buckets), so that their cache misses overlap instead of coming one
  // after another.
  const uint32_t* const dir = neighbour_dir_.data();
  const uint64_t* const table = neighbour_keys_.data();
  for (uint64_t k : keys) __builtin_prefetch(dir + (k >> neighbour_shift_));
  for (uint64_t k : keys) __builtin_prefetch(table + dir[k >> neighbour_shift_]);
  for (uint64_t k : keys) {
    const uint64_t h = k & ~kNeighbourWordMask;
    const size_t b = h >> neighbour_shift_;
    const uint64_t* const last = table + dir[b + 1];
    for (const uint64_t* it = std::lower_bound(table + dir[b], last, h);
         it != last && (*it & ~kNeighbourWordMask) == h; ++it) {
      words.push_back(static_cast<uint32_t>(*it & kNeighbourWordMask));
    }
  }
  if (words.empty()) return;
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  for (uint32_t w : words) __builtin_prefetch(vocab_posting_.data() + w);
  for (uint32_t w : words) {
    __builtin_prefetch(post_begin_.data() + vocab_posting_[w]);
    __builtin_prefetch(post_idf_.data() + vocab_posting_[w]);
  }
  // A neighbour counts no more than the word itself (its IDF capped at the
  // word's own; a word the lists do not hold is as rare as can be): a
  // rare neighbour of a common word would otherwise outweigh the word.
  const uint32_t own = FindPosting(HashKey('w', word, 0));
  const float own_idf =
      own != kNoPosting ? post_idf_[own] : Idf(static_cast<double>(name_entity_.size()), 0);
  for (uint32_t w : words) {
    const uint32_t p = vocab_posting_[w];
    if (post_begin_[p + 1] - post_begin_[p] > max_capped_df_) continue;
    out.push_back({p, std::min(post_idf_[p], own_idf)});
  }
}

void CandidateIndex::Collect(const PreparedQuery& query, Scratch& scratch) const {
  if (scratch.acc.size() < name_entity_.size()) scratch.acc.assign(name_entity_.size(), 0.0f);
  scratch.num_touched = 0;
  // Each distinct key counts once, weighted by the heaviest token holding it.
  auto& weighted = scratch.weighted;
  weighted.clear();
  scratch.sorted_postings.clear();
  scratch.sorted_groups.clear();
  std::string edit, sorted, joined;
  std::vector<std::string>& sorted_seen = scratch.sorted_seen;
  sorted_seen.clear();
  for (const PreparedForm& f : query.name.forms) {
    for (size_t ti = 0; ti < f.tokens.size(); ++ti) {
      const PreparedToken& t = f.tokens[ti];
      scratch.keys.clear();
      TokenKeys(t, scratch.keys);
      for (uint64_t k : scratch.keys) weighted.push_back({k, t.weight, true});
      if (VocabularyWord(t.kind)) NeighbourGroup(t.text, t.weight, t.may_be_truncated, scratch);
      // A short word and the next written together (al + qaida, en +
      // bank), as the scorer's joined texts pair them, weighted as the
      // longer word.
      if (ti + 1 < f.tokens.size() && ShortHead(t, f.tokens[ti + 1])) {
        const PreparedToken& next = f.tokens[ti + 1];
        joined.assign(t.text).append(next.text);
        NeighbourGroup(joined, next.weight, false, scratch);
      }
      scratch.keys.clear();
      LetterPairKeys(t, scratch.keys);
      for (uint64_t k : scratch.keys) weighted.push_back({k, t.weight, true});
      // The keys below are alternatives to the token's own keys (a name
      // matched through them is matched instead, not also), so they leave
      // the query's key weight alone. Phonetic keys one code apart: the
      // names' deletion keys equal to the token's key (a longer name word)
      // and the names' phonetic keys equal to a deletion of it (a shorter).
      if (Retrievable(t.kind) && t.phonetic.size() >= kMinDeletionKey) {
        const std::string& p = t.phonetic;
        weighted.push_back({HashKey('d', p, kCapped), t.weight, false});
        if (p.size() >= kMinDeletionKey + 1) {
          for (size_t i = 0; i < p.size(); ++i) {
            if (i > 0 && p[i] == p[i - 1]) continue;
            edit.assign(p, 0, i);
            edit.append(p, i + 1);
            weighted.push_back({HashKey('p', edit, 0), t.weight, false});
          }
        }
      }
      // Words written apart on one side and together on the other ('Abd
      // al-Rahman', ABDELRAHMAN): the token's phonetic key among the names'
      // joined keys, and the joined keys of the token and the next ones
      // (weighted as those tokens together) among the names' phonetic keys.
      // Joined keys meet only single words: a name whose words match the
      // query's one by one is not counted twice.
      if (Retrievable(t.kind) && !t.phonetic.empty()) {
        weighted.push_back({HashKey('j', t.phonetic, 0), t.weight, false});
      }
      JoinedKeys(f, ti, 'p', [&weighted](uint64_t k, float w) {
        weighted.push_back({k, w, false});
      });
      // A word the query repeats (Hussein HUSSEIN) meets the names that
      // repeat it too, which its one canonical key does not tell apart
      // from the names holding it once.
      if (RepeatedWord(f, ti)) {
        weighted.push_back({HashKey('r', t.canon, 0), t.weight, false});
      }
      // A familiar form meets its given names (Jim: the names holding
      // JAMES), and a given name the names holding a familiar form of it.
      FamiliarKeys(t, 'c', [&weighted, &t](uint64_t k) {
        weighted.push_back({k, t.weight, false});
      });
      if (t.full_name_bit != 0 && Retrievable(t.kind)) {
        weighted.push_back({HashKey('f', t.canon, 0), t.weight, false});
      }
      // A loanword reading (katakana, Hangul or Chinese transcription
      // characters) meets the Latin words its transcription key pairs with
      // in the scorer (图波列夫 tuboref ~ TUPOLEV), whose other keys it
      // often shares none of.
      if (t.loanword_reading && TranscriptionKeyed(t)) {
        weighted.push_back(
            {TranscriptionKey(t.transcription_hash), t.weight * kTranscriptionShare, false});
      }
      // Sorted-letter keys: one group per distinct word (a word in several
      // forms counts once), its walkable postings rarest first. Only for
      // a query written in Latin script: the romanisations of a Cyrillic or
      // Arabic query are several guesses at one word already, and their
      // letter-level neighbours added mostly junk hits on the synthetic
      // negatives (10 of the 15 more rows with a hit).
      if (f.script.latin && SortedLetters(t, kMinSortedQuery, kMaxSortedQuery, sorted) &&
          std::find(sorted_seen.begin(), sorted_seen.end(), sorted) == sorted_seen.end()) {
        sorted_seen.push_back(sorted);
        const size_t begin = scratch.sorted_postings.size();
        // First the names holding the word's canonical key, which the
        // word's own keys credit already: stamped, not credited again.
        const uint32_t own = FindPosting(HashKey('c', t.canon, 0));
        if (own != kNoPosting) scratch.sorted_postings.push_back({own, kStampOnly});
        SortedKeys(sorted, [&](uint64_t k) {
          const uint32_t p = FindPosting(k);
          if (p == kNoPosting || post_begin_[p + 1] - post_begin_[p] > max_sorted_df_) return;
          scratch.sorted_postings.push_back({p, post_idf_[p] * t.weight * kSortedShare});
        });
        CloseGroup(scratch, begin,
                   scratch.sorted_postings.size() > begin + (own != kNoPosting ? 1 : 0));
      }
    }
  }
  std::sort(weighted.begin(), weighted.end(), [](const auto& a, const auto& b) {
    return a.key != b.key ? a.key < b.key : a.weight > b.weight;
  });
  // Names first touched are appended without a capacity check per name:
  // `touched` is grown per posting instead (num_touched counts).
  if (scratch.touched.size() < name_entity_.size() + 1) {
    scratch.touched.resize(name_entity_.size() + 1);
  }
  uint32_t* touched = scratch.touched.data();
  size_t num_touched = 0;
  float* acc = scratch.acc.data();
  uint64_t last = 0;
  bool have_last = false;
  float query_weight = 0;
  // Adds `add` to the name's overlap, appending the name to `touched` on
  // its first credit without a branch (the slot is overwritten otherwise).
  auto credit = [&](uint32_t name, float add) __attribute__((always_inline)) {
    const float a = acc[name];
    // a == 0 on the bits: an accumulator is +0 until first added to (never
    // -0), and the integer test needs no NaN check.
    uint32_t bits;
    std::memcpy(&bits, &a, sizeof bits);
    touched[num_touched] = name;
    num_touched += bits == 0;
    acc[name] = a + add;
  };
  for (const Scratch::WeightedKey& wk : weighted) {
    const uint64_t k = wk.key;
    if (have_last && k == last) continue;
    last = k;
    have_last = true;
    const uint32_t p = FindPosting(k);
    if (p == kNoPosting || !post_walk_[p]) continue;
    const float add = post_idf_[p] * wk.weight;
    if (wk.in_query_weight) query_weight += add;
    const uint32_t* names = post_names_.data() + post_begin_[p];
    const uint32_t* end = post_names_.data() + post_begin_[p + 1];
    if (scratch.touched.size() < num_touched + static_cast<size_t>(end - names)) {
      // Only when a key adds nothing (zero weight) can names repeat.
      scratch.touched.resize(2 * (num_touched + static_cast<size_t>(end - names)));
      touched = scratch.touched.data();
    }
    // Four names at a time (a posting's names are distinct, so the four
    // accumulators are too): the loop's own instructions were a quarter.
    const uint32_t* const end4 = names + ((end - names) & ~std::ptrdiff_t{3});
    for (; names != end4; names += 4) {
      credit(names[0], add);
      credit(names[1], add);
      credit(names[2], add);
      credit(names[3], add);
    }
    for (; names != end; ++names) credit(*names, add);
  }
  // Sorted-letter keys credit a name once per query word, with the rarest
  // key they share (a word sharing several keys with the name counts no
  // more than one sharing a single key), and names holding the word's
  // canonical key (stamped first) not at all.
  if (!scratch.sorted_groups.empty()) {
    if (scratch.stamp.size() < name_entity_.size()) {
      scratch.stamp.assign(name_entity_.size(), 0);
      scratch.serial = 0;
    }
    uint32_t* stamp = scratch.stamp.data();
    size_t begin = 0;
    for (size_t end : scratch.sorted_groups) {
      if (++scratch.serial == 0) {
        std::fill(scratch.stamp.begin(), scratch.stamp.end(), 0);
        scratch.serial = 1;
      }
      const uint32_t serial = scratch.serial;
      for (size_t i = begin; i < end; ++i) {
        const uint32_t p = scratch.sorted_postings[i].posting;
        const float add = scratch.sorted_postings[i].add;
        const uint32_t* names = post_names_.data() + post_begin_[p];
        const uint32_t* names_end = post_names_.data() + post_begin_[p + 1];
        if (scratch.touched.size() < num_touched + static_cast<size_t>(names_end - names)) {
          scratch.touched.resize(2 * (num_touched + static_cast<size_t>(names_end - names)));
          touched = scratch.touched.data();
        }
        for (; names != names_end; ++names) {
          const uint32_t name = *names;
          if (stamp[name] == serial) continue;
          stamp[name] = serial;
          if (add == kStampOnly) continue;
          credit(name, add);
        }
      }
      begin = end;
    }
  }
  // Acronyms (the scorer's sim_acronym): the names holding the query's one
  // word among their initials, or its initials as their one word. They are
  // not credited (such a name shares no other key with the query, and an
  // overlap large enough to rank it would leave its entity's other names
  // unscored): RetrieveNames adds their entities with every name.
  scratch.acronym_names.clear();
  auto acronyms = [&](char tag, const auto& hashes) {
    for (uint32_t h : hashes) {
      if (h == 0) break;
      const uint32_t p = FindPosting(AcronymKey(tag, h));
      if (p == kNoPosting) continue;
      scratch.acronym_names.insert(scratch.acronym_names.end(), post_names_.data() + post_begin_[p],
                                   post_names_.data() + post_begin_[p + 1]);
    }
  };
  acronyms('I', query.name.acronym_word);
  acronyms('W', query.name.initials);
  scratch.num_touched = num_touched;
  scratch.query_weight = query_weight;
}

}  // namespace chokepoint::match
