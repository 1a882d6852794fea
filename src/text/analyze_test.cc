#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "text/analyze.h"
#include "text/tables.h"

namespace chokepoint::text {
namespace {

// Each word (folded first when `fold`) is a company word with the
// canonical of its English translation.
void ExpectTranslations(std::initializer_list<std::pair<const char*, const char*>> pairs,
                        bool fold = true) {
  for (const auto& [native, english] : pairs) {
    const std::string word = fold ? Fold(native) : native;
    EXPECT_FALSE(OrgWordCanon(word).empty()) << native;
    EXPECT_EQ(OrgWordCanon(word), OrgWordCanon(Fold(english))) << native << " / " << english;
  }
}

std::string Dump(const std::vector<NameForm>& forms) {
  std::string s;
  for (const NameForm& f : forms) {
    s += f.system + ":";
    for (const Token& t : f.tokens) {
      s += " " + t.text + "/" + t.canon + "/" + std::string(TokenKindName(t.kind));
    }
    s += "\n";
  }
  return s;
}

// The legal-form canon of the only legal-form token in the first form.
std::string LegalCanon(const std::string& name) {
  std::string canon;
  const std::vector<NameForm> forms = AnalyzeName(name, Schema::kCompany);
  for (const Token& t : forms.front().tokens) {
    if (t.kind == TokenKind::kLegalForm) canon = t.canon;
  }
  return canon;
}

bool HasToken(const std::vector<NameForm>& forms, const std::string& text, TokenKind kind) {
  for (const NameForm& f : forms) {
    for (const Token& t : f.tokens) {
      if (t.text == text && t.kind == kind) return true;
    }
  }
  return false;
}

TEST(TextLegalForms, SameCanonAcrossScriptsAndSpellings) {
  EXPECT_EQ(LegalFormId(Fold("ООО")), "llc");
  EXPECT_EQ(LegalFormId(Fold("OOO")), "llc");
  EXPECT_EQ(LegalFormId(Fold("LLC")), "llc");
  EXPECT_EQ(LegalFormId(Fold("Limited Liability Company")), "llc");
  EXPECT_EQ(LegalFormId(Fold("有限公司")), LegalFormId(Fold("Co., Ltd.")));
  EXPECT_FALSE(LegalFormId(Fold("有限公司")).empty());
  EXPECT_EQ(LegalFormId(Fold("АО")), LegalFormId(Fold("JSC")));
  EXPECT_EQ(LegalFormId(Fold("ПАО")), LegalFormId(Fold("PJSC")));
  EXPECT_EQ(LegalFormId(Fold("ЗАО")), LegalFormId(Fold("CJSC")));
  EXPECT_FALSE(LegalFormId(Fold("GmbH")).empty());
  EXPECT_EQ(LegalFormId(Fold("Romashka")), "");

  EXPECT_EQ(LegalCanon("ООО \"Ромашка\""), "llc");
  EXPECT_EQ(LegalCanon("Romashka LLC"), "llc");
  EXPECT_EQ(LegalCanon("Romashka Limited Liability Company"), "llc");
  EXPECT_EQ(LegalCanon("Общество с ограниченной ответственностью Ромашка"), "llc");
  // A joint-stock company (акционерная компания), in Cyrillic, in Latin
  // letters and in Ukrainian.
  EXPECT_EQ(LegalCanon("Акционерная компания Ромашка"), "jsc");
  EXPECT_EQ(LegalCanon("Aktsionernaya kompaniya Romashka"), "jsc");
  EXPECT_EQ(LegalCanon("Акціонерна компанія Ромашка"), "jsc");
}

TEST(TextLegalForms, RomashkaAcrossScriptsShareWordTokens) {
  auto cyr = AnalyzeName("ООО «Ромашка»", Schema::kCompany);
  EXPECT_TRUE(HasToken(cyr, "romashka", TokenKind::kWord)) << Dump(cyr);
  auto lat = AnalyzeName("Romashka, OOO", Schema::kCompany);
  EXPECT_TRUE(HasToken(lat, "romashka", TokenKind::kWord)) << Dump(lat);
  EXPECT_EQ(LegalCanon("Romashka, OOO"), "llc");
}

// A legal form's word with one typing slip is read as that word: a letter
// changed, dropped, added, or two neighbours swapped (the expected words are
// the table's own spellings, as written in tools/gen_text_tables.py and
// rigour's org_types.yml).
TEST(TextLegalForms, WordWithATypingSlip) {
  using internal::CorrectLegalWord;
  EXPECT_EQ(CorrectLegalWord("cerporation"), "corporation");   // changed
  EXPECT_EQ(CorrectLegalWord("corpration"), "corporation");    // dropped
  EXPECT_EQ(CorrectLegalWord("corporattion"), "corporation");  // added
  EXPECT_EQ(CorrectLegalWord("croporacion"), "corporacion");   // swapped
  EXPECT_EQ(CorrectLegalWord("propietary"), "proprietary");
  // The words themselves, words two slips away, short words and names are
  // left alone.
  EXPECT_EQ(CorrectLegalWord("corporation"), "");
  EXPECT_EQ(CorrectLegalWord("corprtion"), "");
  EXPECT_EQ(CorrectLegalWord("marino"), "");
  EXPECT_EQ(CorrectLegalWord("holding"), "");
  EXPECT_EQ(CorrectLegalWord("corpo"), "");
  // One slip from two words (corporation, corporacion): which is unknown.
  EXPECT_EQ(CorrectLegalWord("corporaion"), "");
  // A slip at every place of words that have no other legal word near
  // them: each of a word's deletions and its own spelling are keys that
  // CorrectLegalWord looks for (and that its filter must let through).
  for (const std::string word :
       {"proprietary", "gesellschaft", "kommanditgesellschaft", "partnership"}) {
    for (size_t i = 0; i < word.size(); ++i) {
      std::string dropped = word;
      dropped.erase(i, 1);
      EXPECT_EQ(CorrectLegalWord(dropped), word) << dropped;
      std::string changed = word;
      changed[i] = changed[i] == 'q' ? 'x' : 'q';
      EXPECT_EQ(CorrectLegalWord(changed), word) << changed;
      EXPECT_EQ(CorrectLegalWord(word.substr(0, i) + "q" + word.substr(i)), word) << i;
    }
  }
  // In a name: RAYTRONIC CERPORATION holds the legal form CORPORATION.
  EXPECT_EQ(LegalCanon("RAYTRONIC CERPORATION"), LegalCanon("RAYTRONIC CORPORATION"));
  EXPECT_FALSE(LegalCanon("RAYTRONIC CORPORATION").empty());
  // ... but the last word of a name of 30 characters or more is kept as
  // written: a message field may have cut it (EMPRESAR of EMPRESARIALES).
  const std::vector<NameForm> cut =
      AnalyzeName("CORPORACION DE INVERSIONES EMPRESAR", Schema::kCompany);
  EXPECT_TRUE(HasToken(cut, "empresar", TokenKind::kWord)) << Dump(cut);
}

TEST(TextOrgWords, AbbreviationsAndTranslations) {
  EXPECT_EQ(OrgWordCanon("tech"), "technology");
  EXPECT_EQ(OrgWordCanon("科技"), "technology");
  // The English Chinese companies give 科技 ("Changsha Tianyi Space Science
  // and Technology") is the same word.
  EXPECT_EQ(OrgWordCanon("science and technology"), OrgWordCanon("科技"));
  EXPECT_EQ(OrgWordCanon(Fold("Технологии")), "technology");
  EXPECT_EQ(OrgWordCanon("grp"), OrgWordCanon("group"));
  EXPECT_EQ(OrgWordCanon("集团"), OrgWordCanon("group"));
  EXPECT_EQ(OrgWordCanon("нии"), OrgWordCanon("nii"));
  EXPECT_EQ(OrgWordCanon("srvces"), OrgWordCanon("services"));
  EXPECT_EQ(OrgWordCanon("红外"), "infrared");
  EXPECT_EQ(OrgWordCanon("est"), OrgWordCanon("establishment"));
  auto f = AnalyzeName("GUANGZHOU HAIGE COMM GRP", Schema::kCompany);
  EXPECT_TRUE(HasToken(f, "comm", TokenKind::kOrgWord)) << Dump(f);
  EXPECT_TRUE(HasToken(f, "grp", TokenKind::kOrgWord)) << Dump(f);
  EXPECT_TRUE(HasToken(f, "haige", TokenKind::kWord)) << Dump(f);
}

// Kazakh ТОО in Latin letters is a legal form where such names put it, first
// and before another word, with the canon of ЖШС and ТОО; elsewhere "too"
// is the English word.
TEST(TextLegalForms, LeadingLatinToo) {
  EXPECT_EQ(LegalCanon("TOO TAUKZ"), LegalCanon("ТАУКЗ ЖШС"));
  EXPECT_EQ(LegalCanon("TOO TAUKZ"), LegalCanon("ТОО ТАУКЗ"));
  EXPECT_FALSE(LegalCanon("TOO TAUKZ").empty());
  EXPECT_EQ(LegalCanon("Me Too Foundation"), "");
  EXPECT_EQ(LegalCanon("Too"), "");
  EXPECT_TRUE(
      HasToken(AnalyzeName("Me Too Foundation", Schema::kCompany), "too", TokenKind::kWord) ||
      HasToken(AnalyzeName("Me Too Foundation", Schema::kCompany), "too", TokenKind::kStopword));
}

// "II" is also a Moldovan legal form's abbreviation, but in a name it is read
// as the word (a numeral): only the long forms are legal forms.
TEST(TextAnalyze, RomanNumeralIsNotALegalForm) {
  const auto forms = AnalyzeName("Zentrivax Holdings II, Inc.", Schema::kCompany);
  ASSERT_FALSE(forms.empty());
  int legal = 0;
  for (const Token& t : forms[0].tokens) {
    if (t.text == "ii") {
      EXPECT_NE(t.kind, TokenKind::kLegalForm);
    }
    legal += t.kind == TokenKind::kLegalForm;
  }
  EXPECT_EQ(legal, 1);  // inc
  const auto long_form = AnalyzeName("Intreprinderea Individuala Zentrivax", Schema::kCompany);
  ASSERT_FALSE(long_form.empty());
  EXPECT_EQ(long_form[0].tokens[0].kind, TokenKind::kLegalForm);
}

TEST(TextAnalyze, ChineseCompanySegmentedAndTranslated) {
  auto forms = AnalyzeName("武汉高德红外股份有限公司", Schema::kCompany);
  ASSERT_GE(forms.size(), 2u) << Dump(forms);
  const NameForm& pinyin = forms.front();
  ASSERT_EQ(pinyin.tokens.size(), 4u) << Dump(forms);
  EXPECT_EQ(pinyin.tokens[0].text, "wuhan");
  EXPECT_EQ(pinyin.tokens[1].text, "gaode");
  EXPECT_EQ(pinyin.tokens[2].kind, TokenKind::kOrgWord);
  EXPECT_EQ(pinyin.tokens[2].canon, "infrared");
  EXPECT_EQ(pinyin.tokens[3].kind, TokenKind::kLegalForm);
  EXPECT_EQ(pinyin.tokens[3].canon, LegalFormId("股份有限公司"));
  const NameForm& tr = forms.back();
  EXPECT_EQ(tr.system, "translated");
  EXPECT_TRUE(HasToken({tr}, "guide", TokenKind::kWord)) << Dump(forms);
  EXPECT_TRUE(HasToken({tr}, "infrared", TokenKind::kOrgWord)) << Dump(forms);
  // Traditional characters give the same analysis.
  EXPECT_EQ(Dump(AnalyzeName("武漢高德紅外股份有限公司", Schema::kCompany)), Dump(forms));

  auto gs = AnalyzeName("武汉高芯科技有限公司", Schema::kCompany);
  EXPECT_TRUE(HasToken(gs, "sensor", TokenKind::kOrgWord) ||
              HasToken(gs, "sensor", TokenKind::kWord))
      << Dump(gs);
  EXPECT_TRUE(HasToken(gs, "gaoxin", TokenKind::kWord)) << Dump(gs);
}

// A name that is a known trade name, with places at most, reads as a
// company (tools/gen_text_tables.py, ZH_TRADE_NAMES and the place table).
TEST(TextAnalyze, KnownTradeNameAlone) {
  EXPECT_TRUE(KnownTradeName("海康威视"));
  EXPECT_TRUE(KnownTradeName("华为"));
  EXPECT_TRUE(KnownTradeName("武汉高德"));  // place + trade name
  EXPECT_TRUE(KnownTradeName("華為"));      // traditional characters
  // A surname beside it is a person's name; a legal form or company word
  // decides by itself (GuessSchema); Latin names are not in the table.
  EXPECT_FALSE(KnownTradeName("李大华"));
  EXPECT_FALSE(KnownTradeName("武汉"));
  EXPECT_FALSE(KnownTradeName("张伟"));
  EXPECT_FALSE(KnownTradeName("华为技术有限公司"));
  EXPECT_FALSE(KnownTradeName("Hikvision"));
  EXPECT_FALSE(KnownTradeName(""));
}

// A Han company name cut into its words in its own script, as the
// committed tables read it (深圳 a place, 技术 and 科技 "technology",
// 有限公司 a legal form; tools/gen_text_tables.py).
TEST(TextAnalyze, NativeOrgTokens) {
  const std::vector<Token> t = NativeOrgTokens("深圳华为技术有限公司");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].text, "深圳");
  EXPECT_TRUE(t[0].place);
  EXPECT_EQ(t[1].text, "华为");
  EXPECT_EQ(t[1].kind, TokenKind::kWord);
  EXPECT_EQ(t[2].text, "技术");
  EXPECT_EQ(t[2].kind, TokenKind::kOrgWord);
  EXPECT_EQ(t[2].canon, "technology");
  EXPECT_EQ(t[3].text, "有限公司");
  EXPECT_EQ(t[3].kind, TokenKind::kLegalForm);
  // Traditional characters come out simplified; an unknown four-character
  // trade name is two words (百胜动力 in 苏州百胜动力科技有限公司).
  const std::vector<Token> trad = NativeOrgTokens("華為技術有限公司");
  ASSERT_EQ(trad.size(), 3u);
  EXPECT_EQ(trad[0].text, "华为");
  EXPECT_EQ(trad[1].canon, "technology");
  const std::vector<Token> four = NativeOrgTokens("百胜动力");
  ASSERT_EQ(four.size(), 2u);
  EXPECT_EQ(four[0].text, "百胜");
  EXPECT_EQ(four[1].text, "动力");
  EXPECT_TRUE(NativeOrgTokens("").empty());
}

