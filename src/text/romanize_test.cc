#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <string>
#include <utility>
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

// Whether `raw` has `reading` among its romanisations; the message lists
// them all, for EXPECT_TRUE and EXPECT_FALSE alike.
testing::AssertionResult Reads(const std::string& raw, const std::string& reading) {
  const std::vector<std::string> r = Rom(raw);
  return (Contains(r, reading) ? testing::AssertionSuccess() : testing::AssertionFailure())
         << raw << " reads " << JoinAll(r);
}

// Each (raw, reading) pair: `raw` has `reading` among its romanisations.
void ExpectReadings(std::initializer_list<std::pair<const char*, const char*>> readings) {
  for (const auto& [raw, reading] : readings) EXPECT_TRUE(Reads(raw, reading));
}

TEST(TextRomanize, RussianNames) {
  EXPECT_TRUE(Reads("Путин", "putin"));
  EXPECT_TRUE(Reads("Медведев", "medvedev"));
  EXPECT_TRUE(Reads("Лавров", "lavrov"));
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
  EXPECT_TRUE(Reads("Қайрат Өмірбек", "kayrat omirbek"));
}

TEST(TextRomanize, ChinesePinyinJoinedAndSplit) {
  auto r = Rom("习近平");
  EXPECT_TRUE(Contains(r, "xi jinping")) << JoinAll(r);
  EXPECT_TRUE(Contains(r, "xi jin ping")) << JoinAll(r);
  // Traditional characters give the same pinyin.
  EXPECT_TRUE(Reads("習近平", "xi jinping"));
  // Characters of two readings take the one names have (ICU: zhang, ta),
  // also in traditional characters and among other characters.
  EXPECT_TRUE(Reads("长城", "chang cheng"));
  EXPECT_TRUE(Reads("長城", "chang cheng"));
  EXPECT_TRUE(Reads("新拓", "xin tuo"));
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
  EXPECT_TRUE(Reads("김종은", "kim jong eun"));
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
  EXPECT_TRUE(Reads("ベッド", "bed"));
  EXPECT_TRUE(Reads("ブッシュ", "bush"));
  // Small vowels and small ya/yu/yo change the syllable before them.
  EXPECT_TRUE(Reads("ウィリアムズ", "wiliamz"));
  EXPECT_TRUE(Reads("ヴァイオリン", "vaiolin"));
  EXPECT_TRUE(Reads("フィリップ", "filip"));
  EXPECT_TRUE(Reads("マイケル", "maikel"));
  EXPECT_TRUE(Reads("チャンス", "chans"));
  // シ writes si; the long-vowel mark after a and o writes an English r.
  EXPECT_TRUE(Reads("シドニー", "sidni"));
  EXPECT_TRUE(Reads("ジョーダン", "jordan"));
  // A long a at the end is the English and German -er (Miller, Carter).
  EXPECT_TRUE(Reads("ミラー", "miler"));
  EXPECT_TRUE(Reads("カーター", "karter"));
  // The l reading keeps an inner long vowel as it is (Lawrie, not Lorrie).
  EXPECT_TRUE(Reads("ローリー", "loli"));
  EXPECT_TRUE(Reads("ローリー", "rorri"));
  // ン before b, p, m: Hepburn m, or the n of a foreign name (Steinberg).
  EXPECT_TRUE(Reads("シュタインベルク", "shtainbelk"));
  // A vowel written with a small kana is a real one (トゥ tu).
  EXPECT_TRUE(Reads("トゥデイ", "tudei"));
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
  EXPECT_TRUE(Reads("ウラジーミル", "vladimil"));
  EXPECT_TRUE(Reads("プーチン", "putin"));
  // ス and ト before a consonant and ク at the end lose their vowels.
  EXPECT_TRUE(Reads("ウラジオストク", "vladiostk"));
  // Both words of a name written with the middle dot.
  EXPECT_TRUE(Reads("ウラジーミル・プーチン", "vladimil putin"));
  // ツ is tu, its vowel a real one; a final チ keeps its i (Rosneft's -ть).
  EXPECT_TRUE(Reads("ツポレフ", "tupolef"));
  EXPECT_TRUE(Reads("ロスネフチ", "losnefti"));
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
  EXPECT_TRUE(Reads("رضایی", "rzaii"));
  EXPECT_TRUE(Reads("ذوالفقاری", "zualfqari"));
  EXPECT_TRUE(Reads("ذوالفقار", "dhualfqar"));
  EXPECT_FALSE(Reads("ذوالفقار", "zualfqar"));
  // So does a Russian surname (-ov وف, -ev يف): عثمانوف Usmanov; عثمان
  // (Uthman) keeps th.
  EXPECT_TRUE(Reads("عثمانوف", "asmanuf"));
  EXPECT_FALSE(Reads("عثمان", "asman"));
}

