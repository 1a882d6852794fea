#include "text/name_field.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace chokepoint::text {
namespace {

// The parts' names and markers as "marker|name" strings.
std::vector<std::string> Parts(std::string_view field) {
  std::vector<std::string> out;
  for (const NameFieldPart& p : SplitNameField(field)) out.push_back(p.marker + "|" + p.name);
  return out;
}

using V = std::vector<std::string>;

TEST(NameFieldTest, SplitsAtEachMarker) {
  EXPECT_EQ(Parts("BANK MELLI IRAN T/A MELLI BANK"), (V{"|BANK MELLI IRAN", "T/A|MELLI BANK"}));
  EXPECT_EQ(Parts("John Doe a.k.a. 'Johnny D'"), (V{"|John Doe", "a.k.a.|Johnny D"}));
  EXPECT_EQ(Parts("ACME LLC, AKA: ACME GENERAL TRADING; ACME FZE"),
            (V{"|ACME LLC", "AKA|ACME GENERAL TRADING", ";|ACME FZE"}));
  EXPECT_EQ(Parts("X F/K/A Y D/B/A Z"), (V{"|X", "F/K/A|Y", "D/B/A|Z"}));
  EXPECT_EQ(Parts("ivan petrov c/o oao neft"), (V{"|ivan petrov", "c/o|oao neft"}));
  EXPECT_EQ(Parts("Alpha Ltd  also   known as  Beta Ltd"),
            (V{"|Alpha Ltd", "also   known as|Beta Ltd"}));
  EXPECT_EQ(Parts("A formerly known as B"), (V{"|A", "formerly known as|B"}));
  EXPECT_EQ(Parts("A formerly B"), (V{"|A", "formerly|B"}));
  EXPECT_EQ(Parts("Jane Roe on behalf of Gamma SA"), (V{"|Jane Roe", "on behalf of|Gamma SA"}));
  EXPECT_EQ(Parts("张三；李四"), (V{"|张三", "；|李四"}));
  // Letters of credit and bills of lading name the party after these, also
  // at the start of the field.
  EXPECT_EQ(Parts("TO THE ORDER OF BANK X"), (V{"TO THE ORDER OF|BANK X"}));
  EXPECT_EQ(Parts("Messrs. Acme Trading LLC"), (V{"Messrs.|Acme Trading LLC"}));
  EXPECT_EQ(Parts("M/S ACME TRADING"), (V{"M/S|ACME TRADING"}));
  EXPECT_EQ(Parts("ACME LLC ATTN: JOHN SMITH"), (V{"|ACME LLC", "ATTN|JOHN SMITH"}));
}

TEST(NameFieldTest, AtMostSoManyParts) {
  std::string field;
  for (int k = 0; k < 40; ++k) field += "N" + std::to_string(k) + "; ";
  const std::vector<NameFieldPart> parts = SplitNameField(field);
  ASSERT_EQ(parts.size(), kMaxNameFieldParts);
  EXPECT_EQ(parts[kMaxNameFieldParts - 2].name, "N" + std::to_string(kMaxNameFieldParts - 2));
  // The last holds the rest of the field.
  EXPECT_EQ(parts.back().name.substr(0, 5), "N15; ");
  EXPECT_EQ(parts.back().name.substr(parts.back().name.size() - 5), "; N39");
}

TEST(NameFieldTest, OtherParties) {
  std::vector<bool> other;
  for (const NameFieldPart& p :
       SplitNameField("A Ltd C/O B Ltd aka C Ltd on behalf of D Ltd; E Ltd For The Account Of F")) {
    other.push_back(p.other_party);
  }
  EXPECT_EQ(other, (std::vector<bool>{false, true, false, true, false, true}));
  other.clear();
  std::vector<bool> contact;
  for (const NameFieldPart& p : SplitNameField("TO ORDER OF A Ltd attention of B C/O C ATTN D")) {
    other.push_back(p.other_party);
    contact.push_back(p.contact);
  }
  EXPECT_EQ(other, (std::vector<bool>{false, true, true, true}));
  // Of the other parties, the persons to attend to (attn) are contacts.
  EXPECT_EQ(contact, (std::vector<bool>{false, true, false, true}));
  // A contact's marker may begin the field, as an address line's does.
  const std::vector<NameFieldPart> attn = SplitNameField("ATTN JOHN SMITH, 12 HARBOUR ROAD");
  ASSERT_EQ(attn.size(), 1u);
  EXPECT_TRUE(attn[0].contact);
  EXPECT_EQ(attn[0].name, "JOHN SMITH, 12 HARBOUR ROAD");
}

TEST(NameFieldTest, FormerNames) {
  std::vector<bool> former;
  for (const NameFieldPart& p : SplitNameField(
           "A Ltd F/K/A B Ltd aka C Ltd formerly known as D Ltd; E Ltd previously known as F "
           "n.k.a. G")) {
    former.push_back(p.former);
  }
  EXPECT_EQ(former, (std::vector<bool>{false, true, false, true, false, true, false}));
  former.clear();
  for (const NameFieldPart& p :
       SplitNameField("ООО Новое (ранее ООО Старое), он же ООО Третье бывш. ООО Четвёртое")) {
    former.push_back(p.former);
  }
  EXPECT_EQ(former, (std::vector<bool>{false, true, false, true}));
  former.clear();
  for (const NameFieldPart& p : SplitNameField("甲有限公司（原名：乙有限公司）（又名丙）")) {
    former.push_back(p.former);
  }
  EXPECT_EQ(former, (std::vector<bool>{false, true, false}));
}

TEST(NameFieldTest, RussianAndChineseMarkers) {
  EXPECT_EQ(Parts("Иванов Иван Иванович, ОН ЖЕ Петров Пётр"),
            (V{"|Иванов Иван Иванович", "ОН ЖЕ|Петров Пётр"}));
  EXPECT_EQ(Parts("ООО «Ромашка» (ранее ООО «Василёк»)"),
            (V{"|ООО «Ромашка»", "ранее|ООО «Василёк»"}));
  EXPECT_EQ(Parts("АО Альфа, бывш. ЗАО Бета"), (V{"|АО Альфа", "бывш.|ЗАО Бета"}));
  EXPECT_EQ(Parts("深圳市甲乙科技有限公司（原名：深圳市甲乙电子有限公司）"),
            (V{"|深圳市甲乙科技有限公司", "（原名|深圳市甲乙电子有限公司"}));
  EXPECT_EQ(Parts("甲乙集团(又名丙丁集团)"), (V{"|甲乙集团", "(又名|丙丁集团"}));
  // Inside a word, or a name's own word.
  EXPECT_TRUE(Parts("中原名城有限公司").empty());
  EXPECT_TRUE(Parts("Ранее Иван").empty());
  EXPECT_TRUE(Parts("ИВАНОВ ОНЖЕ").empty());
}

TEST(NameFieldTest, BracketsAndQuotesAroundAPart) {
  EXPECT_EQ(Parts("NEW NAME JSC (FORMERLY OLD NAME JSC)"),
            (V{"|NEW NAME JSC", "FORMERLY|OLD NAME JSC"}));
  EXPECT_EQ(Parts("NEW (RUSSIA) LLC [A.K.A. \u201COLD (RUSSIA) LLC\u201D]"),
            (V{"|NEW (RUSSIA) LLC", "A.K.A.|OLD (RUSSIA) LLC"}));
  // Quotes around the whole part go, a name's own quotes stay.
  EXPECT_EQ(Parts("'ALPHA' AKA \"BETA 'B' LTD\""), (V{"|ALPHA", "AKA|BETA 'B' LTD"}));
  EXPECT_EQ(Parts("OOO \"ALPHA\" AKA 'BETA'"), (V{"|OOO \"ALPHA\"", "AKA|BETA"}));
}

TEST(NameFieldTest, AFieldOfOneName) {
  EXPECT_TRUE(Parts("ROSOBORONEXPORT JSC").empty());
  EXPECT_TRUE(Parts("").empty());
  // Markers only as whole words: inside words, after a stop or a slash.
  EXPECT_TRUE(Parts("KAKAO CORP").empty());
  EXPECT_TRUE(Parts("DBASE TECHNOLOGIES").empty());
  EXPECT_TRUE(Parts("ABC/O TRADING").empty());
  EXPECT_TRUE(Parts("SAKA S.AKA").empty());
  EXPECT_TRUE(Parts("ALIASGAR HUSSEIN").empty());
  // A marker that is also a word (aka, alias) needs a name before it.
  EXPECT_TRUE(Parts("Aka Shinji").empty());
  EXPECT_TRUE(Parts("ALIAS INVESTMENTS").empty());
}

TEST(NameFieldTest, PartsWithoutAWordAreLeftOut) {
  // A slashed or dotted marker may open the field.
  EXPECT_EQ(Parts("c/o ROSOBORONEXPORT"), (V{"c/o|ROSOBORONEXPORT"}));
  EXPECT_EQ(Parts("JOHN SMITH AKA"), (V{"|JOHN SMITH"}));
  EXPECT_EQ(Parts("A ; ; B"), (V{"|A", ";|B"}));
  EXPECT_EQ(Parts(" ; "), V{});
}

}  // namespace
}  // namespace chokepoint::text

