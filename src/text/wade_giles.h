#ifndef CHOKEPOINT_TEXT_WADE_GILES_H_
#define CHOKEPOINT_TEXT_WADE_GILES_H_

#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::text::internal {

// The pinyin spelling of a Chinese name written in Wade-Giles ("mao tse
// tung" -> "mao zedong", "hsi chin ping" -> "xi jinbing": aspiration marks
// are usually lost, so a syllable is read unaspirated), from its folded
// Latin tokens. "" unless there are 2-4 tokens, each a Wade-Giles syllable,
// at least one spelled as pinyin never is (hs-, ts-, tz-, -ih, -ung, -ieh,
// -ien, ssu, erh ...).
std::string WadeGilesToPinyin(const std::vector<std::string_view>& tokens);
// Whether a folded word is one Wade-Giles syllable ("yu", "liang", "pao").
bool IsWadeGilesSyllable(std::string_view word);

}  // namespace chokepoint::text::internal

#endif  // CHOKEPOINT_TEXT_WADE_GILES_H_