// Industry words of Chinese company names and their usual English renderings
// share one canonical key (石化 "petrochemical", 机床 "machine tool", ...).
// Korean organisation names are written without spaces too: 조선 (Korea)
// + 백호 (a trade name, read the North Korean way: ㅂ p, ㅐ ae) + 무역
// (trading) + 회사 (company, rendered "Corporation").
TEST(TextAnalyze, KoreanCompanySegmentedAndTranslated) {
  auto forms = AnalyzeName("조선백호무역회사", Schema::kCompany);
  const NameForm& tr = forms.back();
  EXPECT_EQ(tr.system, "translated") << Dump(forms);
  EXPECT_TRUE(HasToken({tr}, "korea", TokenKind::kWord)) << Dump(forms);
  EXPECT_TRUE(HasToken({tr}, "paekho", TokenKind::kWord)) << Dump(forms);
  EXPECT_TRUE(HasToken({tr}, "trading", TokenKind::kOrgWord)) << Dump(forms);
  ASSERT_FALSE(tr.tokens.empty());
  EXPECT_EQ(tr.tokens.back().kind, TokenKind::kLegalForm) << Dump(forms);
  EXPECT_EQ(tr.tokens.back().canon, LegalFormId("corporation")) << Dump(forms);
  // A person's name is not segmented (백호 could be a given name).
  for (const NameForm& f : AnalyzeName("조선백호", Schema::kPerson)) {
    EXPECT_NE(f.system, "translated") << Dump({f});
  }
}