namespace chokepoint::text {
namespace {

// The name left and the identifiers as "label=value" strings.
std::pair<std::string, std::vector<std::string>> Cut(std::string_view field) {
  FieldWithoutIdentifiers cut = CutIdentifiers(field);
  std::vector<std::string> ids;
  for (const FieldIdentifier& id : cut.identifiers) ids.push_back(id.label + "=" + id.value);
  return {cut.name, ids};
}

using Ids = std::vector<std::string>;

TEST(CutIdentifiersTest, CutsLabelledIdentifiers) {
  EXPECT_EQ(Cut("ROSOBORONEXPORT INN 7718852163"),
            std::make_pair(std::string("ROSOBORONEXPORT"), Ids{"INN=7718852163"}));
  EXPECT_EQ(Cut("AO ROSOBORONEXPORT, INN 7718852163, MOSCOW"),
            std::make_pair(std::string("AO ROSOBORONEXPORT, MOSCOW"), Ids{"INN=7718852163"}));
  EXPECT_EQ(Cut("ИНН 7718852163 АО «Рособоронэкспорт»"),
            std::make_pair(std::string("АО «Рособоронэкспорт»"), Ids{"ИНН=7718852163"}));
  EXPECT_EQ(Cut("ООО Ромашка ИНН/КПП 7707083893/770701001"),
            std::make_pair(std::string("ООО Ромашка"), Ids{"ИНН/КПП=7707083893/770701001"}));
  EXPECT_EQ(Cut("JSC X (OGRN: 1117746521452; inn 7718852163)"),
            std::make_pair(std::string("JSC X"), Ids{"OGRN=1117746521452", "inn=7718852163"}));
  EXPECT_EQ(Cut("HIKVISION DIGITAL TECHNOLOGY CO LTD USCC 91330000733796106P"),
            std::make_pair(std::string("HIKVISION DIGITAL TECHNOLOGY CO LTD"),
                           Ids{"USCC=91330000733796106P"}));
  EXPECT_EQ(Cut("杭州海康威视数字技术股份有限公司 统一社会信用代码：91330000733796106P"),
            std::make_pair(std::string("杭州海康威视数字技术股份有限公司"),
                           Ids{"统一社会信用代码=91330000733796106P"}));
  EXPECT_EQ(Cut("MV SEA STAR IMO NO. 9123456"),
            std::make_pair(std::string("MV SEA STAR"), Ids{"IMO NO=9123456"}));
  EXPECT_EQ(Cut("John Smith passport № AB1234567"),
            std::make_pair(std::string("John Smith"), Ids{"passport=AB1234567"}));
  EXPECT_EQ(Cut("Acme LLC Reg. No. 12-345-678"),
            std::make_pair(std::string("Acme LLC"), Ids{"Reg. No=12-345-678"}));
  // Written together with its label, as Russian payment details often are.
  EXPECT_EQ(Cut("OOO ROMASHKA INN7707083893"),
            std::make_pair(std::string("OOO ROMASHKA"), Ids{"INN=7707083893"}));
  EXPECT_EQ(Cut("INN7707083893.KPP770701001 OOO ROMASHKA"),
            std::make_pair(std::string("OOO ROMASHKA"), Ids{"INN=7707083893", "KPP=770701001"}));
  EXPECT_EQ(Cut("(INN)7707083893 OOO ROMASHKA"),
            std::make_pair(std::string("OOO ROMASHKA"), Ids{"INN=7707083893"}));
  // Account numbers, with a label or alone (12 to 34 digits, or an IBAN).
  EXPECT_EQ(Cut("ACCOUNT 40702810400000012345 ROSOBORONEXPORT"),
            std::make_pair(std::string("ROSOBORONEXPORT"), Ids{"ACCOUNT=40702810400000012345"}));
  EXPECT_EQ(Cut("ROSOBORONEXPORT 40702810400000012345"),
            std::make_pair(std::string("ROSOBORONEXPORT"), Ids{"=40702810400000012345"}));
  EXPECT_EQ(Cut("ACME GMBH DE89370400440532013000, BERLIN"),
            std::make_pair(std::string("ACME GMBH BERLIN"), Ids{"=DE89370400440532013000"}));
  EXPECT_EQ(Cut("ООО Ромашка р/с 40702810400000012345"),
            std::make_pair(std::string("ООО Ромашка"), Ids{"р/с=40702810400000012345"}));
}

TEST(CutIdentifiersTest, LeavesNamesAlone) {
  const Ids none;
  for (std::string_view name :
       {"Mohammed bin Salman", "Plant No. 11", "Research Institute 12345", "IMO 123",
        "INNOVATION 12345 LLC", "WINNER 1234567", "INNA 1234567", "INN 7718852163ООО",
        "TIN HTUT 12345 6", "Vessel IMO 9123456789012345678901234567890123456789012", "",
        "12345678", "Plant 12345678901", "ACME 1234567890123X", "DE89 ACME"}) {
    EXPECT_EQ(Cut(name), std::make_pair(std::string(name), none)) << name;
  }
  // A field of an identifier alone keeps it as its name.
  EXPECT_EQ(Cut("INN 7718852163"),
            std::make_pair(std::string("INN 7718852163"), Ids{"INN=7718852163"}));
}

}  // namespace
}  // namespace chokepoint::text