// Burmese as names are spelled in English, a word per syllable: the initial
// with its medials (ကျ ky, လှ hl, ရှ sh, မြ my), the vowel with the final as
// a rime (ောင် aung, ိုင် aing, ိန် ein, ွန် un, ော် aw, ို o), a creaky nasal
// with t (မြင့် myint); the second reading writes ို oe, ူ oo, ေ ay.
TEST(TextRomanize, BurmeseNamesAsSpelledInEnglish) {
  ExpectReadings({
      {"မင်းအောင်လှိုင်", "min aung hlaing"},
      {"စိုးဝင်း", "so win"},
      {"စိုးဝင်း", "soe win"},
      {"မြင့်ဆွေ", "myint swe"},
      {"သန်းရွှေ", "than shwe"},
      {"မောင်မောင်ကျော်", "maung maung kyaw"},
      {"ဇော်မင်းထွန်း", "zaw min htun"},
      {"စိုးထွဋ်", "so htut"},
      {"မြထွန်းဦး", "mya htun oo"},
      {"ဝင်းရှိန်", "win shein"},
      {"စိန်ဝင်း", "sein win"},
      {"ဒေါ်", "daw"},
      {"ချစ်", "chit"},
      {"လမ်း ၁၂", "lan 12"},
  });
  EXPECT_FALSE(Reads("မင်းအောင်လှိုင်", "minaunghlaing"));
}

// The letters Urdu and Pashto add to the Arabic alphabet are read as the
// nearest Arabic or Persian letter, not dropped: the retroflex ٹ ڈ ڑ (ټ ډ ړ)
// as t d r, the two hehs ہ ھ as h (ھ after a consonant aspirates it), ے as
// the Persian ی, Pashto ګ ښ ځ څ as g sh z s.
TEST(TextRomanize, UrduAndPashtoLetters) {
  ExpectReadings({
      {"ڈار", "dar"},
      {"مسعود اظہر", "masoud azhr"},
      {"لکھوی", "lkhwy"},
      {"بھٹو", "bhtu"},
      {"ډاکټر", "daktr"},
      {"ګلبدین حکمتیار", "glbdyn hkmtyar"},
      {"ښکلی", "shkli"},
      {"څرخی", "srkhi"},
      // و before a final Persian ی is the v of a nisba (علوی Alvi); before an
      // Arabic ي it stays a vowel (Maghrebi -oui).
      {"لکھوی", "lkhvi"},
      {"علوی", "alvi"},
      {"يحياوي", "yhiaui"},
  });
  EXPECT_FALSE(Reads("مسعود اظہر", "masoud azr"));
}