// A Japanese company's name mixes kana and kanji: the kanji are segmented as
// Chinese (株式会社 is a legal form), the kana keep their own reading instead
// of vanishing from the pinyin.
TEST(TextAnalyze, JapaneseCompanyKeepsItsKana) {
  auto forms = AnalyzeName("トヨタ自動車株式会社", Schema::kCompany);
  EXPECT_TRUE(HasToken(forms, "toyota", TokenKind::kWord)) << Dump(forms);
  ASSERT_FALSE(forms.front().tokens.empty());
  EXPECT_EQ(forms.front().tokens.back().kind, TokenKind::kLegalForm) << Dump(forms);
  auto kazan = AnalyzeName("カザン火薬工場", Schema::kCompany);
  EXPECT_TRUE(HasToken(kazan, "kazan", TokenKind::kWord)) << Dump(kazan);
}

// A Latin name with š ž č ř keeps its folded form (Šarić "saric", as lists
// that drop the hacek write it) and gets one with the digraphs the sounds
// have in other scripts' spellings ("sharic": Шарић, шарич).
TEST(TextAnalyze, HacekLettersAlsoSpelledAsDigraphs) {
  auto forms = AnalyzeName("Šarić Řepík", Schema::kPerson);
  EXPECT_TRUE(HasToken(forms, "saric", TokenKind::kWord)) << Dump(forms);
  EXPECT_TRUE(HasToken(forms, "sharic", TokenKind::kWord)) << Dump(forms);
  EXPECT_TRUE(HasToken(forms, "rzhepik", TokenKind::kWord)) << Dump(forms);
  EXPECT_EQ(AnalyzeName("Saric", Schema::kPerson).size(), 1u);
  // Decomposed input: the caron follows its letter.
  auto nfd = AnalyzeName("S\u030Carić", Schema::kPerson);
  EXPECT_TRUE(HasToken(nfd, "sharic", TokenKind::kWord)) << Dump(nfd);
}

TEST(TextOrgWords, ChineseIndustryWordsTranslate) {
  ExpectTranslations({{"石化", "petrochemical"},
                      {"机床", "machine tool"},
                      {"供应链", "supply chain"},
                      {"零部件", "components"},
                      {"激光", "laser"},
                      {"发动机", "engine"},
                      {"卫星", "satellite"},
                      {"数控", "cnc"},
                      {"货运代理", "freight forwarding"},
                      {"光电", "photoelectric"},
                      {"研究所", "research institute"}},
                     /*fold=*/false);
}

// Russian, Ukrainian and Belarusian adjectives and nouns are recognised in
// their case forms, not only in the dictionary form.
TEST(TextOrgWords, SlavicCaseFormsTranslate) {
  ExpectTranslations({{"авиационного", "aviation"},
                      {"авиационный", "aircraft"},
                      {"ремонтного", "repair"},
                      {"рамонтны", "repair"},
                      {"авіаційний", "aviation"},
                      {"авіяцыйны", "aviation"},
                      {"химической", "chemical"},
                      {"хімічний", "chemical"},
                      {"завода", "plant"},
                      {"министерства", "ministry"},
                      {"обороны", "defense"},
                      {"войска", "troops"},
                      {"концерна", "concern"},
                      {"объединения", "association"},
                      {"государственного", "state"},
                      {"кредитный", "credit"},
                      {"биологической", "biological"},
                      // Science, industry and finance words.
                      {"прикладной", "applied"},
                      {"физики", "physics"},
                      {"физико", "physical"},
                      {"реакторов", "reactors"},
                      {"атомных", "atomic"},
                      {"расчетный", "settlement"},
                      {"депозитарий", "depository"},
                      {"тяжелого", "heavy"},
                      {"опытное", "experimental"},
                      {"оружия", "weapons"},
                      {"продукции", "products"}});
  // Legal forms in the genitive ("... of the limited liability company").
  EXPECT_FALSE(LegalFormId(Fold("Общества с ограниченной ответственностью")).empty());
  EXPECT_EQ(LegalFormId(Fold("Общества с ограниченной ответственностью")),
            LegalFormId(Fold("Limited Liability Company")));
  EXPECT_EQ(LegalFormId(Fold("Акционерного общества")), LegalFormId(Fold("Joint Stock Company")));
  EXPECT_FALSE(LegalFormId(Fold("Public Organization")).empty());
  EXPECT_EQ(LegalFormId(Fold("Общественная организация")),
            LegalFormId(Fold("Public Organization")));
  // Russian legal forms in the Latin spellings the lists use, not only
  // rigour's; an abbreviation spelt in Latin letters is not one (ОФ is "of").
  EXPECT_EQ(LegalFormId(Fold("AKTSIONERNOYE OBSHCHESTVO")), LegalFormId(Fold("JSC")));
  EXPECT_EQ(LegalFormId(Fold("Obshchestvo s ogranichennoj otvetstvennostju")),
            LegalFormId(Fold("LLC")));
  EXPECT_FALSE(LegalFormId(Fold("FEDERALNOE GOSUDARSTVENNOE UNITARNOE PREDPRIIATIE")).empty());
  EXPECT_EQ(LegalFormId(Fold("FEDERALNOE GOSUDARSTVENNOE UNITARNOE PREDPRIIATIE")),
            LegalFormId(Fold("Федеральное государственное унитарное предприятие")));
  EXPECT_EQ(LegalFormId(Fold("Федеральне казенне підприємство")),
            LegalFormId(Fold("Federal State Enterprise")));
  EXPECT_EQ(LegalFormId(Fold("of")), "");
  // Kazakh and Kyrgyz forms, and FSUE for ФГУП.
  EXPECT_EQ(LegalFormId(Fold("ЖШС")), LegalFormId(Fold("LLP")));
  EXPECT_EQ(LegalFormId(Fold("ЖЧК")), LegalFormId(Fold("LLC")));
  EXPECT_EQ(LegalFormId(Fold("ОсОО")), LegalFormId(Fold("LLC")));
  EXPECT_EQ(LegalFormId(Fold("FSUE")), LegalFormId(Fold("ФГУП")));
  EXPECT_EQ(LegalFormId(Fold("too")), "");
}

// The words of a country's name spelt out from its abbreviation, wherever
// they stand in the name; "united" alone is not one.
TEST(TextAnalyze, CountryNamesFromAbbreviations) {
  const std::vector<NameForm> uk = AnalyzeName("PAE WON UK", Schema::kLegalEntity);
  ASSERT_EQ(uk[0].tokens.size(), 4u);
  EXPECT_FALSE(InCountryName(uk[0].tokens, 1));
  EXPECT_TRUE(InCountryName(uk[0].tokens, 2));
  EXPECT_TRUE(InCountryName(uk[0].tokens, 3));
  const std::vector<NameForm> ussr = AnalyzeName("USSR Trading", Schema::kLegalEntity);
  EXPECT_TRUE(InCountryName(ussr[0].tokens, 1));
  const std::vector<NameForm> united = AnalyzeName("United Trading", Schema::kLegalEntity);
  EXPECT_FALSE(InCountryName(united[0].tokens, 0));
  // "имени" ("named after") carries no identity in an institution's name.
  EXPECT_TRUE(IsStopword(Fold("имени")));
  // A word that merely starts like a stem is no company word; the stem
  // with -о is the first part of a compound adjective (военно-промышленная,
  // military-industrial).
  EXPECT_TRUE(OrgWordCanon(Fold("военнот")).empty());
  EXPECT_EQ(OrgWordCanon(Fold("военно")), OrgWordCanon(Fold("military")));
}

