// Wade-Giles -> pinyin for Chinese names written in Latin letters.
//
// Wade-Giles was the usual English spelling of Chinese names before pinyin
// (1979) and remains the spelling of many Taiwanese names: 毛泽东 is "Mao
// Tse-tung" there and "Mao Zedong" in pinyin, 习近平 "Hsi Chin-p'ing" and "Xi
// Jinping". The two systems spell the same syllables with different letters,
// and the mapping between them is regular (initials and finals separately).
// Names copied into lists usually lose the apostrophe that marks aspiration
// (ch'in = qin, chin = jin), so a syllable without it is read as the
// unaspirated one; the other reading is lost, which only means no extra
// form for it.
//
// The reading is made only when every token is a Wade-Giles syllable and at
// least one is spelled in a way pinyin never is (hs-, ts-/tz-, chi- before
// another vowel or n, -ih, -ung, -ieh, -ien, ssu/szu, erh): "Chen Wei" is left alone.

#include "text/wade_giles.h"

#include <iterator>
#include <string>

namespace chokepoint::text::internal {
namespace {

// Finals of Wade-Giles (ü folded to u) and their pinyin.
struct Final {
  std::string_view wg;
  std::string_view py;
};
constexpr Final kFinals[] = {
    {"a", "a"},     {"ai", "ai"},     {"an", "an"},   {"ang", "ang"}, {"ao", "ao"},
    {"e", "e"},     {"ei", "ei"},     {"en", "en"},   {"eng", "eng"}, {"i", "i"},
    {"ia", "ia"},   {"iang", "iang"}, {"iao", "iao"}, {"ieh", "ie"},  {"ien", "ian"},
    {"ih", "i"},    {"in", "in"},     {"ing", "ing"}, {"iu", "iu"},   {"iung", "iong"},
    {"o", "o"},     {"ou", "ou"},     {"u", "u"},     {"ua", "ua"},   {"uai", "uai"},
    {"uan", "uan"}, {"uang", "uang"}, {"ui", "ui"},   {"uei", "ui"},  {"un", "un"},
    {"ung", "ong"}, {"uo", "uo"},     {"ueh", "ue"},  {"eh", "e"},
};

// Initials, longest first, with their unaspirated pinyin reading ("ch" is
// j before i, "k" and "h" make -o into -e; below).
struct Initial {
  std::string_view wg;
  std::string_view py;
};
constexpr Initial kInitials[] = {
    {"hs", "x"}, {"ch", "zh"}, {"sh", "sh"}, {"ts", "z"}, {"tz", "z"}, {"k", "g"},
    {"p", "b"},  {"t", "d"},   {"j", "r"},   {"m", "m"},  {"f", "f"},  {"n", "n"},
    {"l", "l"},  {"h", "h"},   {"s", "s"},   {"y", "y"},  {"w", "w"},
};

// Whole syllables spelled apart from the initial + final pattern; the
// first five only Wade-Giles writes.
struct Whole {
  std::string_view wg;
  std::string_view py;
};
constexpr Whole kWhole[] = {
    {"tzu", "zi"},   {"ssu", "si"},    {"szu", "si"},    {"erh", "er"},
    {"yeh", "ye"},   {"yu", "you"},    {"yung", "yong"}, {"yen", "yan"},
    {"yueh", "yue"}, {"yuan", "yuan"}, {"yun", "yun"},   {"yin", "yin"},
};

const Final* FindFinal(std::string_view rest) {
  for (const Final& f : kFinals) {
    if (f.wg == rest) return &f;
  }
  return nullptr;
}

// The pinyin of one Wade-Giles syllable, or "" if `s` is not one.
// `distinct` is set when the spelling is one pinyin never uses.
std::string Syllable(std::string_view s, bool& distinct) {
  for (size_t i = 0; i < std::size(kWhole); ++i) {
    if (kWhole[i].wg == s) {
      distinct |= i < 5;
      return std::string(kWhole[i].py);
    }
  }
  std::string_view init_wg, init_py;
  for (const Initial& in : kInitials) {
    if (s.starts_with(in.wg)) {
      init_wg = in.wg;
      init_py = in.py;
      break;
    }
  }
  const Final* f = FindFinal(s.substr(init_wg.size()));
  if (f == nullptr) return "";
  // Finals only Wade-Giles writes: -ih, -ung, -ieh, -ien, -eh, -uei.
  if (f->wg == "ih" || f->wg == "ung" || f->wg == "iung" || f->wg == "ieh" || f->wg == "ien" ||
      f->wg == "eh" || f->wg == "uei" || f->wg == "ueh") {
    distinct = true;
  }
  if (init_wg == "hs" || init_wg == "ts" || init_wg == "tz") distinct = true;
  // ch before i and another vowel or n (chiang, ching, chien): pinyin has
  // only "chi" there.
  if (init_wg == "ch" && f->wg.size() > 1 && f->wg[0] == 'i' && f->wg != "ih") distinct = true;
  // -ih follows only ch, sh, j, ts/tz.
  if (f->wg == "ih" && !(init_wg == "ch" || init_wg == "sh" || init_wg == "j" || init_wg == "ts" ||
                         init_wg == "tz")) {
    return "";
  }
  // chin -> jin: ch before i is j.
  const bool palatal = init_wg == "ch" && f->py[0] == 'i' && f->wg != "ih";
  std::string py(palatal ? std::string_view("j") : init_py);
  std::string_view fin = f->py;
  if (f->wg == "o") {
    // Pinyin writes -o only after b p m f and w: ko -> ge, ho -> he, lo -> luo.
    if (init_wg == "k" || init_wg == "h") {
      fin = "e";
    } else if (!(init_wg == "p" || init_wg == "m" || init_wg == "f" || init_wg == "w")) {
      fin = "uo";
    }
  }
  py.append(fin);
  return py;
}

}  // namespace

bool IsWadeGilesSyllable(std::string_view word) {
  bool distinct = false;
  return !Syllable(word, distinct).empty();
}

std::string WadeGilesToPinyin(const std::vector<std::string_view>& tokens) {
  if (tokens.size() < 2 || tokens.size() > 4) return "";
  bool distinct = false;
  std::vector<std::string> out;
  for (std::string_view t : tokens) {
    std::string py = Syllable(t, distinct);
    if (py.empty()) return "";
    out.push_back(std::move(py));
  }
  if (!distinct) return "";
  // A hyphenated given name comes apart in folding ("Tse-tung" -> "tse
  // tung"); pinyin writes it as one word after the surname.
  std::string s = out[0];
  for (size_t i = 1; i < out.size(); ++i) {
    if (i == 1 || out.size() != 3) s += ' ';
    s += out[i];
  }
  return s;
}

}  // namespace chokepoint::text::internal
