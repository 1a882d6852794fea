// The per-thread caches of ICU transliterations and OpenCC conversions
// (romanize.cc) return what an uncached call returns: each reference value
// is computed on a fresh thread, whose caches are empty, so it is the
// uncached result; the same calls are then repeated on one thread, in an
// order that mixes hits, misses and evictions, and must agree.

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "text/analyze.h"
#include "text/romanize_internal.h"

namespace chokepoint::text {
namespace {

struct Call {
  std::string run;
  Script script;
  internal::System system;
  bool person_like;
};

std::string Romanized(const Call& c) {
  return internal::RomanizeRun(c.run, c.script, c.system, c.person_like);
}

// A fresh thread: every cache starts empty.
std::string ColdRun(const Call& c) {
  std::string out;
  std::thread t([&] { out = Romanized(c); });
  t.join();
  return out;
}

std::string ColdSimplified(const std::string& s) {
  std::string out;
  std::thread t([&] { out = internal::ToSimplified(s); });
  t.join();
  return out;
}

std::vector<Call> Calls() {
  using internal::System;
  std::vector<Call> calls;
  const char* han[] = {"习近平",   "習近平", "中国石油天然气集团",
                       "华为技术", "深圳市", "金正恩",
                       "李",       "王",     "張",
                       "东京",     "北京",   "上海"};
  for (const char* h : han) {
    for (System s : {System::kPinyin, System::kPinyinSplit, System::kJapanese}) {
      calls.push_back({Fold(h), Script::kHan, s, true});
      calls.push_back({Fold(h), Script::kHan, s, false});
    }
  }
  const char* cyr[] = {"путин", "медведев", "щукин", "євген", "аркадий", "лавров"};
  for (const char* c : cyr) {
    for (System s : {System::kBgn, System::kIcao, System::kScientific}) {
      calls.push_back({Fold(c), Script::kCyrillic, s, false});
    }
  }
  const char* other[] = {"محمد", "عبد الله", "שלום", "ἀθῆναι", "ქართველი", "हिन्दी", "ไทย"};
  for (const char* o : other) {
    const std::string folded = Fold(o);
    calls.push_back({folded, DetectScript(folded), System::kAnyLatin, false});
  }
  return calls;
}

TEST(TextRomanizeCache, WarmEqualsCold) {
  const std::vector<Call> calls = Calls();
  ASSERT_GT(calls.size(), 64u);  // more than one cache holds: evictions happen
  std::vector<std::string> cold;
  for (const Call& c : calls) cold.push_back(ColdRun(c));
  // Forward, backward and forward again on this thread: repeats within the
  // cache size hit, the rest were evicted in between.
  for (int pass = 0; pass < 3; ++pass) {
    for (size_t k = 0; k < calls.size(); ++k) {
      const size_t i = pass == 1 ? calls.size() - 1 - k : k;
      EXPECT_EQ(Romanized(calls[i]), cold[i]) << "pass " << pass << ": " << calls[i].run;
      EXPECT_EQ(Romanized(calls[i]), cold[i]) << "repeat: " << calls[i].run;
    }
  }
}

TEST(TextRomanizeCache, SimplifiedWarmEqualsCold) {
  std::vector<std::string> inputs;
  const char* base[] = {"習近平", "華為技術有限公司", "東京", "臺灣", "國家", "發展", "銀行"};
  for (int i = 0; i < 40; ++i) {
    for (const char* b : base)
      inputs.push_back(std::string(b) + (i % 2 ? "龍" : "") +
                       std::string(static_cast<size_t>(i % 5), 'x'));
  }
  std::vector<std::string> cold;
  for (const std::string& s : inputs) cold.push_back(ColdSimplified(s));
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < inputs.size(); ++i) {
      EXPECT_EQ(internal::ToSimplified(inputs[i]), cold[i]) << inputs[i];
    }
  }
  EXPECT_EQ(internal::ToSimplified("習近平"), "习近平");
}

}  // namespace
}  // namespace chokepoint::text