// Russian company words written in Latin letters, as lists transliterate
// them (MAGNITOGORSKIY METALLURGICHESKIY KOMBINAT), in the BGN, ICAO and
// j-based spellings and with the adjective endings names use.
TEST(TextOrgWords, TransliteratedRussianWordsTranslate) {
  ExpectTranslations({{"metallurgicheskiy", "metallurgical"},
                      {"metallurgicheskaya", "metallurgical"},
                      {"metallurgicheskii", "metallurgical"},
                      {"mashinostroitelnyi", "machine building"},
                      {"mashinostroitelnyy", "machine building"},
                      {"gosudarstvennogo", "state"},
                      {"porokhovoy", "gunpowder"},
                      {"porohovoj", "gunpowder"},
                      {"vertoletnyi", "helicopter"},
                      {"obshchestva", "society"},
                      {"obschestva", "society"},
                      {"nauchno", "scientific"},
                      {"kommercheskiy", "commercial"},
                      {"predpriyatiye", "enterprise"}});
  // An ending no Russian adjective has is no company word.
  EXPECT_TRUE(OrgWordCanon(Fold("metallurgicheskx")).empty());
}

// A word, its other part of speech or number and its translations share
// one canonical, though the source table files some of them under two
// symbols (commerce: commercial, коммерческая; commercial: коммерческий).
TEST(TextOrgWords, OneCanonicalPerWordAndItsForms) {
  ExpectTranslations({{"коммерческий", "commercial"},
                      {"коммерческая", "commercial"},
                      {"commerce", "commercial"},
                      {"finances", "finance"},
                      {"financial", "finance"},
                      {"services", "service"},
                      {"communications", "communication"},
                      {"comms", "communication"},
                      {"trade", "trading"},
                      {"торговый", "trade"},
                      {"laboratory", "lab"},
                      {"systems", "system"},
                      {"industry", "industrial"},
                      {"tech", "technology"},
                      {"нпп", "scientific production enterprise"},
                      {"фонд", "foundation"},
                      {"fund", "foundation"}});
  // Countries' adjectives translate as Russia's does (Белорусская железная
  // дорога is the Belarusian Railway), in Cyrillic and in Latin letters.
  ExpectTranslations({{"белорусская", "belarusian"},
                      {"belorusskaya", "belarusian"},
                      {"беларуская", "belarusian"},
                      {"byelorussian", "belarusian"},
                      {"українська", "ukrainian"},
                      {"украинский", "ukrainian"},
                      {"китайская", "chinese"},
                      {"иранская", "iranian"},
                      {"залізниця", "railway"}});
}

// Ukrainian company words and legal forms in Latin letters, as the UK and
// US lists spell Ukrainian names (FEDERALNE KAZENNE PIDPRYIEMSTVO
// "DERZHAVNYI NAUKOVO-DOSLIDNYI INSTYTUT ..."): the national romanisation
// of 2010 (ie, iu, ia inside a word) and BGN/PCGN's (ye, yu, ya), each
// meaning what its Cyrillic word and its Russian counterpart mean.
TEST(TextOrgWords, TransliteratedUkrainianWordsTranslate) {
  ExpectTranslations({{"pidpryiemstvo", "enterprise"},
                      {"pidpryyemstvo", "enterprise"},
                      {"naukovo vyrobnyche pidpryiemstvo", "scientific production enterprise"},
                      {"naukovo doslidnyi instytut", "research institute"},
                      {"derzhavnyi", "государственный"},
                      {"derzhavnoho", "government"},
                      {"doslidnykh", "research"},
                      {"khimichnykh", "химических"},
                      {"obiednannia", "объединение"},
                      {"instytut", "институт"}});
  EXPECT_FALSE(LegalFormId(Fold("federalne kazenne pidpryiemstvo")).empty());
  EXPECT_EQ(LegalFormId(Fold("federalne kazenne pidpryiemstvo")),
            LegalFormId(Fold("федеральное казенное предприятие")));
  EXPECT_EQ(LegalFormId(Fold("pryvatne aktsionerne tovarystvo")),
            LegalFormId(Fold("приватне акціонерне товариство")));
}

// Words of academy, research and state bodies' names (Сибирское отделение
// Российской академии наук = Siberian Branch of the Russian Academy of
// Sciences; Головное системное конструкторское бюро = Lead Systems Design
// Bureau; войсковая часть = military unit), in Cyrillic and in Latin letters.
TEST(TextOrgWords, AcademyAndResearchWordsTranslate) {
  ExpectTranslations({{"nauk", "science"},
                      {"науки", "sciences"},
                      {"akademika", "academician"},
                      {"kompleks", "complex"},
                      {"комплексов", "complexes"},
                      {"sibirskogo", "siberian"},
                      {"otdeleniya", "branch"},
                      {"golovnoye", "lead"},
                      {"головного", "head"},
                      {"sistemnoye", "system"},
                      {"vychislitelnykh", "computing"},
                      {"upravlyayushchaya", "managing"},
                      {"vysshego", "higher"},
                      {"obrazovaniya", "education"},
                      {"войсковая часть", "military unit"},
                      {"kliringovyy", "clearing"},
                      {"kholdinga", "holding"}});
  // Siberia is a place and a trade name (the airline Сибирь, SIBERIA
  // AIRLINES), not the adjective's company word; летний is "summer", not
  // the flight of лётно-испытательный.
  EXPECT_NE(OrgWordCanon(Fold("siberia")), OrgWordCanon(Fold("siberian")));
  EXPECT_TRUE(OrgWordCanon(Fold("летний")).empty());
}

// A region a subsidiary adds to its group's name is a company word, one
// canonical per region.
TEST(TextOrgWords, RegionsAreCompanyWords) {
  EXPECT_EQ(OrgWordCanon(Fold("Europe")), OrgWordCanon(Fold("European")));
  EXPECT_FALSE(OrgWordCanon(Fold("Europe")).empty());
  EXPECT_NE(OrgWordCanon(Fold("Europe")), OrgWordCanon(Fold("Asia")));
}

// 深圳市 is "Shenzhen": the administrative suffix (市 city, 省 province, 县
// county) is not part of the name's English form; two characters before 市 at
// the start of a name are a place even when the dictionary lacks it.
TEST(TextAnalyze, ChinesePlaceSuffixDropped) {
  auto forms = AnalyzeName("杭州市明远电子有限公司", Schema::kCompany);
  ASSERT_FALSE(forms.empty());
  const NameForm& first = forms.front();
  ASSERT_EQ(first.tokens.size(), 4u) << Dump(forms);
  EXPECT_EQ(first.tokens[0].text, "hangzhou");
  EXPECT_EQ(first.tokens[1].text, "mingyuan");
  EXPECT_EQ(first.tokens[2].canon, OrgWordCanon("electronics"));
  EXPECT_EQ(first.tokens[3].kind, TokenKind::kLegalForm);

  auto unknown = AnalyzeName("余姚市明远机床有限公司", Schema::kCompany);
  EXPECT_TRUE(HasToken(unknown, "yuyao", TokenKind::kWord)) << Dump(unknown);
  EXPECT_TRUE(HasToken(unknown, "mingyuan", TokenKind::kWord)) << Dump(unknown);
  bool machine_tool = false;
  for (const Token& t : unknown.back().tokens) {
    machine_tool |= t.kind == TokenKind::kOrgWord && t.canon == OrgWordCanon("machine tool");
  }
  EXPECT_TRUE(machine_tool) << Dump(unknown);

  auto province = AnalyzeName("黑龙江省明远贸易有限公司", Schema::kCompany);
  EXPECT_TRUE(HasToken(province, "heilongjiang", TokenKind::kWord)) << Dump(province);
  EXPECT_TRUE(HasToken(province, "mingyuan", TokenKind::kWord)) << Dump(province);

  // 市场 is "market", not "city": the characters stay in the name.
  auto market = AnalyzeName("南京市场服务有限公司", Schema::kCompany);
  bool kept = false;
  for (const Token& t : market.front().tokens) kept |= t.text.find("shichang") != std::string::npos;
  EXPECT_TRUE(kept) << Dump(market);
}

