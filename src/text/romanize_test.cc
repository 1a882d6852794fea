#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "text/analyze.h"

namespace chokepoint::text {
namespace {

std::vector<std::string> Rom(const std::string& raw) {
  std::string folded = Fold(raw);
  return Romanize(folded, DetectScript(folded));
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string JoinAll(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += "[" + x + "]";
  return s;
}

TEST(TextRomanize, RussianNames) {
  EXPECT_TRUE(Contains(Rom("Путин"), "putin")) << JoinAll(Rom("Путин"));
  EXPECT_TRUE(Contains(Rom("Медведев"), "medvedev"));
  EXPECT_TRUE(Contains(Rom("Лавров"), "lavrov"));
  auto r = Rom("Ротенберг Аркадий");
  EXPECT_TRUE(Contains(r, "rotenberg arkadiy")) << JoinAll(r);  // BGN
  EXPECT_TRUE(Contains(r, "rotenberg arkadii")) << JoinAll(r);  // ICAO
  EXPECT_LE(r.size(), 4u);
  auto e = Rom("Евгений Щукин");
  EXPECT_TRUE(Contains(e, "yevgeniy shchukin")) << JoinAll(e);
  EXPECT_TRUE(Contains(e, "evgenii shchukin")) << JoinAll(e);
}

TEST(TextRomanize, UkrainianUsesUkrainianBgn) {
  auto r = Rom("Ігор Коломойський");
  EXPECT_TRUE(Contains(r, "ihor kolomoyskyy") || Contains(r, "ihor kolomoyskiy")) << JoinAll(r);
}

// Serbian and Macedonian Cyrillic (a letter only they have: ј љ њ ћ ђ џ ѓ
// ќ ѕ) also in the Latin alphabet of Serbian without its marks, as the lists
// write the names (ш š, ж ž, ч č, ћ ć: VUCIC, TESIC, SESELJ); Russian keeps
// its digraphs in every form.
TEST(TextRomanize, SerbianNamesInGajLatin) {
  auto v = Rom("Александар Вучић");
  EXPECT_TRUE(Contains(v, "aleksandar vucic")) << JoinAll(v);
  EXPECT_TRUE(Contains(v, "aleksandar vuchic")) << JoinAll(v);  // ICAO
  auto s = Rom("Војислав Шешељ");
  EXPECT_TRUE(Contains(s, "vojislav seselj")) << JoinAll(s);
  auto z = Rom("Жељка Цвијановић");
  EXPECT_TRUE(Contains(z, "zeljka cvijanovic")) << JoinAll(z);
  auto r = Rom("Шувалов Чемезов");
  EXPECT_FALSE(Contains(r, "suvalov cemezov")) << JoinAll(r);
  EXPECT_TRUE(Contains(r, "shuvalov chemezov")) << JoinAll(r);
}

// Kazakh, Tatar, Bashkir and Kyrgyz letters read as the nearest Russian
// letter instead of vanishing (ә has no ASCII spelling in ICU's BGN chain).
TEST(TextRomanize, TurkicCyrillicLetters) {
  auto r = Rom("Әлинә Кабаева");
  EXPECT_TRUE(Contains(r, "alina kabayeva")) << JoinAll(r);  // BGN
  EXPECT_TRUE(Contains(r, "alina kabaeva")) << JoinAll(r);   // ICAO
  auto k = Rom("Нұрсұлтан Назарбаев");
  EXPECT_TRUE(Contains(k, "nursultan nazarbayev")) << JoinAll(k);
  EXPECT_TRUE(Contains(Rom("Қайрат Өмірбек"), "kayrat omirbek")) << JoinAll(Rom("Қайрат Өмірбек"));
}

TEST(TextRomanize, ChinesePinyinJoinedAndSplit) {
  auto r = Rom("习近平");
  EXPECT_TRUE(Contains(r, "xi jinping")) << JoinAll(r);
  EXPECT_TRUE(Contains(r, "xi jin ping")) << JoinAll(r);
  // Traditional characters give the same pinyin.
  EXPECT_TRUE(Contains(Rom("習近平"), "xi jinping"));
  // Characters of two readings take the one names have (ICU: zhang, ta),
  // also in traditional characters and among other characters.
  EXPECT_TRUE(Contains(Rom("长城"), "chang cheng")) << JoinAll(Rom("长城"));
  EXPECT_TRUE(Contains(Rom("長城"), "chang cheng")) << JoinAll(Rom("長城"));
  EXPECT_TRUE(Contains(Rom("新拓"), "xin tuo")) << JoinAll(Rom("新拓"));
}

TEST(TextRomanize, KoreanRevisedAndCustomary) {
  auto r = Rom("김정은");
  EXPECT_TRUE(Contains(r, "gim jeongeun")) << JoinAll(r);
  EXPECT_TRUE(Contains(r, "kim jeong eun")) << JoinAll(r);
  // 리, the North Korean spelling of the surname 이, is also spelt Lee.
  auto ri = Rom("리창호");
  EXPECT_TRUE(Contains(ri, "lee chang ho")) << JoinAll(ri);
  EXPECT_TRUE(Contains(ri, "ri changho")) << JoinAll(ri);
}

// The readings of a person's name, keyed by system, each as its tokens joined
// by spaces.
std::vector<std::pair<std::string, std::string>> Readings(const std::string& raw) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const NameForm& f : AnalyzeName(raw, Schema::kPerson)) {
    std::string joined;
    for (const Token& t : f.tokens) joined += (joined.empty() ? "" : " ") + t.text;
    out.emplace_back(f.system, joined);
  }
  return out;
}

// ㅓ/ㅗ and ㅡ/ㅜ are different vowels (Revised Romanization eo/o, eu/u); no
// South Korean system may write two names that differ only in them the same
// way. (The North Korean reading merges them, as the lists' spellings do.)
TEST(TextRomanize, KoreanVowelsStayDistinct) {
  const std::pair<const char*, const char*> kPairs[] = {
      {"김정은", "김종은"}, {"김정은", "김정운"}, {"서영", "소용"}};
  for (const auto& [a, b] : kPairs) {
    for (const auto& [sa, ra] : Readings(a)) {
      if (sa.starts_with("korean_dprk")) continue;
      for (const auto& [sb, rb] : Readings(b)) {
        if (!sb.starts_with("korean_dprk")) EXPECT_NE(ra, rb) << a << " vs " << b;
      }
    }
  }
  EXPECT_TRUE(Contains(Rom("김종은"), "kim jong eun")) << JoinAll(Rom("김종은"));
}

// North Korean names as the lists spell them (McCune-Reischauer without
// breves): ㅓ and ㅕ are o and yo, ㅡ is u, ㅂ/ㄷ/ㄱ start a syllable as p/t/k,
// ㅌ is th, ㄹ is r; 이/노 surnames are also read Ri/Ro. Names in hanja are
// read in Korean first (與 여, 龍 룡).
TEST(TextRomanize, KoreanDprkReading) {
  const std::pair<const char*, const char*> kCases[] = {
      {"김여정", "kim yo jong"},   {"장성택", "jang song thaek"}, {"최룡해", "choe ryong hae"},
      {"이병철", "ri pyong chol"}, {"이병철", "i pyong chol"},    {"노광철", "no kwang chol"},
      {"노광철", "ro kwang chol"}, {"김경희", "kim kyong hui"},   {"변원군", "pyon won kun"},
      {"박정천", "pak jong chon"}, {"金與正", "kim yo jong"},     {"崔龍海", "choe ryong hae"}};
  for (const auto& [hangul, latin] : kCases) {
    bool found = false;
    std::string all;
    for (const auto& [system, reading] : Readings(hangul)) {
      found |= system.find("_dprk") != std::string::npos && reading == latin;
      all += "[" + system + ": " + reading + "]";
    }
    EXPECT_TRUE(found) << hangul << " -> " << latin << ": " << all;
  }
  // A transcribed foreign name gets its loanword readings instead.
  for (const auto& [system, reading] : Readings("클로나리디스")) {
    EXPECT_FALSE(system.starts_with("korean_dprk")) << reading;
  }
}

TEST(TextRomanize, ArabicSkeletonAndCommonSpelling) {
  auto r = Rom("محمد");
  EXPECT_TRUE(Contains(r, "mhmd")) << JoinAll(r);
  EXPECT_TRUE(Contains(r, "muhammad")) << JoinAll(r);
  EXPECT_EQ(VariantKey("muhammad"), VariantKey("mohammed"));
}

// Loanword readings (romanize_internal.h, kLoanword/kLoanwordAlt). The
// expectations follow the transcription rules, not the engine: Japanese adds
// u (o after t and d) to a lone consonant and marks a short vowel before a
// doubled consonant with small tsu; Korean adds ㅡ to a lone consonant, writes
// l between vowels as ㄹㄹ and a final ㅅ for t.
TEST(TextRomanize, KatakanaLoanwords) {
  auto r = Rom("クリスマス");                            // Christmas: ku-ri-su-ma-su
  EXPECT_TRUE(Contains(r, "kurisumasu")) << JoinAll(r);  // Hepburn stays
  EXPECT_TRUE(Contains(r, "krismas")) << JoinAll(r);
  EXPECT_TRUE(Contains(r, "klismas")) << JoinAll(r);
  EXPECT_TRUE(Contains(Rom("ベッド"), "bed")) << JoinAll(Rom("ベッド"));
  EXPECT_TRUE(Contains(Rom("ブッシュ"), "bush")) << JoinAll(Rom("ブッシュ"));
  // Small vowels and small ya/yu/yo change the syllable before them.
  EXPECT_TRUE(Contains(Rom("ウィリアムズ"), "wiliamz")) << JoinAll(Rom("ウィリアムズ"));
  EXPECT_TRUE(Contains(Rom("ヴァイオリン"), "vaiolin")) << JoinAll(Rom("ヴァイオリン"));
  EXPECT_TRUE(Contains(Rom("フィリップ"), "filip")) << JoinAll(Rom("フィリップ"));
  EXPECT_TRUE(Contains(Rom("マイケル"), "maikel")) << JoinAll(Rom("マイケル"));
  EXPECT_TRUE(Contains(Rom("チャンス"), "chans")) << JoinAll(Rom("チャンス"));
  // シ writes si; the long-vowel mark after a and o writes an English r.
  EXPECT_TRUE(Contains(Rom("シドニー"), "sidni")) << JoinAll(Rom("シドニー"));
  EXPECT_TRUE(Contains(Rom("ジョーダン"), "jordan")) << JoinAll(Rom("ジョーダン"));
  // A long a at the end is the English and German -er (Miller, Carter).
  EXPECT_TRUE(Contains(Rom("ミラー"), "miler")) << JoinAll(Rom("ミラー"));
  EXPECT_TRUE(Contains(Rom("カーター"), "karter")) << JoinAll(Rom("カーター"));
  // The l reading keeps an inner long vowel as it is (Lawrie, not Lorrie).
  EXPECT_TRUE(Contains(Rom("ローリー"), "loli")) << JoinAll(Rom("ローリー"));
  EXPECT_TRUE(Contains(Rom("ローリー"), "rorri")) << JoinAll(Rom("ローリー"));
  // ン before b, p, m: Hepburn m, or the n of a foreign name (Steinberg).
  EXPECT_TRUE(Contains(Rom("シュタインベルク"), "shtainbelk")) << JoinAll(Rom("シュタインベルク"));
  // A vowel written with a small kana is a real one (トゥ tu).
  EXPECT_TRUE(Contains(Rom("トゥデイ"), "tudei")) << JoinAll(Rom("トゥデイ"));
  // Japanese names in hiragana get no loanword reading.
  EXPECT_EQ(Rom("あすか").size(), 1u) << JoinAll(Rom("あすか"));
}

// The plain Hepburn reading of a word in kana reads a small vowel kana with
// the kana before it, as one syllable (トゥ tu, ウィ wi, デュ dyu, ヴァ va)
// in one word, and writes ン as n before b, p and m (revised Hepburn).
TEST(TextRomanize, KanaHepburnKeepsSmallKanaInTheSyllable) {
  for (const auto& [kana, hepburn] :
       std::vector<std::pair<std::string, std::string>>{{"トゥシャール", "tusharu"},
                                                        {"ウィリアム", "wiriamu"},
                                                        {"デュラン", "dyuran"},
                                                        {"ヴァレリー", "vareri"},
                                                        {"ドゥーシン", "dushin"},
                                                        {"レンベリ", "renberi"}}) {
    const auto r = Rom(kana);
    EXPECT_TRUE(Contains(r, hepburn)) << kana << ": " << JoinAll(r);
    for (const std::string& reading : r) EXPECT_EQ(reading.find(' '), std::string::npos) << reading;
  }
}

// The older convention Japanese keeps for Russian names (kLoanwordDental): チ
// ti, ツ tu, ジ di, a first ウ before a consonant v; the rest as the l
// loanword reading. Expectations from those rules.
TEST(TextRomanize, KanaOlderConventionForRussianNames) {
  EXPECT_TRUE(Contains(Rom("ウラジーミル"), "vladimil")) << JoinAll(Rom("ウラジーミル"));
  EXPECT_TRUE(Contains(Rom("プーチン"), "putin")) << JoinAll(Rom("プーチン"));
  // ス and ト before a consonant and ク at the end lose their vowels.
  EXPECT_TRUE(Contains(Rom("ウラジオストク"), "vladiostk")) << JoinAll(Rom("ウラジオストク"));
  // Both words of a name written with the middle dot.
  EXPECT_TRUE(Contains(Rom("ウラジーミル・プーチン"), "vladimil putin"))
      << JoinAll(Rom("ウラジーミル・プーチン"));
  // ツ is tu, its vowel a real one; a final チ keeps its i (Rosneft's -ть).
  EXPECT_TRUE(Contains(Rom("ツポレフ"), "tupolef")) << JoinAll(Rom("ツポレフ"));
  EXPECT_TRUE(Contains(Rom("ロスネフチ"), "losnefti")) << JoinAll(Rom("ロスネフチ"));
  // ッジ is the -dge of an English name (Trowbridge): never di.
  for (const std::string& r : Rom("トラウブリッジ"))
    EXPECT_EQ(r.find("di"), std::string::npos) << r;
  // Three syllables are too few for the v (ウラル is Ural), and チャ stays ch.
  for (const std::string& r : Rom("ウラル")) EXPECT_NE(r[0], 'v') << r;
  for (const std::string& r : Rom("チャイコフスキー"))
    EXPECT_EQ(r.find("tai"), std::string::npos) << r;
}

// A word with a letter only Persian writes (ی ک گ پ چ ژ) reads ث s and ذ ض
// z, as Persian pronounces them; an Arabic word keeps th, dh, d.
TEST(TextRomanize, PersianReadingOfArabicLetters) {
  EXPECT_TRUE(Contains(Rom("رضایی"), "rzaii")) << JoinAll(Rom("رضایی"));
  EXPECT_TRUE(Contains(Rom("ذوالفقاری"), "zualfqari")) << JoinAll(Rom("ذوالفقاری"));
  EXPECT_TRUE(Contains(Rom("ذوالفقار"), "dhualfqar")) << JoinAll(Rom("ذوالفقار"));
  EXPECT_FALSE(Contains(Rom("ذوالفقار"), "zualfqar")) << JoinAll(Rom("ذوالفقار"));
  // So does a Russian surname (-ov وف, -ev يف): عثمانوف Usmanov; عثمان
  // (Uthman) keeps th.
  EXPECT_TRUE(Contains(Rom("عثمانوف"), "asmanuf")) << JoinAll(Rom("عثمانوف"));
  EXPECT_FALSE(Contains(Rom("عثمان"), "asman")) << JoinAll(Rom("عثمان"));
}

TEST(TextRomanize, HangulLoanwords) {
  auto r = Rom("클린턴");  // Clinton: keul-lin-teon
  EXPECT_TRUE(Contains(r, "klinten")) << JoinAll(r);
  EXPECT_TRUE(Contains(Rom("브리짓"), "brijit")) << JoinAll(Rom("브리짓"));  // final ㅅ t
  EXPECT_TRUE(Contains(Rom("스미스"), "smis")) << JoinAll(Rom("스미스"));
  EXPECT_TRUE(Contains(Rom("슈미트"), "shumit")) << JoinAll(Rom("슈미트"));
  EXPECT_TRUE(Contains(Rom("로버츠"), "robets")) << JoinAll(Rom("로버츠"));
  // A final ch (ć, č) is written 치: -vić, -vič.
  EXPECT_TRUE(Contains(Rom("밀로셰비치"), "miloshebich")) << JoinAll(Rom("밀로셰비치"));
  // A final ㅓ writes -er (Clipper).
  EXPECT_TRUE(Contains(Rom("클리퍼"), "kliper")) << JoinAll(Rom("클리퍼"));
  auto f = Rom("필립스");  // Phillips: ㅍ is p or f
  EXPECT_TRUE(Contains(f, "pilips")) << JoinAll(f);
  EXPECT_TRUE(Contains(f, "filips")) << JoinAll(f);
  EXPECT_LE(f.size(), 4u);
  // A two-syllable word next to others (a given name: 영숙 김) gets no
  // loanword reading; two syllables alone do (필립 Philip).
  for (const auto& [system, reading] : Readings("영숙 김")) {
    EXPECT_FALSE(system.starts_with("loanword")) << "영숙 김: " << reading;
  }
  EXPECT_TRUE(Contains(Rom("필립"), "filip")) << JoinAll(Rom("필립"));
  // Two syllables alone that start with a surname read both ways (로디:
  // the surname 노/로 ro and Roddy; 차녹: the surname 차 cha and Charnock),
  // keeping the Korean readings (김구 Kim Gu in Revised Romanization too).
  EXPECT_TRUE(Contains(Rom("차녹"), "chanok")) << JoinAll(Rom("차녹"));
  bool loan = false;
  for (const auto& [system, reading] : Readings("차녹")) loan |= system == "loanword";
  EXPECT_TRUE(loan) << JoinAll(Rom("차녹"));
  EXPECT_TRUE(Contains(Rom("김구"), "gim gu")) << JoinAll(Rom("김구"));
  EXPECT_TRUE(Contains(Rom("김구"), "kim ku")) << JoinAll(Rom("김구"));
  // So do three (로마나: the surname 노/로 and Lomana), where the forms
  // leave room after the Korean readings, which a Korean name keeps (김정은
  // Kim Jong Un).
  EXPECT_TRUE(Contains(Rom("로마나"), "romana")) << JoinAll(Rom("로마나"));
  loan = false;
  for (const auto& [system, reading] : Readings("로마나")) loan |= system == "loanword";
  EXPECT_TRUE(loan) << JoinAll(Rom("로마나"));
  EXPECT_TRUE(Contains(Rom("김정은"), "gim jeongeun")) << JoinAll(Rom("김정은"));
}

// Japanese names in Hangul: k, t at the start of a word are written ㄱ, ㄷ
// and inside it ㅋ, ㅌ (g, d there are ㄱ, ㄷ too); つ is 쓰, っ a final ㅅ.
TEST(TextRomanize, JapaneseNamesInHangul) {
  EXPECT_TRUE(Contains(Rom("다나카"), "tanaka")) << JoinAll(Rom("다나카"));
  EXPECT_TRUE(Contains(Rom("고바야시"), "kobayashi")) << JoinAll(Rom("고바야시"));
  EXPECT_TRUE(Contains(Rom("쓰나시게"), "tsunashige")) << JoinAll(Rom("쓰나시게"));
  EXPECT_TRUE(Contains(Rom("핫토리"), "hattori")) << JoinAll(Rom("핫토리"));
  // Korean names, and syllables Japanese lacks (final ㄹ, ㅓ+ㄹ...), get no
  // such reading.
  for (const char* name : {"김정은", "클린턴"}) {
    for (const auto& [system, reading] : Readings(name)) {
      EXPECT_NE(system, "hangul_hepburn") << name << ": " << reading;
    }
  }
}

TEST(TextRomanize, ChineseTranscriptionCharacters) {
  // 布 and 斯/特 stand for b, s, t alone before a consonant (Bruce, Stra-).
  auto r = Rom("布鲁斯");
  EXPECT_TRUE(Contains(r, "bu lusi")) << JoinAll(r);  // pinyin stays
  EXPECT_TRUE(Contains(r, "brus")) << JoinAll(r);
  EXPECT_TRUE(Contains(r, "blus")) << JoinAll(r);
  EXPECT_TRUE(Contains(Rom("斯特拉"), "stra")) << JoinAll(Rom("斯特拉"));
  EXPECT_TRUE(Contains(Rom("肯尼迪"), "kennidi")) << JoinAll(Rom("肯尼迪"));
  EXPECT_TRUE(Contains(Rom("科瓦尔斯基"), "kewalski")) << JoinAll(Rom("科瓦尔斯基"));
  // Traditional characters read the same.
  EXPECT_TRUE(Contains(Rom("羅斯福"), "rosfu")) << JoinAll(Rom("羅斯福"));
  // Two characters next to other words are as often a Chinese given name:
  // pinyin only. Alone they may be a foreign name (布朗 Brown).
  for (const std::string& r : Rom("宗翰 余")) EXPECT_EQ(r.find("zonhan"), std::string::npos) << r;
  EXPECT_TRUE(Contains(Rom("布朗"), "bran")) << JoinAll(Rom("布朗"));
  // 那 na, 祖 zu, 凡 fan/van, 狄 di also write foreign names (凡爾納 Verne).
  EXPECT_TRUE(Contains(Rom("凡尔纳"), "fanrna")) << JoinAll(Rom("凡尔纳"));
  // A name with characters outside the transcription tables gets no
  // loanword reading.
  EXPECT_EQ(Rom("习近平").size(), 2u) << JoinAll(Rom("习近平"));
}

// Korean names in hanja: a Korean surname first, then each character's
// Sino-Korean reading (金 is 김 as a surname; 正 정, 恩 은, 明 명, 植 식).
TEST(TextRomanize, KoreanNamesInHanja) {
  EXPECT_TRUE(Contains(Rom("金正恩"), "kim jeong eun")) << JoinAll(Rom("金正恩"));
  EXPECT_TRUE(Contains(Rom("朴明植"), "park myeong sik")) << JoinAll(Rom("朴明植"));
  // The pinyin reading stays.
  EXPECT_TRUE(Contains(Rom("金正恩"), "jin zhengen")) << JoinAll(Rom("金正恩"));
  // Not a Korean surname first: no Korean reading.
  EXPECT_FALSE(Contains(Rom("习近平"), "seup geun pyeong")) << JoinAll(Rom("习近平"));
  // Written in simplified characters (Chinese texts): read as the hanja they
  // simplify, 铁 as 鐵 철, 张 as 張 장, 泽 as 澤 택.
  EXPECT_TRUE(Contains(Rom("金铁三"), "kim cheol sam")) << JoinAll(Rom("金铁三"));
  EXPECT_TRUE(Contains(Rom("张成泽"), "jang seong taek")) << JoinAll(Rom("张成泽"));
}

TEST(TextRomanize, HebrewLettersAndVowelLetters) {
  EXPECT_TRUE(Contains(Rom("יוסף"), "yosf")) << JoinAll(Rom("יוסף"));
  auto a = Rom("אברהם");  // ב inside a word is v, or b
  EXPECT_TRUE(Contains(a, "avrhm")) << JoinAll(a);
  EXPECT_TRUE(Contains(a, "abrhm")) << JoinAll(a);
  EXPECT_TRUE(Contains(Rom("ברוך"), "broch")) << JoinAll(Rom("ברוך"));
  EXPECT_TRUE(Contains(Rom("דוויד"), "dvid")) << JoinAll(Rom("דוויד"));
  // Geresh: ג׳ j, צ׳ ch, also written with an ASCII apostrophe; פ is p or f.
  EXPECT_TRUE(Contains(Rom("ג׳ון"), "jon")) << JoinAll(Rom("ג׳ון"));
  EXPECT_TRUE(Contains(Rom("ג'ון"), "jon")) << JoinAll(Rom("ג'ון"));
  EXPECT_TRUE(Contains(Rom("צ'רצ'יל"), "chrchil")) << JoinAll(Rom("צ'רצ'יל"));
  EXPECT_TRUE(Contains(Rom("פרנק"), "frnk")) << JoinAll(Rom("פרנק"));
  EXPECT_TRUE(Contains(Rom("פרנק"), "prnk")) << JoinAll(Rom("פרנק"));
  // Foreign names: ב v inside the word with פ p (Petrova).
  EXPECT_TRUE(Contains(Rom("פטרובה"), "ptrova")) << JoinAll(Rom("פטרובה"));
  // ו is o or u: the foreign reading takes u (Gustav), but o before ב (-ova).
  EXPECT_TRUE(Contains(Rom("גוסטב"), "gustv")) << JoinAll(Rom("גוסטב"));
  EXPECT_TRUE(Contains(Rom("גוסטב"), "gostv")) << JoinAll(Rom("גוסטב"));
  // A word-initial א before a vowel letter is silent (Austin, Ivanov).
  EXPECT_TRUE(Contains(Rom("אוסטין"), "ostin")) << JoinAll(Rom("אוסטין"));
  EXPECT_TRUE(Contains(Rom("איבנוב"), "ivnov")) << JoinAll(Rom("איבנוב"));
  // Foreign names: שט, שפ are the German st, sp (Stein).
  EXPECT_TRUE(Contains(Rom("שטיין"), "styn")) << JoinAll(Rom("שטיין"));
  EXPECT_TRUE(Contains(Rom("שטיין"), "shtyn")) << JoinAll(Rom("שטיין"));
  // Vowel points are dropped.
  EXPECT_TRUE(Contains(Rom("שָׁלוֹם"), "shalom") || Contains(Rom("שָׁלוֹם"), "shlom"))
      << JoinAll(Rom("שָׁלוֹם"));
}

// Japanese names in Cyrillic are written in Polivanov's system (し си, ち
// ти, じ дзи, つ цу, しゅ сю, ん н); the reading back gives the Hepburn
// spelling the same names have in Latin script.
TEST(TextRomanize, JapaneseNamesInCyrillic) {
  EXPECT_TRUE(Contains(Rom("Итиро"), "ichiro")) << JoinAll(Rom("Итиро"));
  EXPECT_TRUE(Contains(Rom("Ясиро"), "yashiro")) << JoinAll(Rom("Ясиро"));
  EXPECT_TRUE(Contains(Rom("Дзюнъити"), "junichi")) << JoinAll(Rom("Дзюнъити"));
  EXPECT_TRUE(Contains(Rom("Мацумото"), "matsumoto")) << JoinAll(Rom("Мацумото"));
  EXPECT_TRUE(Contains(Rom("Сюсаку"), "shusaku")) << JoinAll(Rom("Сюсаку"));
  EXPECT_TRUE(Contains(Rom("Хаттори"), "hattori")) << JoinAll(Rom("Хаттори"));
  EXPECT_TRUE(Contains(Rom("Сэнъити"), "senichi")) << JoinAll(Rom("Сэнъити"));
  // ё (folded to е) at the start of a word or after a vowel is yo.
  EXPECT_TRUE(Contains(Rom("Ёсида"), "yoshida")) << JoinAll(Rom("Ёсида"));
  EXPECT_TRUE(Contains(Rom("Миёси"), "miyoshi")) << JoinAll(Rom("Миёси"));
  // The BGN reading stays.
  EXPECT_TRUE(Contains(Rom("Итиро"), "itiro")) << JoinAll(Rom("Итиро"));
  // Russian words with letters or clusters Japanese lacks get no such
  // reading.
  for (const char* russian : {"Шишкин", "Сидоров", "Владимир", "Чистяков"}) {
    for (const auto& [system, reading] : Readings(russian)) {
      EXPECT_NE(system, "polivanov") << russian << ": " << reading;
    }
  }
}

// Chinese names in Cyrillic are written in Palladius' system (j, z цз; q, c
// ц; x, s с; zh чж; r ж; -ng н, -n нь; ong ун; ü юй); read back as pinyin.
TEST(TextRomanize, ChineseNamesInCyrillic) {
  EXPECT_TRUE(Contains(Rom("Цзиньпин"), "jinping")) << JoinAll(Rom("Цзиньпин"));
  EXPECT_TRUE(Contains(Rom("Сяоцзюнь"), "xiaojun")) << JoinAll(Rom("Сяоцзюнь"));
  EXPECT_TRUE(Contains(Rom("Чэнлун"), "chenglong")) << JoinAll(Rom("Чэнлун"));
  EXPECT_TRUE(Contains(Rom("Юйсюань"), "yuxuan")) << JoinAll(Rom("Юйсюань"));
  EXPECT_TRUE(Contains(Rom("Цяньчжи"), "qianzhi")) << JoinAll(Rom("Цяньчжи"));
  // Russian names get no such reading, even where they split into
  // Palladius syllables (Иван = yi-wang): they lack its marks.
  for (const char* russian : {"Иван", "Анна", "Лена", "Шишкин", "Ковтун"}) {
    for (const auto& [system, reading] : Readings(russian)) {
      EXPECT_NE(system, "palladius") << russian << ": " << reading;
    }
  }
}

// Arabic writes a foreign p with ب and g with ج.
TEST(TextRomanize, ArabicForeignNames) {
  EXPECT_TRUE(Contains(Rom("بيتر"), "pitr")) << JoinAll(Rom("بيتر"));
  EXPECT_TRUE(Contains(Rom("جورج"), "gurg")) << JoinAll(Rom("جورج"));
  // تش is ch (Milošević, ميلوشيفيتش).
  EXPECT_TRUE(Contains(Rom("ميلوشيفيتش"), "milushifich")) << JoinAll(Rom("ميلوشيفيتش"));
  EXPECT_LE(Rom("بيتر").size(), 4u);
  // Letters for sounds European names lack mark an Arabic name: no p/g
  // reading for حسن.
  EXPECT_FALSE(Contains(Rom("جحا"), "gha")) << JoinAll(Rom("جحا"));
}

TEST(TextRomanize, OtherScriptsAndLatin) {
  EXPECT_TRUE(Contains(Rom("Νικόλαος"), "nikolaos"));
  EXPECT_TRUE(Contains(Rom("Müller"), "muller"));
  EXPECT_TRUE(Contains(Rom("Ελληνικά Putin"), "ellenika putin") ||
              Contains(Rom("Ελληνικά Putin"), "ellinika putin"))
      << JoinAll(Rom("Ελληνικά Putin"));
  EXPECT_EQ(Rom(""), std::vector<std::string>{""});
  for (const std::string& s : Rom("Путин 习近平 Putin")) {
    for (char c : s) EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ') << s;
  }
}

// --- The Watchman cross-script pairs, data-driven -------------------------
//
// Criterion (independent of the scorer): some romanisation of the query
// covers every token of the expected Latin name, where a query token covers
// an expected token if their VariantKeys are equal, their PhoneticKeys are
// equal, or their VariantKeys are within Levenshtein distance max(1, len/4);
// or the same holds for both names with all tokens concatenated (Abd Allah /
// Abdullah).

size_t Levenshtein(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    }
    prev.swap(cur);
  }
  return prev[b.size()];
}