TEST(TextRomanize, HangulLoanwords) {
  auto r = Rom("클린턴");  // Clinton: keul-lin-teon
  EXPECT_TRUE(Contains(r, "klinten")) << JoinAll(r);
  EXPECT_TRUE(Reads("브리짓", "brijit"));  // final ㅅ t
  EXPECT_TRUE(Reads("스미스", "smis"));
  EXPECT_TRUE(Reads("슈미트", "shumit"));
  EXPECT_TRUE(Reads("로버츠", "robets"));
  // A final ch (ć, č) is written 치: -vić, -vič.
  EXPECT_TRUE(Reads("밀로셰비치", "miloshebich"));
  // A final ㅓ writes -er (Clipper).
  EXPECT_TRUE(Reads("클리퍼", "kliper"));
  auto f = Rom("필립스");  // Phillips: ㅍ is p or f
  EXPECT_TRUE(Contains(f, "pilips")) << JoinAll(f);
  EXPECT_TRUE(Contains(f, "filips")) << JoinAll(f);
  EXPECT_LE(f.size(), 4u);
  // A two-syllable word next to others (a given name: 영숙 김) gets no
  // loanword reading; two syllables alone do (필립 Philip).
  for (const auto& [system, reading] : Readings("영숙 김")) {
    EXPECT_FALSE(system.starts_with("loanword")) << "영숙 김: " << reading;
  }
  EXPECT_TRUE(Reads("필립", "filip"));
  // Two syllables alone that start with a surname read both ways (로디:
  // the surname 노/로 ro and Roddy; 차녹: the surname 차 cha and Charnock),
  // keeping the Korean readings (김구 Kim Gu in Revised Romanization too).
  EXPECT_TRUE(Reads("차녹", "chanok"));
  bool loan = false;
  for (const auto& [system, reading] : Readings("차녹")) loan |= system == "loanword";
  EXPECT_TRUE(loan) << JoinAll(Rom("차녹"));
  EXPECT_TRUE(Reads("김구", "gim gu"));
  EXPECT_TRUE(Reads("김구", "kim ku"));
  // So do three (로마나: the surname 노/로 and Lomana), where the forms
  // leave room after the Korean readings, which a Korean name keeps (김정은
  // Kim Jong Un).
  EXPECT_TRUE(Reads("로마나", "romana"));
  loan = false;
  for (const auto& [system, reading] : Readings("로마나")) loan |= system == "loanword";
  EXPECT_TRUE(loan) << JoinAll(Rom("로마나"));
  EXPECT_TRUE(Reads("김정은", "gim jeongeun"));
}

// Japanese names in Hangul: k, t at the start of a word are written ㄱ, ㄷ
// and inside it ㅋ, ㅌ (g, d there are ㄱ, ㄷ too); つ is 쓰, っ a final ㅅ.
TEST(TextRomanize, JapaneseNamesInHangul) {
  EXPECT_TRUE(Reads("다나카", "tanaka"));
  EXPECT_TRUE(Reads("고바야시", "kobayashi"));
  EXPECT_TRUE(Reads("쓰나시게", "tsunashige"));
  EXPECT_TRUE(Reads("핫토리", "hattori"));
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
  EXPECT_TRUE(Reads("斯特拉", "stra"));
  EXPECT_TRUE(Reads("肯尼迪", "kennidi"));
  EXPECT_TRUE(Reads("科瓦尔斯基", "kewalski"));
  // Traditional characters read the same.
  EXPECT_TRUE(Reads("羅斯福", "rosfu"));
  // Two characters next to other words are as often a Chinese given name:
  // pinyin only. Alone they may be a foreign name (布朗 Brown).
  for (const std::string& r : Rom("宗翰 余")) EXPECT_EQ(r.find("zonhan"), std::string::npos) << r;
  EXPECT_TRUE(Reads("布朗", "bran"));
  // 那 na, 祖 zu, 凡 fan/van, 狄 di also write foreign names (凡爾納 Verne).
  EXPECT_TRUE(Reads("凡尔纳", "fanrna"));
  // A name with characters outside the transcription tables gets no
  // loanword reading.
  EXPECT_EQ(Rom("习近平").size(), 2u) << JoinAll(Rom("习近平"));
}

// Korean names in hanja: a Korean surname first, then each character's
// Sino-Korean reading (金 is 김 as a surname; 正 정, 恩 은, 明 명, 植 식).
TEST(TextRomanize, KoreanNamesInHanja) {
  EXPECT_TRUE(Reads("金正恩", "kim jeong eun"));
  EXPECT_TRUE(Reads("朴明植", "park myeong sik"));
  // The pinyin reading stays.
  EXPECT_TRUE(Reads("金正恩", "jin zhengen"));
  // Not a Korean surname first: no Korean reading.
  EXPECT_FALSE(Reads("习近平", "seup geun pyeong"));
  // Written in simplified characters (Chinese texts): read as the hanja they
  // simplify, 铁 as 鐵 철, 张 as 張 장, 泽 as 澤 택.
  EXPECT_TRUE(Reads("金铁三", "kim cheol sam"));
  EXPECT_TRUE(Reads("张成泽", "jang seong taek"));
}