// An unknown four-character trade name is two two-character words; the
// translated form writes them apart (as English names do), the pinyin form
// keeps them joined.
TEST(TextAnalyze, ChineseFourCharacterTradeNameSplitWhenTranslated) {
  auto forms = AnalyzeName("深圳明远星辰电子有限公司", Schema::kCompany);
  ASSERT_GE(forms.size(), 2u) << Dump(forms);
  EXPECT_TRUE(HasToken({forms.front()}, "mingyuanxingchen", TokenKind::kWord)) << Dump(forms);
  const NameForm& tr = forms.back();
  EXPECT_EQ(tr.system, "translated") << Dump(forms);
  EXPECT_TRUE(HasToken({tr}, "mingyuan", TokenKind::kWord)) << Dump(forms);
  EXPECT_TRUE(HasToken({tr}, "xingchen", TokenKind::kWord)) << Dump(forms);
  // Three characters stay one word.
  auto three = AnalyzeName("深圳明远星电子有限公司", Schema::kCompany);
  EXPECT_TRUE(HasToken({three.back()}, "mingyuanxing", TokenKind::kWord)) << Dump(three);
}

TEST(TextAnalyze, PersonTitlesStripped) {
  auto f = AnalyzeName("General Dr. Ivan Petrov", Schema::kPerson);
  ASSERT_EQ(f.front().tokens.size(), 2u) << Dump(f);
  EXPECT_EQ(f.front().tokens[0].text, "ivan");
  // A title alone is kept (never strip the whole name).
  EXPECT_EQ(AnalyzeName("General", Schema::kPerson).front().tokens.size(), 1u);
  // Companies keep "General".
  EXPECT_TRUE(
      HasToken(AnalyzeName("General Dynamics", Schema::kCompany), "general", TokenKind::kOrgWord) ||
      HasToken(AnalyzeName("General Dynamics", Schema::kCompany), "general", TokenKind::kWord));
  // Before the comma of "SURNAME, Given" a title is the surname (He is a
  // Chinese surname, HE His Excellency): kept, in the person's analysis
  // and in the one reused from the legal entity's.
  for (const auto& forms :
       {AnalyzeName("HE, Yi", Schema::kPerson),
        AnalyzeNameAsPerson("HE, Yi", AnalyzeName("HE, Yi", Schema::kLegalEntity))}) {
    ASSERT_EQ(forms.front().tokens.size(), 2u) << Dump(forms);
    EXPECT_EQ(forms.front().tokens[0].text, "he");
  }
  EXPECT_FALSE(HasPersonTitle("HE, Yi"));
  EXPECT_TRUE(HasPersonTitle("H.E. Yi Wang"));
  // In "SURNAME, Title Given" the titles after the comma go too (the UK
  // list writes Sheikh AWEYS, the SDN list AWEYS, Sheikh ...).
  EXPECT_TRUE(HasPersonTitle("AWEYS, Sheikh"));
  auto aweys = AnalyzeName("AWEYS, Sheikh", Schema::kPerson);
  ASSERT_EQ(aweys.front().tokens.size(), 1u) << Dump(aweys);
  EXPECT_EQ(aweys.front().tokens[0].text, "aweys");
  auto sahib = AnalyzeName("SAHIB, Haji Mullah Abdul", Schema::kPerson);
  ASSERT_EQ(sahib.front().tokens.size(), 2u) << Dump(sahib);
  EXPECT_EQ(sahib.front().tokens[1].text, "abdul");
}

TEST(TextAnalyze, NumbersInitialsStopwords) {
  auto f = AnalyzeName("Vessel No. 11", Schema::kVessel).front();
  ASSERT_EQ(f.tokens.size(), 2u) << Dump({f});
  EXPECT_EQ(f.tokens[1].text, "11");
  EXPECT_EQ(f.tokens[1].kind, TokenKind::kNumber);
  auto p = AnalyzeName("J. P. van der Berg", Schema::kPerson).front();
  ASSERT_EQ(p.tokens.size(), 5u) << Dump({p});
  EXPECT_EQ(p.tokens[0].kind, TokenKind::kInitial);
  EXPECT_EQ(p.tokens[2].kind, TokenKind::kStopword);
  EXPECT_EQ(p.tokens[4].canon, VariantKey("berg"));
}

// The kinds of a form's tokens: 'i' an initial, 'w' a word, 's' a stopword.
std::string Kinds(const NameForm& f) {
  std::string out;
  for (const Token& t : f.tokens) {
    out += t.kind == TokenKind::kInitial ? 'i' : t.kind == TokenKind::kStopword ? 's' : 'w';
  }
  return out;
}

// Initials written together (Putin VV, JC Juncker) are initials in a
// person's name: a Cyrillic name's romanisations read them so; a Latin name
// known to be a person's gets a form with them, one only guessed to be a
// person's only when they stand in capitals among lower-case letters. The
// Russian letters В and И, also stopwords, are initials in a person's name.
TEST(TextAnalyze, JoinedAndCyrillicInitials) {
  auto has_form = [](const std::vector<NameForm>& forms, const std::string& kinds) {
    return std::any_of(forms.begin(), forms.end(),
                       [&](const NameForm& f) { return Kinds(f) == kinds; });
  };
  const std::vector<NameForm> latin = AnalyzeName("PUTIN VV", Schema::kPerson);
  EXPECT_TRUE(has_form(latin, "ww")) << Dump(latin);
  EXPECT_TRUE(has_form(latin, "wii")) << Dump(latin);
  EXPECT_TRUE(has_form(AnalyzeName("JC Juncker", Schema::kPerson), "iiw"));
  for (const char* cyrillic : {"Путин ВВ", "Путин В.В.", "Иванов И. И."}) {
    const std::vector<NameForm> forms = AnalyzeName(cyrillic, Schema::kPerson);
    for (const NameForm& f : forms) EXPECT_EQ(Kinds(f), "wii") << cyrillic << Dump(forms);
  }
  // Guessed to be a person's: only capitals among lower-case letters.
  auto guessed = [](const std::string& name) {
    return AnalyzeNameAsPerson(name, AnalyzeName(name, Schema::kLegalEntity));
  };
  EXPECT_TRUE(has_form(guessed("Putin VV"), "wii"));
  EXPECT_TRUE(has_form(guessed("В.В. Путин"), "iiw"));
  EXPECT_FALSE(has_form(guessed("SV NIKOLAY"), "iiw"));
  EXPECT_TRUE(has_form(guessed("Путин ВВ"), "wii"));
  for (const NameForm& f : guessed("ИНТЕГРАЛ СПБ")) EXPECT_EQ(Kinds(f), "ww") << Dump({f});
  // Words that are no initials; a name of nothing else; an organisation.
  EXPECT_FALSE(has_form(AnalyzeName("NG Serena Bee Lin", Schema::kPerson), "iiwww"));
  EXPECT_FALSE(has_form(AnalyzeName("John Smith Jr", Schema::kPerson), "wwii"));
  EXPECT_FALSE(has_form(AnalyzeName("Rhys Ivan", Schema::kPerson), "iiiiw"));
  EXPECT_EQ(AnalyzeName("VV", Schema::kPerson).size(), 1u);
  for (const NameForm& f : AnalyzeName("PARS MCS", Schema::kCompany)) EXPECT_EQ(Kinds(f), "ww");
  // The Russian stopwords stay so in an organisation's name.
  EXPECT_EQ(Kinds(AnalyzeName("Банк В Москве", Schema::kCompany).front()).substr(1, 1), "s");
}

// The canons of the number tokens of the first form, joined by spaces.
std::string Numbers(const std::string& name, Schema schema = Schema::kCompany) {
  std::string out;
  const std::vector<NameForm> forms = AnalyzeName(name, schema);
  for (const Token& t : forms.front().tokens) {
    if (t.kind != TokenKind::kNumber) continue;
    EXPECT_EQ(t.text, t.canon) << name;
    if (!out.empty()) out += ' ';
    out += t.canon;
  }
  return out;
}

// The texts of the first form's tokens, joined by spaces.
std::string Texts(const std::string& name, Schema schema = Schema::kCompany) {
  std::string out;
  const std::vector<NameForm> forms = AnalyzeName(name, schema);
  for (const Token& t : forms.front().tokens) {
    if (!out.empty()) out += ' ';
    out += t.text;
  }
  return out;
}