bool Near(const std::string& q, const std::string& e) {
  std::string kq = VariantKey(q), ke = VariantKey(e);
  if (kq == ke || PhoneticKey(q) == PhoneticKey(e)) return true;
  return Levenshtein(kq, ke) <= std::max<size_t>(1, ke.size() / 4);
}

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + " ") {
    if (c == ' ') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

bool Covers(const std::vector<std::string>& query, const std::vector<std::string>& expected) {
  for (const std::string& e : expected) {
    bool found = false;
    for (const std::string& q : query) found |= Near(q, e);
    if (!found) return false;
  }
  return true;
}

TEST(TextRomanize, WatchmanCrossScriptPairs) {
  std::ifstream in(std::string(CHOKEPOINT_SHARED_DIR) +
                   "/data/matching/watchman_cross_script_pairs.csv");
  ASSERT_TRUE(in.good());
  std::string line;
  int total = 0, passed = 0;
  std::vector<std::string> failures;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t c1 = line.find(',');
    size_t c2 = line.find(',', c1 + 1);
    ASSERT_NE(c2, std::string::npos) << line;
    std::string query = line.substr(0, c1);
    std::string expected = Fold(line.substr(c1 + 1, c2 - c1 - 1));
    ++total;
    bool ok = false;
    for (const NameForm& form : AnalyzeName(query, Schema::kPerson)) {
      std::vector<std::string> q;
      std::string q_joined;
      for (const Token& t : form.tokens) {
        q.push_back(t.text);
        q_joined += t.text;
      }
      std::vector<std::string> e = Words(expected);
      std::string e_joined;
      for (const auto& w : e) e_joined += w;
      ok |= Covers(q, e) || Near(q_joined, e_joined);
    }
    if (ok) {
      ++passed;
    } else {
      failures.push_back(query + " -> " + expected + " got " + JoinAll(Rom(query)));
    }
  }
  EXPECT_EQ(total, 17);
  for (const auto& f : failures) std::cout << "  not covered: " << f << "\n";
  std::cout << "  watchman cross-script pairs covered: " << passed << "/" << total << "\n";
  // 金正恩 (Kim Jong Un in hanja) is read in Korean too (sino_korean).
  EXPECT_EQ(passed, total);
}

}  // namespace
}  // namespace chokepoint::text