TEST(TextRomanize, HebrewLettersAndVowelLetters) {
  EXPECT_TRUE(Reads("יוסף", "yosf"));
  auto a = Rom("אברהם");  // ב inside a word is v, or b
  EXPECT_TRUE(Contains(a, "avrhm")) << JoinAll(a);
  EXPECT_TRUE(Contains(a, "abrhm")) << JoinAll(a);
  EXPECT_TRUE(Reads("ברוך", "broch"));
  EXPECT_TRUE(Reads("דוויד", "dvid"));
  // Geresh: ג׳ j, צ׳ ch, also written with an ASCII apostrophe; פ is p or f.
  EXPECT_TRUE(Reads("ג׳ון", "jon"));
  EXPECT_TRUE(Reads("ג'ון", "jon"));
  EXPECT_TRUE(Reads("צ'רצ'יל", "chrchil"));
  EXPECT_TRUE(Reads("פרנק", "frnk"));
  EXPECT_TRUE(Reads("פרנק", "prnk"));
  // Foreign names: ב v inside the word with פ p (Petrova).
  EXPECT_TRUE(Reads("פטרובה", "ptrova"));
  // ו is o or u: the foreign reading takes u (Gustav), but o before ב (-ova).
  EXPECT_TRUE(Reads("גוסטב", "gustv"));
  EXPECT_TRUE(Reads("גוסטב", "gostv"));
  // A word-initial א before a vowel letter is silent (Austin, Ivanov).
  EXPECT_TRUE(Reads("אוסטין", "ostin"));
  EXPECT_TRUE(Reads("איבנוב", "ivnov"));
  // Foreign names: שט, שפ are the German st, sp (Stein).
  EXPECT_TRUE(Reads("שטיין", "styn"));
  EXPECT_TRUE(Reads("שטיין", "shtyn"));
  // Vowel points are dropped.
  EXPECT_TRUE(Contains(Rom("שָׁלוֹם"), "shalom") || Contains(Rom("שָׁלוֹם"), "shlom"))
      << JoinAll(Rom("שָׁלוֹם"));
}

// Japanese names in Cyrillic are written in Polivanov's system (し си, ち
// ти, じ дзи, つ цу, しゅ сю, ん н); the reading back gives the Hepburn
// spelling the same names have in Latin script.
TEST(TextRomanize, JapaneseNamesInCyrillic) {
  EXPECT_TRUE(Reads("Итиро", "ichiro"));
  EXPECT_TRUE(Reads("Ясиро", "yashiro"));
  EXPECT_TRUE(Reads("Дзюнъити", "junichi"));
  EXPECT_TRUE(Reads("Мацумото", "matsumoto"));
  EXPECT_TRUE(Reads("Сюсаку", "shusaku"));
  EXPECT_TRUE(Reads("Хаттори", "hattori"));
  EXPECT_TRUE(Reads("Сэнъити", "senichi"));
  // ё (folded to е) at the start of a word or after a vowel is yo.
  EXPECT_TRUE(Reads("Ёсида", "yoshida"));
  EXPECT_TRUE(Reads("Миёси", "miyoshi"));
  // The BGN reading stays.
  EXPECT_TRUE(Reads("Итиро", "itiro"));
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
  EXPECT_TRUE(Reads("Цзиньпин", "jinping"));
  EXPECT_TRUE(Reads("Сяоцзюнь", "xiaojun"));
  EXPECT_TRUE(Reads("Чэнлун", "chenglong"));
  EXPECT_TRUE(Reads("Юйсюань", "yuxuan"));
  EXPECT_TRUE(Reads("Цяньчжи", "qianzhi"));
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
  EXPECT_TRUE(Reads("بيتر", "pitr"));
  EXPECT_TRUE(Reads("جورج", "gurg"));
  // تش is ch (Milošević, ميلوشيفيتش).
  EXPECT_TRUE(Reads("ميلوشيفيتش", "milushifich"));
  EXPECT_LE(Rom("بيتر").size(), 4u);
  // Letters for sounds European names lack mark an Arabic name: no p/g
  // reading for حسن.
  EXPECT_FALSE(Reads("جحا", "gha"));
}

TEST(TextRomanize, OtherScriptsAndLatin) {
  EXPECT_TRUE(Reads("Νικόλαος", "nikolaos"));
  EXPECT_TRUE(Reads("Müller", "muller"));
  EXPECT_TRUE(Contains(Rom("Ελληνικά Putin"), "ellenika putin") ||
              Contains(Rom("Ελληνικά Putin"), "ellinika putin"))
      << JoinAll(Rom("Ελληνικά Putin"));
  EXPECT_EQ(Rom(""), std::vector<std::string>{""});
  for (const std::string& s : Rom("Путин 习近平 Putin")) {
    for (char c : s) EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ') << s;
  }
}