// A part in parentheses at the end that only repeats words of the name (a
// short name) adds nothing and is left out; one that says more stays, and
// so do parentheses inside the name.
TEST(TextAnalyze, RepeatedShortNameInParenthesesLeftOut) {
  EXPECT_EQ(Texts("TRANS SERVICE PLUS (TRANS SERVICE)"), Texts("TRANS SERVICE PLUS"));
  EXPECT_EQ(Texts("长光卫星技术股份有限公司 (长光卫星)"), Texts("长光卫星技术股份有限公司"));
  EXPECT_EQ(Texts("Ivan (Vanya) Petrov", Schema::kPerson), "ivan vanya petrov");
  EXPECT_EQ(Texts("TRANS SERVICE (MOSCOW)"), "trans service moscow");
  EXPECT_NE(Texts("Russian Venture Company (RVC)"), Texts("Russian Venture Company"));
  EXPECT_EQ(Texts("(TRANS) TRANS"), "trans trans");
}

// The token texts of the forms of `name` without its parts in parentheses
// (NameForm::unbracketed), one line each.
std::string UnbracketedTexts(const std::string& name, Schema schema = Schema::kCompany) {
  std::string out;
  for (const NameForm& f : AnalyzeName(name, schema)) {
    if (!f.unbracketed) continue;
    for (const Token& t : f.tokens) out += t.text + ' ';
    out += '|';
  }
  return out;
}

// An organisation's name with a part in parentheses that says more than
// company words or a city (an abbreviation, a brand, a code) also gets the
// forms of the name without it; the whole name's forms come first.
TEST(TextAnalyze, NameWithoutItsPartsInParentheses) {
  const std::string rzd = "RUSSIAN RAILWAYS (RZD) JOINT STOCK COMPANY";
  EXPECT_EQ(Texts(rzd).find("rzd") != std::string::npos, true);
  const std::string without = UnbracketedTexts(rzd);
  EXPECT_NE(without, "");
  EXPECT_EQ(without.find("rzd"), std::string::npos);
  EXPECT_NE(without.find("russian railways"), std::string::npos);
  EXPECT_EQ(UnbracketedTexts("CCB International (Holdings) Limited"), "");
  EXPECT_EQ(UnbracketedTexts("TRANS SERVICE (MOSCOW)"), "");
  EXPECT_EQ(UnbracketedTexts("Ivan (Vanya) Petrov", Schema::kPerson), "");
  EXPECT_EQ(UnbracketedTexts("ALPHA (BETA"), "");  // unclosed: left alone
}

TEST(TextNumbers, NumberWordsAndOrdinalsBecomeDigits) {
  EXPECT_EQ(Numbers("Forty-Four Trading"), "44");
  EXPECT_EQ(Numbers("Plant Forty Four"), "44");
  EXPECT_EQ(Numbers("Brigade Forty 4"), "44");
  EXPECT_EQ(Numbers("First Bank"), "1");
  EXPECT_EQ(Numbers("1st Bank"), "1");
  EXPECT_EQ(Numbers("Twenty-First Century Fox"), "21");
  EXPECT_EQ(Numbers("Three Rivers"), "3");
  EXPECT_EQ(Numbers("23rd Works"), "23");
  EXPECT_EQ(Numbers("Завод Первый"), "1");
  EXPECT_EQ(Numbers("Первая Мебельная Фабрика"), "1");
  EXPECT_EQ(Numbers("Двадцать первый век"), "21");
  EXPECT_EQ(Numbers("Третьего Рима"), "3");
  // Only a spelled-out tens word takes a unit: "40 4" stays two numbers.
  EXPECT_EQ(Numbers("Plant 40 Four"), "40 4");
  // Not numbers: words that merely contain number words.
  EXPECT_EQ(Numbers("Oneida Tennessee"), "");
  EXPECT_EQ(Numbers("1stop"), "");
}

TEST(TextNumbers, RomanNumerals) {
  EXPECT_EQ(Numbers("Plant No. IV"), "4");
  EXPECT_EQ(Texts("Plant No. IV"), "plant 4");
  EXPECT_EQ(Numbers("Plant No. 4"), "4");
  EXPECT_EQ(Numbers("Shipyard Nr. XXIV"), "24");
  EXPECT_EQ(Numbers("Zavod No. I"), "1");
  // Without a marker they stay words (fund series, name syllables, words).
  EXPECT_EQ(Numbers("Fund III"), "");
  EXPECT_EQ(Numbers("Xi Jinping", Schema::kPerson), "");
  EXPECT_EQ(Numbers("Xi Holdings"), "");
  EXPECT_EQ(Numbers("Vi Tech"), "");
  EXPECT_EQ(Numbers("Mix Civil Liv"), "");
  EXPECT_EQ(Numbers("John Smith III", Schema::kPerson), "");
  EXPECT_EQ(Numbers("Ivan I Ivanov", Schema::kPerson), "");
}

TEST(TextAbbreviations, DottedAndUndottedForms) {
  EXPECT_EQ(Texts("U.S. Army"), "united states army");
  EXPECT_EQ(Texts("U.S.A. Army"), "united states army");
  EXPECT_EQ(Texts("USA Army"), "united states army");
  EXPECT_EQ(Texts("United States of America Army"), "united states army");
  EXPECT_EQ(Texts("United States Army"), "united states army");
  EXPECT_EQ(Texts("UAE Exchange"), "united arab emirates exchange");
  EXPECT_EQ(Texts("St. Petersburg Bank"), Texts("Saint Petersburg Bank"));
  // A person's initials are not abbreviations.
  EXPECT_EQ(Texts("John U. S. Grant", Schema::kPerson), "john u s grant");
}

TEST(TextLegalForms, DottedLettersAreTheLegalForm) {
  // Each form written with a dot after every letter is the undotted one.
  for (const char* f : {"OOO", "ZAO", "PAO", "OAO", "PJSC", "CJSC", "OOD", "SPRL"}) {
    std::string dotted;
    for (const char* c = f; *c != 0; ++c) dotted.append(1, *c).append(".");
    EXPECT_FALSE(LegalFormId(Fold(f)).empty()) << f;
    EXPECT_EQ(LegalFormId(Fold(dotted)), LegalFormId(Fold(f))) << dotted;
  }
  // Forms the table has only dotted, or only in Cyrillic too.
  EXPECT_EQ(LegalFormId(Fold("T.O.O.")), LegalFormId(Fold("ТОО")));
  EXPECT_EQ(LegalFormId(Fold("E.O.O.D.")), "llc");
  EXPECT_EQ(LegalFormId(Fold("ЕООД")), "llc");
  EXPECT_EQ(LegalFormId(Fold("S.A.L.")), LegalFormId(Fold("S.A.")));
  EXPECT_EQ(LegalFormId(Fold("S.A.C.")), LegalFormId(Fold("S.A.")));
  // Undotted, TOO and SAL are words.
  EXPECT_EQ(LegalFormId(Fold("too")), "");
  EXPECT_EQ(LegalFormId(Fold("sal")), "");
  EXPECT_EQ(LegalCanon("ROMASHKA O.O.O."), "llc");
  EXPECT_EQ(LegalCanon("Z.A.O. Romashka"), "jsc");
  EXPECT_EQ(LegalCanon("Me Too Foundation"), "");
}