namespace chokepoint::text {
namespace {

// "name | address | first" of SplitAddress.
std::string Address(std::string_view field) {
  const NameAndAddress na = SplitAddress(field);
  return na.name + " | " + na.address + " | " + na.first;
}

TEST(SplitAddressTest, CutsTheStreetAddressAfterTheName) {
  EXPECT_EQ(Address("LIMITED LIABILITY COMPANY ZVEZDA, ul. Alleya Truda 19V, Bolshoi Kamen 692806, "
                    "Russia"),
            "LIMITED LIABILITY COMPANY ZVEZDA | ul. Alleya Truda 19V, Bolshoi Kamen 692806, Russia "
            "| ");
  EXPECT_EQ(Address("ROSOBORONEXPORT JSC UL. STROMYNKA 27 MOSCOW 107076"),
            "ROSOBORONEXPORT JSC | UL. STROMYNKA 27 MOSCOW 107076 | ");
  EXPECT_EQ(Address("ACME LLC, 12 Harbour Road, Wan Chai, Hong Kong"),
            "ACME LLC | 12 Harbour Road, Wan Chai, Hong Kong | ");
  EXPECT_EQ(Address("ООО Ромашка, ул. Ленина, д. 5, Москва"),
            "ООО Ромашка | ул. Ленина, д. 5, Москва | ");
  EXPECT_EQ(Address("GREAT LAKES BUSINESS COMPANY P. O. Box 315 Goma Congo"),
            "GREAT LAKES BUSINESS COMPANY | P. O. Box 315 Goma Congo | ");
  EXPECT_EQ(Address("ACME LLC, Usovo Village, Odintsovo"),
            "ACME LLC | Usovo Village, Odintsovo | ");
  EXPECT_EQ(Address("ACME LLC, Usovo, Building 100, Odintsovo"),
            "ACME LLC, Usovo | Building 100, Odintsovo | ACME LLC");
  // (A surname alone is not screened: no "first".)
  EXPECT_EQ(Address("SMITH, John, 12 Main Street, London"),
            "SMITH, John | 12 Main Street, London | ");
  // Given names before the address in the piece after the comma.
  EXPECT_EQ(Address("Carvalho, Angelo Joel Floor 26 Building 1 Jianghan Road Hangzhou"),
            "Carvalho, Angelo Joel | Floor 26 Building 1 Jianghan Road Hangzhou | ");
  EXPECT_EQ(Address("Brown, Amanda 4 Lugovaya Street Building 5 Moscow"),
            "Brown, Amanda | 4 Lugovaya Street Building 5 Moscow | ");
  EXPECT_EQ(Address("Brown, Amanda 4 Lugovaya Street, Building 5, Moscow"),
            "Brown, Amanda | 4 Lugovaya Street, Building 5, Moscow | ");
  // After two words, a piece the commas go on after is the address's.
  EXPECT_EQ(Address("ACME LLC, Sh. Varshavskoe D. 26, Moscow"),
            "ACME LLC | Sh. Varshavskoe D. 26, Moscow | ");
  EXPECT_EQ(Address("海康威视，杭州市滨江区阡陌路555号"), "海康威视 | 杭州市滨江区阡陌路555号 | ");
  // Without commas: at a number after two words of the name with two more
  // words after it, or at the words that say what the number is.
  EXPECT_EQ(Address("JOINT STOCK COMPANY AGAT 1 Pr. Mashinostroiteley Gavrilov Yam 152240 Russia"),
            "JOINT STOCK COMPANY AGAT | 1 Pr. Mashinostroiteley Gavrilov Yam 152240 Russia | ");
  EXPECT_EQ(Address("Bruno Lindner Office 404 20 Daev Lane Moscow"),
            "Bruno Lindner | Office 404 20 Daev Lane Moscow | ");
  EXPECT_EQ(Address("DAY LEASING COMPANY No. 5 Shahid Dademan Street Tehran"),
            "DAY LEASING COMPANY | No. 5 Shahid Dademan Street Tehran | ");
  EXPECT_EQ(
      Address("ELEVENTH OCEAN ADMINISTRATION GMBH Schottweg 5 Hamburg 22087 Germany"),
      "ELEVENTH OCEAN ADMINISTRATION GMBH Schottweg | 5 Hamburg 22087 Germany | ELEVENTH OCEAN "
      "ADMINISTRATION GMBH");
  // A street word before the number reads as an address too.
  EXPECT_EQ(Address("OFOGH SABERIN ENGINEERING DEVELOPMENT COMPANY Shahid Malek Lu Street No. 86 "
                    "Tehran Iran"),
            "OFOGH SABERIN ENGINEERING DEVELOPMENT COMPANY Shahid Malek Lu Street | No. 86 Tehran "
            "Iran | OFOGH SABERIN ENGINEERING DEVELOPMENT COMPANY");
  // The number comes before a street word no name holds: the earlier cut.
  EXPECT_EQ(Address("MIRACLE TRANSPORTATION LIMITED East Shahid Atefi Street 35 Africa Boulevard "
                    "PO Box 19395-4833 Tehran Iran"),
            "MIRACLE TRANSPORTATION LIMITED East Shahid Atefi Street | 35 Africa Boulevard PO Box "
            "19395-4833 Tehran Iran | MIRACLE TRANSPORTATION LIMITED");
  EXPECT_EQ(Address("LIMITED LIABILITY COMPANY TAYMYRSKAYA GORNAYA KOMPANIYA d. 4A etazh 1 pom. I "
                    "Kom. 9 Ofis 13 ul. Kutuzovskaya Odintsovo 143001 Russia"),
            "LIMITED LIABILITY COMPANY TAYMYRSKAYA GORNAYA KOMPANIYA | d. 4A etazh 1 pom. I Kom. 9 "
            "Ofis 13 ul. Kutuzovskaya Odintsovo 143001 Russia | ");
  // Street words of other languages no name holds.
  EXPECT_EQ(Address("SURABAYA HOBBY CV Jl. Barata Jaya Xix/57-b Surabaya East Java Indonesia"),
            "SURABAYA HOBBY CV | Jl. Barata Jaya Xix/57-b Surabaya East Java Indonesia | ");
  EXPECT_EQ(Address("AKTSIONERNOE OBSHCHESTVO ELEKTRON OPTRONIK Pr-Kt Morisa Toreza D. 68 Saint "
                    "Petersburg 194223 Russia"),
            "AKTSIONERNOE OBSHCHESTVO ELEKTRON OPTRONIK | Pr-Kt Morisa Toreza D. 68 Saint "
            "Petersburg 194223 Russia | ");
  // After a name that holds a comma.
  EXPECT_EQ(Address("IS BANK, AO Eldoradovsky per 7 Moscow 125167 Russia"),
            "IS BANK, AO Eldoradovsky per | 7 Moscow 125167 Russia | IS BANK, AO");
  EXPECT_EQ(Address("ARQUITECTURA Y DISENO EN BALANCE, S.A. DE C.V. Pegaso 3261 Colonia La Calma "
                    "Zapopan"),
            "ARQUITECTURA Y DISENO EN BALANCE, S.A. DE C.V. Pegaso | 3261 Colonia La Calma Zapopan "
            "| ARQUITECTURA Y DISENO EN BALANCE, S.A. DE C.V.");
  // Without a number, at the legal form before a street word.
  EXPECT_EQ(Address("TAMAS COMPANY Shahid Chamran Building North Kargar Street Tehran Iran"),
            "TAMAS COMPANY | Shahid Chamran Building North Kargar Street Tehran Iran | ");
  // An organisation's name before the street's own name.
  EXPECT_EQ(Address("JSC ROSGEOLOGIA Khersonskaya st. 43/3 Moscow 117246 Russia"),
            "JSC ROSGEOLOGIA Khersonskaya st. | 43/3 Moscow 117246 Russia | JSC ROSGEOLOGIA");
  EXPECT_EQ(
      Address("PERU GLOBAL TOURS S.A.C. Calle Soledad 113 Oficina 301 Lima Peru"),
      "PERU GLOBAL TOURS S.A.C. Calle Soledad | 113 Oficina 301 Lima Peru | PERU GLOBAL TOURS "
      "S.A.C.");
  EXPECT_EQ(Address("AEROSPACE INDUSTRIES ORGANIZATION Langare Street Nobonyad Square Tehran Iran"),
            "AEROSPACE INDUSTRIES ORGANIZATION | Langare Street Nobonyad Square Tehran Iran | ");
  // Not a person's: the last word may be the surname.
  EXPECT_EQ(Address("David Maria Quiroga Av. Peru 3421 San Martin Lima"),
            "David Maria Quiroga Av. Peru | 3421 San Martin Lima | ");
  // A district's word (Sosong-guyok) after a comma.
  EXPECT_EQ(Address("HWASONG SHIPPING CO LTD, Changgyong dong, Sosong-guyok, Pyongyang"),
            "HWASONG SHIPPING CO LTD, Changgyong dong | Sosong-guyok, Pyongyang | HWASONG SHIPPING "
            "CO LTD");
  // A number the name gives itself stays in it.
  EXPECT_EQ(Address("MILITARY UNIT 74268 MOSCOW 119048 RUSSIA"),
            "MILITARY UNIT 74268 | MOSCOW 119048 RUSSIA | ");
  EXPECT_EQ(Address("MILITARY UNIT NUMBER 52688 MOSCOW 119048 RUSSIA"),
            "MILITARY UNIT NUMBER 52688 | MOSCOW 119048 RUSSIA | ");
  EXPECT_EQ(Address("ACME LLC PLANT 9 ul. Lenina 5 Perm"),
            "ACME LLC PLANT 9 | ul. Lenina 5 Perm | ");
  // But a bare number followed by the street's own name and its
  // thoroughfare word is the house number.
  EXPECT_EQ(Address("PUBLIC JOINT STOCK COMPANY PROLETARSKY ZAVOD 3 Dudko St. St. Petersburg"),
            "PUBLIC JOINT STOCK COMPANY PROLETARSKY ZAVOD | 3 Dudko St. St. Petersburg | ");
  // So does a number after a legal form the field begins with.
  EXPECT_EQ(
      Address("JOINT STOCK COMPANY 163 ARMORED REPAIR PLANT Tankistov 1 Kushchevskaya 352030 "
              "Russia"),
      "JOINT STOCK COMPANY 163 ARMORED REPAIR PLANT Tankistov | 1 Kushchevskaya 352030 Russia "
      "| ");
  EXPECT_EQ(Address("JOINT STOCK COMPANY 163 ARMORED REPAIR PLANT pl. Tankistov 1 Kushchevskaya"),
            "JOINT STOCK COMPANY 163 ARMORED REPAIR PLANT | pl. Tankistov 1 Kushchevskaya | ");
}

// A name that ends with its legal form ends there when at least two words
// follow that no other rule reads as an address.
TEST(SplitAddressTest, EndsANameAtItsLegalFormBeforeMoreWords) {
  EXPECT_EQ(Address("AMIGO SUPERMARKET LIMITED 1023 Adetokunbo Ademola Crescent Wuse II Abuja"),
            "AMIGO SUPERMARKET LIMITED | 1023 Adetokunbo Ademola Crescent Wuse II Abuja | ");
  EXPECT_EQ(Address("TOKENTRUST HOLDINGS LIMITED Lara Court Arch. Makariou Iii 276 Limassol"),
            "TOKENTRUST HOLDINGS LIMITED | Lara Court Arch. Makariou Iii 276 Limassol | ");
  // The longest legal form there, written with dots and spaces.
  EXPECT_EQ(
      Address("COMERCIAL JOANA, S.A. DE C.V. General Eulogio Parra No. 1750-C Col. El Retiro"),
      "COMERCIAL JOANA, S.A. DE C.V. | General Eulogio Parra No. 1750-C Col. El Retiro | "
      "COMERCIAL JOANA");
  EXPECT_EQ(Address("MIRIM SHIPPING CO LTD Tonghung-dong Chung-guyok Pyongyang"),
            "MIRIM SHIPPING CO LTD | Tonghung-dong Chung-guyok Pyongyang | ");
  // Not the legal form the field begins with: the name's own legal form.
  EXPECT_EQ(Address("OOO ROMASHKA LLC Promzona Kaes 12 Udomlya"),
            "OOO ROMASHKA LLC | Promzona Kaes 12 Udomlya | ");
  // A city and its country after it are an address too (the whole field is
  // still screened, with them read as its address).
  EXPECT_EQ(Address("ACME LLC ST. PETERSBURG"), "ACME LLC | ST. PETERSBURG | ");
}

// Without a number, a legal form or "company", a name ends at its last
// company word before the own name of a building or district, when the
// address goes on after the street word.
TEST(SplitAddressTest, EndsANameAtACompanyWordBeforeABuildingsName) {
  EXPECT_EQ(Address("POLO TRADING Fakhani Building Korniche Mazraa Street Beirut Lebanon"),
            "POLO TRADING | Fakhani Building Korniche Mazraa Street Beirut Lebanon | ");
  EXPECT_EQ(Address("KVANT SCIENTIFIC RESEARCH INSTITUTE Khovrino District Moscow Russia"),
            "KVANT SCIENTIFIC RESEARCH INSTITUTE | Khovrino District Moscow Russia | ");
  EXPECT_EQ(Address("ARCH CONSULTING Al Huda Building 2nd Floor Al Miqdad Street Haret Hreik"),
            "ARCH CONSULTING | Al Huda Building 2nd Floor Al Miqdad Street Haret Hreik | ");
  // A legal form further left still ends it first, and the own name of a
  // thoroughfare (Jamejam Street) is read before a company word.
  EXPECT_EQ(Address("HANA BANKING CORPORATION LTD Haebangsan Hotel Jungsong-Dong Sungri Street "
                    "Central District Pyongyang"),
            "HANA BANKING CORPORATION LTD | Haebangsan Hotel Jungsong-Dong Sungri Street Central "
            "District Pyongyang | ");
  EXPECT_EQ(Address("ISLAMIC REPUBLIC OF IRAN BROADCASTING Jamejam Street Valiasr Avenue Tehran"),
            "ISLAMIC REPUBLIC OF IRAN BROADCASTING | Jamejam Street Valiasr Avenue Tehran | ");
  // Not when the words between are the name's (a company word, a
  // connective: MACHINE BUILDING is a line of business), nor when nothing
  // follows the street word but a number (a military unit's).
  EXPECT_EQ(Address("RADUGA STATE MACHINE BUILDING DESIGN BUREAU JOINT STOCK COMPANY"), " |  | ");
  EXPECT_EQ(Address("ISLAMIC REVOLUTIONARY GUARD CORPS QUDS FORCE (IRGC-QF) UNIT 190"), " |  | ");
  EXPECT_EQ(Address("IRGC AEROSPACE FORCE'S SELF SUFFICIENCY UNIT"), " |  | ");
  // Nor at a city's name, which some company names hold (MOSKOVSKII is
  // "moscow"), before a misspelt line of business (MACHINRY BUILDING).
  EXPECT_EQ(Address("JSC MOSCOW MACHINRY BUILDING PLANT AVANGARD"), " |  | ");
}

// A Korean quarter or district written with its hyphen begins the address
// after two words of the name.
TEST(SplitAddressTest, CutsAtAKoreanQuarter) {
  EXPECT_EQ(Address("AMROGGANG DEVELOPMENT BANK Tongan-dong Pyongyang Korea North"),
            "AMROGGANG DEVELOPMENT BANK | Tongan-dong Pyongyang Korea North | ");
  EXPECT_EQ(Address("KOREA SAMILPO SHIPPING CO Tonghung-dong Chung-guyok Pyongyang Korea North"),
            "KOREA SAMILPO SHIPPING CO | Tonghung-dong Chung-guyok Pyongyang Korea North | ");
  // A numbered quarter after its name.
  EXPECT_EQ(Address("KOREA MYONGDOK SHIPPING CO Chilgol 2-dong Mangyongdae-guyok Pyongyang"),
            "KOREA MYONGDOK SHIPPING CO | Chilgol 2-dong Mangyongdae-guyok Pyongyang | ");
  // Not as a name's first word, nor a syllable that may be a given name's.
  EXPECT_EQ(Address("DAE-DONG CREDIT BANK"), " |  | ");
  EXPECT_EQ(Address("PAK Song Chol-ri"), " |  | ");
}

// A number with the words that say what it is (D., No., Office) begins the
// address when a city follows it; the name is read to its legal form, one
// the table writes with its dots too.
TEST(SplitAddressTest, CutsAtAMarkedNumberBeforeACity) {
  EXPECT_EQ(Address("JOINT STOCK COMPANY GLOBATEK GROUP Sh Varshavskoe D. 42 Moscow Russia"),
            "JOINT STOCK COMPANY GLOBATEK GROUP Sh Varshavskoe | D. 42 Moscow Russia | ");
  EXPECT_EQ(Address("LAMA FOODS INTERNATIONAL OFFSHORE S.A.L. Unesco Center 4th Floor Office No. "
                    "19 Verdun Beirut Lebanon"),
            "LAMA FOODS INTERNATIONAL OFFSHORE S.A.L. Unesco Center 4th | Floor Office No. 19 "
            "Verdun Beirut Lebanon | LAMA FOODS INTERNATIONAL OFFSHORE S.A.L.");
  // Not a number without them, which may be the name's (the legal form
  // after it ends the name), nor after a stopword.
  EXPECT_EQ(Address("LLC GROUP 99 MOSCOW RUSSIA"), " |  | ");
  EXPECT_EQ(Address("INMOBILIARIA ESTADO 29 S.A. DE C.V. TIJUANA MEXICO"),
            "INMOBILIARIA ESTADO 29 S.A. DE C.V. | TIJUANA MEXICO | ");
  EXPECT_EQ(Address("DETENTION CENTER NO 1 IN SIMFEROPOL"), " |  | ");
}

// The single word before an address that SplitAddress leaves whole.
TEST(WordBeforeAddressTest, FindsTheWordBeforeTheFirstCommaOrANumber) {
  auto read = [](std::string_view field) {
    const WordAndAddress wa = WordBeforeAddress(field);
    return wa.word + " | " + wa.address;
  };
  EXPECT_EQ(read("NIREF, Boezembolcht 23, Rotterdam"), "NIREF | Boezembolcht 23, Rotterdam");
  EXPECT_EQ(read("TAJCO 62 Buckle Street Banjul"), "TAJCO | 62 Buckle Street Banjul");
  EXPECT_EQ(read("SMITH, John"), " | ");                 // no second comma
  EXPECT_EQ(read("ACME LLC, Usovo, Odintsovo"), " | ");  // two words
  EXPECT_EQ(read("PLANT 9"), " | ");                     // nothing after the number
  EXPECT_EQ(read("KIM YONG CHOL"), " | ");               // no number
  EXPECT_EQ(read("X, 1, 2"), " | ");                     // a word of one letter
}

TEST(SplitAddressTest, LeavesNamesAlone) {
  for (std::string_view name :
       {"SMITH, John",
        "SMITH, John D.",
        "SMITH, Lane",
        "ACME, INC.",
        "BANK OF X, N.A.",
        "ROSOBORONEXPORT, MOSCOW",
        "ROSOBORONEXPORT, MOSCOW, RUSSIA",
        "SMITH, John 1970",
        "PLANT NO. 11",
        "SILK ROAD TRADING LLC",
        "WALL STREET CAPITAL",
        "ROAD, 12 X",
        "",
        "RESEARCH INSTITUTE 12345",
        "ACME 2000 LLC",
        "BANK MELLI IRAN 2 X",
        "KIM 1 YONG CHOL",
        "STOCK COMPANY 60 ARSENAL JOINT",
        "MILITARY UNIT 74268",
        "PLANT NO. 11 MOSCOW",
        "KHARKIV DESIGN BUREAU 1 NAMED AFTER MOROZOV",
        "GOLDEN TOWER 5 STAR HOTEL",
        "SMITH, John 1970 London",
        "SILK ROAD TRADING LLC MOSCOW",
        "JOHN SMITH BUILDING CONTRACTORS",
        "John Smith Baker Street Building London",
        "China Aerospace Science and Technology Corporation 1st Academy 702 Research Institute",
        "AL NOOR COMPANY FOR GENERAL TRADING",
        "JOINT STOCK COMPANY ZVEZDA MOSCOW",
        "ACME LIMITED LIABILITY COMPANY",
        "Ahmed SA Mohammed Ali",
        "TRANS GULF LLC DUBAI",
        "TECHNOLOGII KREDITOVANIYA LIMITED LIABILITY COMUANY",
        "CHANG SHA YI KONG JIAN KE JI YAN JIU YUAN YOU XIAN GONG SI",
        "ACME CO LTD SHENZHEN BRANCH",
        "China Aerospace Science and Technology Corporation (CASC) 8th Academy"}) {
    EXPECT_EQ(Address(name), " |  | ") << name;
  }
}

}  // namespace
}  // namespace chokepoint::text