// Devanagari as Hindi names are spelled in English: the inherent vowel of
// the last consonant is not said (खान Khan), nor one between a vowel and a
// consonant before a vowel (सलमान Salman, मनमोहन Manmohan), but it is after a
// cluster at the end (नरेंद्र Narendra, कृष्ण Krishna) and in a word of one
// syllable; श and ष are sh, the vocalic ऋ ri, ज्ञ gy, a nukta's consonant its
// Persian sound (फ़ f, ज़ z, क़ q); the anusvara the next consonant's nasal.
TEST(TextRomanize, HindiNamesAsSpelledInEnglish) {
  ExpectReadings({
      {"सलमान खान", "salman khan"},
      {"राहुल गांधी", "rahul gandhi"},
      {"नरेंद्र मोदी", "narendra modi"},
      {"मनमोहन सिंह", "manmohan singh"},
      {"मुकेश अंबानी", "mukesh ambani"},
      {"अरविंद केजरीवाल", "arvind kejrival"},
      {"जवाहरलाल नेहरू", "javaharlal nehru"},
      {"कृष्ण", "krishna"},
      {"लक्ष्मी", "lakshmi"},
      {"प्रज्ञा ठाकुर", "pragya thakur"},
      {"मंगल", "mangal"},
      {"न", "na"},
      {"ज़फ़र", "zafar"},
      // The precomposed nukta letters (U+0958 क़, U+095E फ़) read as the pairs.
      {"\u0915\u093C\u093E\u0938\u093F\u092E", "qasim"},
      {"\u0958\u093E\u0938\u093F\u092E", "qasim"},
      {"\u095E\u093E\u0930\u0942\u0958", "faruq"},
      // The second reading writes a long ई or ऊ inside a word ee or oo, as
      // many names are spelled (Dawood, Deepak), but not at its end (Gandhi).
      {"दाऊद इब्राहिम कासकर", "daud ibrahim kaskar"},
      {"दाऊद इब्राहिम कासकर", "daood ibrahim kaskar"},
      {"दीपक", "deepak"},
      {"दीपक गांधी", "deepak gandhi"},
      // Digits, and a zero-width joiner (the conjunct's shape only).
      {"गली १२", "gali 12"},
      {"मुस्\u200Dलीम", "muslim"},
      {"मुस\u200D्लीम", "muslim"},
  });
  EXPECT_FALSE(Reads("राहुल गांधी", "rahul gaandhee"));
}

// Bengali, through the same reader by the blocks' shared layout, with the
// values Bengali names are spelled with: ফ f, ং ng, ৌ ow, ব after another
// consonant w, ো or ও before য় and a vowel w, য at a word's start j; a
// second reading with জ z (names from Arabic and Persian), a third that
// also says the inherent vowels inside a word.
TEST(TextRomanize, BengaliNamesAsSpelledInEnglish) {
  ExpectReadings({
      {"খান মোহাম্মদ আজাদ", "khan mohammad ajad"},
      {"খান মোহাম্মদ আজাদ", "khan mohammad azad"},
      {"বেনজীর আহমেদ", "benjir ahmed"},
      {"বেনজীর আহমেদ", "benazir ahamed"},
      {"চৌধুরী আবদুল্লাহ আল মামুন", "chowdhuri abdullah al mamun"},
      {"তোফায়েল মোস্তাফা সরোয়ার", "tofayel mostafa sarowar"},
      {"মোহাম্মদ জাহাঙ্গীর আলম", "mohammad jahangir alam"},
      {"মোহাম্মদ আনোয়ার লতিফ খান", "mohammad anowar latif khan"},
      {"ওয়াহিদ", "wahid"},
      {"নজরুল ইসলাম", "nazrul islam"},
      {"বাংলাদেশ", "bangladesh"},
      {"বিশ্বাস", "bishwas"},
      {"অম্বর", "ambar"},
      {"যশোর", "jashor"},
      {"শেখ হাসিনা", "shekh hasina"},
      {"সত্যজিৎ রায়", "satyajit ray"},
      {"ভট্টাচার্য", "bhattacharya"},
      // Bengali digits.
      {"রোড ১২", "rod 12"},
  });
  EXPECT_FALSE(Reads("খান মোহাম্মদ আজাদ", "khana mohammada ajada"));
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