TEST(TextLegalForms, LegalFormCutAtTheEndOfAName) {
  auto start = [](const std::string& raw, const std::string& from) {
    EXPECT_EQ(CutLegalFormStart(raw), raw.find(from)) << raw;
  };
  start("IRAN PETROCHEMICAL COMMERCIAL COMPA", "COMPA");
  start("VTB BANK AZERBAIJAN OPEN JOINT STOC", "OPEN");
  start("CHONGCHONGANG SHIPPING COMPANY LIMI", "COMPANY");
  start("OBSHCHESTVO S OGRANICHENNOI OTVETST", "OBSHCHESTVO");
  auto whole = [](const std::string& raw) { EXPECT_EQ(CutLegalFormStart(raw), raw.size()) << raw; };
  whole("IRAN PETROCHEMICAL COMMERCIAL COMPANY");  // complete
  whole("CHONGCHONGANG SHIPPING COMPANY LIMITED");
  whole("RUSSIAN COMMITTEE OF STATE");  // a whole word of an alias (state enterprise)
  whole("JOINT STOCK COMPANY CONCERN RADIO");
  whole("SA'D BIN SA'D MUHAMMAD SHARIYAN AL-KA'BI");  // KA'BI is one word
  whole("ROMASHKA COMPA.");                           // ends after the word
  whole("");
  // COMPAN and LIMITE are whole words of aliases ("joint stock compan",
  // French "limite"), and the start of the last word of longer ones.
  start("SOVCOMCARD LIMITED LIABILITY COMPAN", "LIMITED");
  start("SHAFAGH SENOBAR YAZD COMPANY LIMITE", "COMPANY");
  // ... but not when completing the word leaves the alias unfinished
  // ("private company with limited liability"), nor for short words.
  whole("BONYAN DANESH SHARGH PRIVATE COMPAN");
  whole("MACHINE SAZI ARAK COMPANY P J S C");
  whole("ELEVENTH OCEAN GMBH AND CO. KG");
}

TEST(TextLegalForms, CompanyWordsOfSeveralWordsCutShort) {
  // The expected phrases are the listed names' last words (OFAC SDN 15000,
  // 21548, 25893), lower-cased.
  auto completed = [](const std::string& raw, const std::string& from, const std::string& phrase) {
    const std::optional<PhraseCompletion> c = CompleteOrgPhrase(raw);
    ASSERT_TRUE(c.has_value()) << raw;
    EXPECT_EQ(c->start, raw.find(from)) << raw;
    EXPECT_EQ(c->phrase, phrase) << raw;
  };
  completed("MEZA FLORES DRUG TRAFFICKING ORGANI", "DRUG", "drug trafficking organization");
  completed("NINGBO NEW CENTURY IMPORT AND EXPOR", "IMPORT", "import and export");
  completed("PARS SAZEH ENGINEERING AND CONSTRUC", "ENGINEERING", "engineering and construction");
  // Whole, one word, or nothing a company word starts with.
  EXPECT_FALSE(CompleteOrgPhrase("PARS SAZEH ENGINEERING AND CONSTRUCTION"));
  EXPECT_FALSE(CompleteOrgPhrase("EXPOR"));
  EXPECT_FALSE(CompleteOrgPhrase("JOINT STOCK COMPANY CONCERN RADIO"));
  // A whole word that only begins a longer alias's word followed by more
  // words (islamic revolutionary guard corps) is left alone.
  EXPECT_FALSE(CompleteOrgPhrase("ARMY OF THE GUARDIANS OF THE ISLAMIC REVOLUTION"));
  EXPECT_FALSE(CompleteOrgPhrase(""));
}

TEST(TextLegalForms, MultiWordLatinLegalFormsAreOneToken) {
  auto legal = [](const std::string& name) {
    std::vector<std::string> out;
    const std::vector<NameForm> forms = AnalyzeName(name, Schema::kCompany);
    for (const Token& t : forms.front().tokens) {
      if (t.kind == TokenKind::kLegalForm) out.push_back(t.canon);
    }
    return out;
  };
  EXPECT_EQ(legal("Romashka Corporation Joint Stock Company"),
            (std::vector<std::string>{"corp", "jsc"}));
  EXPECT_EQ(legal("JSC Romashka Corp."), (std::vector<std::string>{"jsc", "corp"}));
  // "Corp." is spelled out before company words are looked up, so both
  // spellings of this name give the same non-legal-form tokens.
  auto others = [](const std::string& name) {
    std::vector<std::string> out;
    const std::vector<NameForm> forms = AnalyzeName(name, Schema::kCompany);
    for (const Token& t : forms.front().tokens) {
      if (t.kind != TokenKind::kLegalForm) out.push_back(t.canon);
    }
    return out;
  };
  EXPECT_EQ(others("JSC TACTICAL MISSILES CORP."),
            others("TACTICAL MISSILES CORPORATION JOINT STOCK COMPANY"));
  EXPECT_FALSE(others("JSC TACTICAL MISSILES CORP.").empty());
  EXPECT_EQ(legal("Romashka Public Joint Stock Company"), std::vector<std::string>{"jsc"});
  EXPECT_EQ(legal("Romashka Limited Liability Company"), std::vector<std::string>{"llc"});
}

TEST(TextAnalyze, CyrillicPersonHasSeveralForms) {
  auto f = AnalyzeName("Ротенберг Аркадий Романович", Schema::kPerson);
  EXPECT_GE(f.size(), 2u);
  EXPECT_LE(f.size(), kMaxForms);
  for (const NameForm& form : f) {
    ASSERT_EQ(form.tokens.size(), 3u) << Dump(f);
    EXPECT_EQ(form.tokens[1].canon, VariantKey("arkadiy")) << Dump(f);
  }
}

TEST(TextAnalyze, HostileInputsDoNotCrash) {
  std::vector<std::string> inputs = {
      "",
      " ",
      "\xff\xfe\xfd",
      std::string(10240, 'a'),
      std::string(10240, '\x80'),
      "\u202Eevil\u202C",
      "a\0b",
      "Ab\u0301\u0301\u0301\u0301",
      "武汉\xe6\xad"
      "ABC Путин محمد",
      std::string(5000, ' ') + "x",
      "\u200B\u200B",
      "...---...",
      "ㅋㅋㅋ",
      "ー",
  };
  std::string big;
  for (int i = 0; i < 3000; ++i) big += "武汉Путин ";
  inputs.push_back(big);
  std::mt19937 rng(7);
  for (int i = 0; i < 300; ++i) {
    std::string s;
    for (int j = 0; j < 40; ++j) s += static_cast<char>(rng());
    inputs.push_back(s);
  }
  for (const std::string& in : inputs) {
    for (Schema schema : {Schema::kPerson, Schema::kCompany, Schema::kOrganization, Schema::kVessel,
                          Schema::kAircraft, Schema::kLegalEntity}) {
      auto forms = AnalyzeName(in, schema);
      ASSERT_GE(forms.size(), 1u);
      ASSERT_LE(forms.size(), kMaxForms + kMaxQuotedForms + kMaxUnbracketedForms);
      for (const NameForm& f : forms) {
        ASSERT_LE(f.tokens.size(), kMaxTokens);
        for (const Token& t : f.tokens) {
          ASSERT_FALSE(t.text.empty());
          for (char c : t.text) ASSERT_TRUE(c >= 0x20 && c < 0x7f) << t.text;
        }
      }
    }
  }
}

TEST(TextAnalyze, ConcurrentUseGivesSameResults) {
  const std::vector<std::string> names = {
      "Путин Владимир", "习近平", "김정은", "محمد علي", "武汉高德红外股份有限公司", "O'Brien Ltd"};
  std::vector<std::string> expected;
  for (const auto& n : names) expected.push_back(Dump(AnalyzeName(n, Schema::kCompany)));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        for (size_t k = 0; k < names.size(); ++k) {
          if (Dump(AnalyzeName(names[k], Schema::kCompany)) != expected[k]) ++mismatches[t];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

// AnalyzeNameAsPerson (the second analysis of a query without schema) must
// equal the person's own analysis, whether it reuses the legal entity's
// forms or analyses again: titles, abbreviations, legal forms, company
// words, Han, Hangul, kana, Wade-Giles names, other scripts, in random
// combinations.
TEST(TextAnalyze, AnalyzeNameAsPersonEqualsPersonAnalysis) {
  const std::vector<std::string> words = {
      "John",      "Smith",    "Mr",     "Dr.",      "General", "Sheikh",   "Ivan",   "Petrov",
      "Ivanovich", "LLC",      "OOO",    "Limited",  "Trading", "Bank",     "U.S.A.", "Co",
      "Mao",       "Tse-tung", "Chiang", "Kai-shek", "Li",      "Wei",      "Kim",    "Jong",
      "Un",        "al-Assad", "bin",    "Muhammad", "Иван",    "Петров",   "ООО",    "Ромашка",
      "محمد",      "عبد",      "الله",   "习近平",   "科技",    "有限公司", "김정은", "주식회사",
      "ヤマダ",    "山田",     "No.",    "11",       "Forty",   "Four",     "&",      "O'Brien",
      "José",      "S.",       "M.",     "G.",       "de",      "la",       "Cruz",   "Ltd",
      "Ogly",      "Kizi",     "оглы"};
  std::mt19937 rng(20261129);
  std::vector<std::string> names = {
      "John Smith", "Mao Tse-tung", "Dr. Ivan Petrov", "U S A Trading",
      "习近平",     "김정은",       "S.M.G.",          "TAGIEV, Fikhret Gabdulla Ogly"};
  for (int i = 0; i < 2000; ++i) {
    std::string name;
    const int n = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < n; ++k) {
      if (!name.empty()) name += ' ';
      name += words[rng() % words.size()];
    }
    names.push_back(name);
  }
  for (const std::string& name : names) {
    const std::string want = Dump(AnalyzeName(name, Schema::kPerson));
    std::vector<NameForm> le = AnalyzeName(name, Schema::kLegalEntity);
    EXPECT_EQ(Dump(AnalyzeNameAsPerson(name, std::move(le))), want) << name;
  }
}

// The texts of each form of a person's name, one string per form.
std::vector<std::string> PersonForms(const std::string& name) {
  std::vector<std::string> out;
  for (const NameForm& f : AnalyzeName(name, Schema::kPerson)) {
    std::string s;
    for (const Token& t : f.tokens) s += (s.empty() ? "" : " ") + t.text;
    out.push_back(s);
  }
  return out;
}

bool HasForm(const std::vector<std::string>& forms, const std::string& text) {
  return std::find(forms.begin(), forms.end(), text) != forms.end();
}

// A Russian person named in Chinese: the parts that the middle dot separates
// are each read as a transcription, a two-character surname too, and a given
// name in its conventional Chinese form reads as the Russian name.
TEST(TextAnalyze, RussianNamesInChinese) {
  EXPECT_TRUE(HasForm(PersonForms("伊戈尔·谢钦"), "igor sechin"));
  EXPECT_TRUE(HasForm(PersonForms("阿尔卡季·罗滕伯格"), "arkady rotenbog"));
  EXPECT_TRUE(HasForm(PersonForms("弗拉基米尔"), "vladimir"));
  // Any of the dots Chinese and Japanese texts use.
  EXPECT_TRUE(HasForm(PersonForms("伊戈尔•谢钦"), "igor sechin"));
  EXPECT_TRUE(HasForm(PersonForms("伊戈尔・谢钦"), "igor sechin"));
  // With the dot, characters outside the transcription tables too (任 ren,
  // 延 yan; 基 is ki there); the l reading writes the r-series as zh (j).
  EXPECT_TRUE(HasForm(PersonForms("叶夫根尼·普里戈任"), "yevgeny pligejen"));
  EXPECT_TRUE(HasForm(PersonForms("谢尔盖·马特维延科"), "sergei matwiyanke"));
  // A listed person's surname whose conventional form the syllables miss
  // reads from the table (普京 would read "pjin").
  EXPECT_TRUE(HasForm(PersonForms("弗拉基米尔·普京"), "vladimir putin"));
  EXPECT_TRUE(HasForm(PersonForms("谢尔盖·基里延科"), "sergei kiriyenko"));
  // Without the dot, a two-character part is read as Chinese only.
  EXPECT_FALSE(HasForm(PersonForms("伊戈尔 谢钦"), "igor sechin"));
  EXPECT_TRUE(HasForm(PersonForms("谢钦"), "xie qin"));
}

// Korean writes a foreign name's words apart, with no dot: one word that
// reads as foreign (four syllables, a lone consonant with ㅡ) makes the
// other a foreign word too. 푸틴 alone next to another word would read as a
// Korean given name (phu thin); 블라디미르 reads b-l-a-d-i-m-i-r by the Korean
// rules for foreign words (ㅡ dropped, ㄹ before ㄹ l).
TEST(TextAnalyze, ForeignNamesInHangulWordByWord) {
  EXPECT_TRUE(HasForm(PersonForms("블라디미르 푸틴"), "bladimir putin"));
  EXPECT_TRUE(HasForm(PersonForms("이고르 세친"), "igor sechin"));
}

// Quoted parts: text between an opening quote (before a letter or digit)
// and its closing quote, innermost ones too; apostrophes inside words are
// none. Expected slices written out by hand.
TEST(TextAnalyze, QuotedParts) {
  using V = std::vector<std::string_view>;
  EXPECT_EQ(QuotedParts("ООО «Ромашка»"), V{"Ромашка"});
  EXPECT_EQ(QuotedParts("ГУП ГС ‘Севастопольский морской порт’"),
            V{"Севастопольский морской порт"});
  // Mismatched quote characters, as the UK list writes them.
  EXPECT_EQ(QuotedParts("Республики Крым ‘Черноморнефтегаз'"), V{"Черноморнефтегаз"});
  EXPECT_EQ(QuotedParts("АО «Концерн ВКО «Алмаз-Антей»»"),
            (V{"Алмаз-Антей", "Концерн ВКО «Алмаз-Антей»"}));
  EXPECT_EQ(QuotedParts("STATE ENTERPRISE 'MAGARACH' OF THE NATIONAL INSTITUTE 'MAGARACH'"),
            (V{"MAGARACH", "MAGARACH"}));
  EXPECT_EQ(QuotedParts("ЗАО ''Ромашка-2''"), V{"Ромашка-2"});  // a quote of two apostrophes
  EXPECT_TRUE(QuotedParts("O'BRIEN TRADING").empty());
  EXPECT_TRUE(QuotedParts("SA'D BIN SA'D AL-KA'BI").empty());
  EXPECT_TRUE(QuotedParts("AZOVSKY LIKEROVODOCHNY ZAVOD'").empty());  // no opening quote
  EXPECT_TRUE(QuotedParts("ALMAZ 'ANTEY").empty());                   // no closing quote
  EXPECT_TRUE(QuotedParts("").empty());
}

// An organisation's quoted trade name gets forms of its own, after the
// whole name's; not when it holds the same words as the whole name (but
// for the legal form), and never for a person.
TEST(TextAnalyze, QuotedTradeNameForms) {
  auto quoted = [](std::string_view raw, Schema schema) {
    std::vector<std::string> out;
    for (const NameForm& f : AnalyzeName(raw, schema)) {
      if (!f.quoted) continue;
      std::string words;
      for (const Token& t : f.tokens) words += (words.empty() ? "" : " ") + t.text;
      out.push_back(words);
    }
    return out;
  };
  const auto crimea = quoted(
      "Государственное унитарное предприятие Республики Крым «Черноморнефтегаз»", Schema::kCompany);
  ASSERT_FALSE(crimea.empty());
  EXPECT_EQ(crimea.front(), "chernomorneftegaz");
  // The part that closes last is the trade name (with the parts inside it).
  EXPECT_EQ(
      quoted("STATE UNITARY ENTERPRISE OF THE 'REPUBLIC OF CRIMEA' 'MAGARACH'", Schema::kCompany),
      std::vector<std::string>{"magarach"});
  EXPECT_TRUE(quoted("ООО «Ромашка»", Schema::kCompany).empty());
  EXPECT_TRUE(quoted("LLC 'ROMASHKA'", Schema::kCompany).empty());
  EXPECT_TRUE(quoted("Vladimir 'Vova' PETROV", Schema::kPerson).empty());
  EXPECT_TRUE(quoted("Vladimir 'Vova' PETROV", Schema::kLegalEntity).size() == 1);
  // The person's analysis reusing a legal entity's forms drops them.
  for (const NameForm& f : AnalyzeNameAsPerson(
           "Vladimir 'Vova' PETROV", AnalyzeName("Vladimir 'Vova' PETROV", Schema::kLegalEntity))) {
    EXPECT_FALSE(f.quoted);
  }
}

}  // namespace
}  // namespace chokepoint::text
