// Tests of the OFAC legacy CSV readers and the Remarks parser: clauses taken
// from the published files, hand-made edge cases, and malformed input.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "io/file.h"
#include "lists/ofac_remarks.h"
#include "lists/reader_test_support.h"
#include "lists/readers.h"

namespace chokepoint::lists {
namespace {

using namespace test_support;  // NOLINT(build/namespaces)

Entity Parse(std::string_view remarks, Schema schema = Schema::kCompany) {
  Entity e;
  e.schema = schema;
  ApplyOfacRemarks(remarks, e);
  return e;
}

std::string Property(const Entity& e, std::string_view key) {
  for (const auto& [k, v] : e.properties) {
    if (k == key) return v;
  }
  return "";
}

bool Has(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// --- Remarks: real clauses ---------------------------------------------------

TEST(OfacRemarks, WuhanGlobalSensor46633) {
  // sdn_2024-05-03.csv, ent_num 46633, verbatim.
  Entity e = Parse(
      "Secondary sanctions risk: this person is designated for operating or having operated in a "
      "sector of the Russian Federation economy determined to support Russia's "
      "military-industrial base pursuant to section 11 of Executive Order 14024, as amended by "
      "Executive Order 14114.; Organization Established Date 28 Apr 2013; Unified Social Credit "
      "Code (USCC) 914201000668186736 (China).");
  ASSERT_EQ(e.sanctions_risks.size(), 1u);
  EXPECT_EQ(e.sanctions_risks[0], "secondary sanctions risk: section 11 of Executive Order 14024");
  EXPECT_EQ(e.incorporation_date.ToString(), "2013-04-28");
  const Identifier* uscc = FindId(e, IdType::kUscc);
  ASSERT_NE(uscc, nullptr);
  EXPECT_EQ(uscc->value, "914201000668186736");
  EXPECT_EQ(uscc->country, "CN");
  EXPECT_TRUE(e.remarks.empty());
}

TEST(OfacRemarks, Hikvision30946) {
  // cons_prim_2025-12.csv, ent_num 30946, verbatim.
  Entity e = Parse(
      "Equity Ticker 002415 CN; Issuer Name Hangzhou Hikvision Digital Technology; ISIN "
      "CNE100000PM8; Target Type Public Company; Effective Date (CMIC) 02 Aug 2021; "
      "Purchase/Sales For Divestment Date (CMIC) 03 Jun 2022; Listing Date (CMIC) 03 Jun 2021; "
      "Unified Social Credit Code (USCC) 91330000733796106P (China).");
  ASSERT_NE(FindId(e, IdType::kIsin), nullptr);
  EXPECT_EQ(FindId(e, IdType::kIsin)->value, "CNE100000PM8");
  ASSERT_NE(FindId(e, IdType::kUscc), nullptr);
  EXPECT_EQ(FindId(e, IdType::kUscc)->value, "91330000733796106P");
  ASSERT_NE(FindId(e, IdType::kOther), nullptr);
  EXPECT_EQ(FindId(e, IdType::kOther)->label, "Equity Ticker");
  EXPECT_EQ(FindId(e, IdType::kOther)->value, "002415 CN");
  ASSERT_EQ(e.listing_dates.size(), 1u);
  EXPECT_EQ(e.listing_dates[0].ToString(), "2021-06-03");
  EXPECT_EQ(Property(e, "target_type"), "Public Company");
  EXPECT_EQ(Property(e, "issuer_name"), "Hangzhou Hikvision Digital Technology");
  EXPECT_EQ(Property(e, "effective_date"), "CMIC: 2021-08-02");
  EXPECT_EQ(Property(e, "divestment_date"), "CMIC: 2022-06-03");
  EXPECT_TRUE(e.remarks.empty());
}

TEST(OfacRemarks, RussianRegistryNumbers) {
  // From sdn_comments_2025-12.csv (17016, 17143) and sdn_2024-05-03.csv.
  Entity e = Parse(
      "Listing Date (EO 14024 Directive 3): 24 Feb 2022; Effective Date (EO 14024 Directive 3): "
      "26 Mar 2022; Tax ID No. 7744001497 (Russia); Legal Entity Number 253400WSS48YWMBUA688; "
      "Registration Number 1027700167110 (Russia); Government Gazette Number 42045241 (Russia); "
      "Tax ID No. 100036386 (Serbia); Registration Number 26740 (Iran); For more information on "
      "directives, please visit the following link: https://ofac.treasury.gov/x#directives.");
  ASSERT_NE(FindId(e, IdType::kInn), nullptr);
  EXPECT_EQ(FindId(e, IdType::kInn)->value, "7744001497");
  EXPECT_EQ(FindId(e, IdType::kInn)->country, "RU");
  ASSERT_NE(FindId(e, IdType::kOgrn), nullptr);
  EXPECT_EQ(FindId(e, IdType::kOgrn)->value, "1027700167110");
  ASSERT_NE(FindId(e, IdType::kLei), nullptr);
  EXPECT_EQ(FindId(e, IdType::kLei)->value, "253400WSS48YWMBUA688");
  ASSERT_NE(FindId(e, IdType::kOkpo), nullptr);
  EXPECT_EQ(FindId(e, IdType::kOkpo)->value, "42045241");
  // Not Russian: plain tax id and registration.
  ASSERT_NE(FindId(e, IdType::kTaxId), nullptr);
  EXPECT_EQ(FindId(e, IdType::kTaxId)->country, "RS");
  ASSERT_NE(FindId(e, IdType::kRegistration), nullptr);
  EXPECT_EQ(FindId(e, IdType::kRegistration)->value, "26740");
  ASSERT_EQ(e.listing_dates.size(), 1u);
  EXPECT_EQ(e.listing_dates[0].ToString(), "2022-02-24");
  EXPECT_EQ(Property(e, "effective_date"), "EO 14024 Directive 3: 2022-03-26");
  EXPECT_TRUE(e.remarks.empty()) << e.remarks[0];
}

TEST(OfacRemarks, PersonFacts) {
  Entity e = Parse(
      "DOB 12 Apr 1975; alt. DOB circa 1950; alt. DOB 1960 to 1962; alt. DOB 01 Jan 1973 to 31 "
      "Dec 1973; POB Moscow, Russia; nationality Russia; citizen Ukraine; Gender Male; Passport "
      "A10472263 (Malaysia) issued 01 Jan 2010 expires 01 Jan 2020; National ID No. 216040 "
      "(Yemen); Driver's License No. 180839 (Mexico); a.k.a. 'IVANOV, Ivan'.",
      Schema::kPerson);
  std::vector<std::string> dobs;
  for (const auto& d : e.birth_dates) dobs.push_back((d.circa ? "~" : "") + d.ToString());
  EXPECT_EQ(dobs, (std::vector<std::string>{"1975-04-12", "~1950", "~1960", "1973"}));
  EXPECT_EQ(e.birth_places, std::vector<std::string>{"Moscow, Russia"});
  EXPECT_EQ(e.nationalities, (std::vector<std::string>{"RU", "UA"}));
  EXPECT_EQ(e.gender, "male");
  const Identifier* pass = FindId(e, IdType::kPassport);
  ASSERT_NE(pass, nullptr);
  EXPECT_EQ(pass->value, "A10472263");
  EXPECT_EQ(pass->country, "MY");
  EXPECT_EQ(pass->note, "issued 01 Jan 2010 expires 01 Jan 2020");
  ASSERT_NE(FindId(e, IdType::kNationalId), nullptr);
  EXPECT_EQ(FindId(e, IdType::kNationalId)->country, "YE");
  ASSERT_NE(FindId(e, IdType::kDriverLicense), nullptr);
  const Name* aka = FindName(e, "IVANOV, Ivan");
  ASSERT_NE(aka, nullptr);
  EXPECT_EQ(aka->kind, NameKind::kWeakAlias);
  EXPECT_EQ(aka->family, "IVANOV");
  EXPECT_EQ(aka->given, "Ivan");
  EXPECT_TRUE(e.remarks.empty());
}

TEST(OfacRemarks, AliasesWithApostrophesAndSemicolons) {
  // Apostrophes inside names are common (ent_num 11982, 6925); "; " inside a
  // quoted name must not split it.
  Entity e = Parse(
      "a.k.a. 'ABU HURAYRAH AL-SAN'AI'; a.k.a. 'ABU 'AMMAR'; a.k.a. ''FUPI''; f.k.a. 'OLD "
      "NAME; LTD'; n.k.a. 'NEW NAME'; Gender Female.",
      Schema::kPerson);
  EXPECT_NE(FindName(e, "ABU HURAYRAH AL-SAN'AI"), nullptr);
  EXPECT_NE(FindName(e, "ABU 'AMMAR"), nullptr);
  EXPECT_NE(FindName(e, "FUPI"), nullptr);
  const Name* former = FindName(e, "OLD NAME; LTD");
  ASSERT_NE(former, nullptr);
  EXPECT_EQ(former->kind, NameKind::kFormerName);
  ASSERT_NE(FindName(e, "NEW NAME"), nullptr);
  EXPECT_EQ(FindName(e, "NEW NAME")->kind, NameKind::kStrongAlias);
  EXPECT_EQ(e.gender, "female");
  EXPECT_EQ(SplitOfacRemarks("a.k.a. 'A; B'; DOB 1970").size(), 2u);
  EXPECT_EQ(OfacAliasName("'WHOIS HACKIN"), "WHOIS HACKIN");  // truncated field
  EXPECT_EQ(OfacAliasName("BNC."), "BNC");
  EXPECT_EQ(OfacAliasName("'BNC'."), "BNC");
}

TEST(OfacRemarks, LinksRisksContacts) {
  Entity e = Parse(
      "Linked To: TRILIANCE PETROCHEMICAL CO. LTD.; Linked To: HAMAS.; Linked To: PETROLEOS DE "
      "VENEZUELA, S.A.; Additional Sanctions Information - Subject to Secondary Sanctions; "
      "alt. Secondary sanctions risk: See Section 11 of Executive Order 14024.; Secondary "
      "sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; "
      "Website www.example.ir.; Email Address info@example.ir; Phone Number 982188526300; "
      "SWIFT/BIC HAVIGB2L; D-U-N-S Number 542957624; Organization Type: Other business support "
      "service activities n.e.c.; Target Type Financial Institution");
  std::vector<std::string> targets;
  for (const auto& r : e.relations) {
    EXPECT_EQ(r.kind, RelationKind::kLinkedTo);
    targets.push_back(r.target_name);
  }
  EXPECT_EQ(targets, (std::vector<std::string>{"TRILIANCE PETROCHEMICAL CO. LTD.", "HAMAS",
                                               "PETROLEOS DE VENEZUELA, S.A."}));
  EXPECT_TRUE(Has(e.sanctions_risks,
                  "Additional Sanctions Information - Subject to Secondary "
                  "Sanctions"));
  EXPECT_TRUE(Has(e.sanctions_risks,
                  "secondary sanctions risk: section 11 of Executive Order "
                  "14024"));
  EXPECT_TRUE(Has(e.sanctions_risks,
                  "secondary sanctions risk: North Korea Sanctions "
                  "Regulations, sections 510.201 and 510.210"));
  EXPECT_EQ(e.websites, std::vector<std::string>{"www.example.ir"});
  EXPECT_EQ(e.emails, std::vector<std::string>{"info@example.ir"});
  EXPECT_EQ(e.phones, std::vector<std::string>{"982188526300"});
  EXPECT_NE(FindId(e, IdType::kBic), nullptr);
  EXPECT_NE(FindId(e, IdType::kDuns), nullptr);
  EXPECT_EQ(Property(e, "organization_type"), "Other business support service activities n.e.c.");
  EXPECT_EQ(Property(e, "target_type"), "Financial Institution");
  EXPECT_TRUE(e.remarks.empty());
}

TEST(OfacRemarks, VesselsAircraftCrypto) {
  Entity e = Parse(
      "Vessel Registration Identification IMO 7406784; MMSI 572469210; Former Vessel Flag Malta; "
      "alt. Former Vessel Flag Tanzania; Identification Number IMO 5342883.; Digital Currency "
      "Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h; alt. Digital Currency Address - ETH "
      "0x098B716B8Aaf21512996dC57EB0615e2383E2f96; Aircraft Tail Number RA-76842; Aircraft "
      "Manufacturer's Serial Number (MSN) 1023409321; Aircraft Model IL-76TD",
      Schema::kVessel);
  std::vector<std::string> imos, wallets;
  for (const auto& id : e.identifiers) {
    if (id.type == IdType::kImo) imos.push_back(id.value);
    if (id.type == IdType::kCryptoWallet) wallets.push_back(id.label + " " + id.value);
  }
  EXPECT_EQ(imos, (std::vector<std::string>{"7406784", "5342883"}));
  EXPECT_EQ(wallets, (std::vector<std::string>{
                         "Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h",
                         "Digital Currency Address - ETH "
                         "0x098B716B8Aaf21512996dC57EB0615e2383E2f96"}));
  ASSERT_NE(FindId(e, IdType::kMmsi), nullptr);
  EXPECT_EQ(FindId(e, IdType::kMmsi)->value, "572469210");
  ASSERT_NE(FindId(e, IdType::kTailNumber), nullptr);
  ASSERT_NE(FindId(e, IdType::kAircraftSerial), nullptr);
  EXPECT_EQ(Property(e, "vessel_former_flag"), "Malta; Tanzania");
  EXPECT_EQ(Property(e, "aircraft_model"), "IL-76TD");
}

TEST(OfacRemarks, UnknownClausesKeptAndGenericIds) {
  Entity e = Parse(
      "Member of the State Duma of the Federal Assembly of the Russian Federation.; Electoral "
      "Registry No. 12345 (Mexico); Vice-Chairperson, 13th National People's Congress; DOB "
      "sometime; nationality Atlantis");
  ASSERT_EQ(e.identifiers.size(), 1u);
  EXPECT_EQ(e.identifiers[0].type, IdType::kOther);
  EXPECT_EQ(e.identifiers[0].label, "Electoral Registry No.");
  EXPECT_EQ(e.identifiers[0].country, "MX");
  EXPECT_EQ(e.remarks, (std::vector<std::string>{
                           "Member of the State Duma of the Federal Assembly of the Russian "
                           "Federation.",
                           "Vice-Chairperson, 13th National People's Congress", "DOB sometime",
                           "nationality Atlantis"}));
  EXPECT_TRUE(e.birth_dates.empty());
  EXPECT_TRUE(e.nationalities.empty());
}

TEST(OfacRemarks, EmptyAndOddInputNeverThrow) {
  for (std::string_view s : {"", ";", "; ; ;", "a.k.a.", "a.k.a. '", "a.k.a. ''", "'", "DOB",
                             "Linked To:", "Passport", "Passport ()", "Listing Date (",
                             "Digital Currency Address - ", "alt. ", "alt. alt. DOB 1970"}) {
    Entity e = Parse(s);
    (void)e;
  }
  EXPECT_TRUE(Parse("").remarks.empty());
}

// --- Reader ------------------------------------------------------------------

constexpr char kSdn[] =
    "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
    "306,\"BANCO NACIONAL DE CUBA\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. "
    "'BNC'.\"\r\n"
    "9639,\"HANIYA, Ismail Abdul Salah\",\"individual\",\"SDGT] [IRGC\",\"Leader\",-0- ,-0- ,-0- "
    ",-0- ,-0- ,-0- ,\"DOB 1962; POB Shati.\"\r\n"
    "15036,\"ADRIAN DARYA 1\",\"vessel\",\"IRAN-EO13846\",-0- ,\"9HA4713\",\"Crude Oil "
    "Tanker\",\"150,000\",\"81,479\",\"Malta\",-0- ,\"Vessel Registration Identification IMO "
    "9116412.\"\r\n"
    "\x1A";

Result<ReadOutput> Read(std::vector<InputFile> files, bool cons = false) {
  ReadOptions o;
  o.source_id = "test";
  return cons ? ReadOfacConsCsv(files, o) : ReadOfacSdnCsv(files, o);
}

TEST(OfacCsv, ReadsMainFile) {
  auto out = Read({{"dir/sdn_2024-05-03.csv", kSdn}});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->problems.empty());
  ASSERT_EQ(out->entities.size(), 4u);
  EXPECT_EQ(out->meta.list_date, "2024-05-03");
  const Entity& cuba = out->entities[0];
  EXPECT_EQ(cuba.source, "test");
  EXPECT_EQ(cuba.source_id, "36");
  EXPECT_EQ(cuba.programs.size(), 1u);
  const Entity& bank = out->entities[1];
  ASSERT_EQ(bank.names.size(), 2u);
  EXPECT_EQ(bank.names[1].full, "BNC");
  EXPECT_EQ(bank.names[1].kind, NameKind::kWeakAlias);
  EXPECT_EQ(bank.remarks, std::vector<std::string>{"a.k.a. 'BNC'."});
  const Entity& person = out->entities[2];
  EXPECT_EQ(person.schema, Schema::kPerson);
  EXPECT_EQ(person.names[0].full, "HANIYA, Ismail Abdul Salah");
  EXPECT_EQ(person.names[0].family, "HANIYA");
  EXPECT_EQ(person.names[0].given, "Ismail Abdul Salah");
  ASSERT_EQ(person.programs.size(), 2u);
  EXPECT_EQ(person.programs[0].code, "SDGT");
  EXPECT_EQ(person.programs[1].code, "IRGC");
  EXPECT_EQ(person.titles, std::vector<std::string>{"Leader"});
  EXPECT_EQ(person.birth_places, std::vector<std::string>{"Shati"});
  const Entity& vessel = out->entities[3];
  EXPECT_EQ(vessel.schema, Schema::kVessel);
  const Identifier* call = FindId(vessel, IdType::kCallSign);
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(call->value, "9HA4713");
  EXPECT_EQ(call->country, "MT");
  EXPECT_EQ(Property(vessel, "vessel_flag"), "Malta");
  EXPECT_EQ(Property(vessel, "vessel_tonnage"), "150,000");
  ASSERT_NE(FindId(vessel, IdType::kImo), nullptr);
  EXPECT_EQ(FindId(vessel, IdType::kImo)->value, "9116412");
}

TEST(OfacCsv, LinksAddAltCommentsByEntNum) {
  std::string add =
      "36,25,-0- ,\"Havana\",\"Cuba\",-0- \r\n"
      "99999,1,\"Nowhere\",-0- ,\"Cuba\",-0- \r\n"  // not in the main file: ignored
      "306,199,\"Zweierstrasse 35\",\"Zurich CH-8022\",\"Switzerland\",-0- \r\n\x1A";
  std::string alt =
      "36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n"
      "306,220,\"fka\",\"NATIONAL BANK OF CUBA\",-0- \r\n"
      "306,221,\"aka\",\"BNC LOW\",\"low quality\"\r\n"
      "9639,9150,\"aka\",\"HANIYYA, Ismaeel\",-0- \r\n"
      "77777,1,\"aka\",\"GHOST\",-0- \r\n\x1A";
  auto out = Read({{"sdn.csv", kSdn},
                   {"add.csv.xz", add},
                   {"alt.csv", alt},
                   {"sdn_comments.csv", "306,\"; Gender Male\"\r\n"}});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->problems.empty()) << out->problems[0].ToString();
  const Entity* cuba = Find(*out, "36");
  ASSERT_EQ(cuba->addresses.size(), 1u);
  EXPECT_EQ(cuba->addresses[0].full, "Havana, Cuba");
  EXPECT_EQ(cuba->addresses[0].country, "CU");
  ASSERT_NE(FindName(*cuba, "AERO-CARIBBEAN"), nullptr);
  EXPECT_EQ(FindName(*cuba, "AERO-CARIBBEAN")->kind, NameKind::kStrongAlias);
  const Entity* bank = Find(*out, "306");
  EXPECT_EQ(bank->addresses[0].country, "CH");
  EXPECT_EQ(FindName(*bank, "NATIONAL BANK OF CUBA")->kind, NameKind::kFormerName);
  EXPECT_EQ(FindName(*bank, "BNC LOW")->kind, NameKind::kWeakAlias);
  // Short Remarks: the overflow is from another date; its first (partial)
  // clause is dropped and the rest read.
  EXPECT_EQ(bank->gender, "male");
  const Entity* person = Find(*out, "9639");
  EXPECT_EQ(FindName(*person, "HANIYYA, Ismaeel")->family, "HANIYYA");
}

TEST(OfacCsv, CommentsContinueTruncatedRemarks) {
  std::string remarks = "Gender Male; a.k.a. 'WHOIS HACKIN";
  remarks.insert(0, std::string(1000 - remarks.size() - 2, 'x') + "; ");
  ASSERT_EQ(remarks.size(), 1000u);
  std::string main =
      "1,\"SOME GROUP\",-0- ,\"CYBER2\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"" + remarks + "\"\r\n";
  auto out = Read({{"sdn.csv", main}, {"sdn_comments.csv", "1,\"G TEAM'; Gender Male.\"\r\n"}});
  ASSERT_TRUE(out.ok());
  const Entity& e = out->entities[0];
  EXPECT_NE(FindName(e, "WHOIS HACKING TEAM"), nullptr);
  ASSERT_FALSE(e.remarks.empty());
  EXPECT_EQ(e.remarks[0], remarks + "G TEAM'; Gender Male.");
}

TEST(OfacCsv, ConsolidatedFileNames) {
  auto out = Read({{"data/us_ofac_cons_prim_2025-12.csv.xz", kSdn},
                   {"data/us_ofac_cons_alt_2025-12.csv.xz", "36,1,\"aka\",\"X\",-0- \r\n"},
                   {"data/us_ofac_cons_add_2025-12.csv.xz", ""},
                   {"data/us_ofac_cons_comments_2025-12.csv.xz", ""}},
                  /*cons=*/true);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->entities.size(), 4u);
  EXPECT_EQ(out->meta.list_date, "2025-12");
  EXPECT_NE(FindName(out->entities[0], "X"), nullptr);
}

TEST(OfacCsv, MainFileRequiredOnce) {
  auto none = Read({{"alt.csv", ""}, {"add.csv", ""}});
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("no main file"), std::string::npos);
  auto two = Read({{"sdn.csv", kSdn}, {"sdn2.csv", kSdn}});
  ASSERT_FALSE(two.ok());
  EXPECT_NE(two.status().message().find("sdn2.csv"), std::string::npos);
}

TEST(OfacCsv, EmptyFileIsAnError) {
  EXPECT_FALSE(Read({{"sdn.csv", ""}}).ok());
  EXPECT_FALSE(Read({{"sdn.csv", "\x1A"}}).ok());
  EXPECT_FALSE(Read({{"sdn.csv", "\r\n\r\n\x1A"}}).ok());
}

TEST(OfacCsv, EndOfFileByte) {
  // With and without the final 0x1A, with and without a final line break.
  for (std::string data : {std::string(kSdn), std::string(kSdn).substr(0, sizeof(kSdn) - 2),
                           std::string(kSdn).substr(0, sizeof(kSdn) - 4) + "\x1A"}) {
    auto out = Read({{"sdn.csv", data}});
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out->entities.size(), 4u);
    EXPECT_TRUE(out->problems.empty()) << out->problems[0].ToString();
  }
}

TEST(OfacCsv, WrongColumnCountNamesFileAndLine) {
  std::string data = std::string(
                         "1,\"A\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
                         "37,\"B\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n") +
                     kSdn;
  auto out = Read({{"lists/sdn.csv", data}, {"alt.csv", "36,1,\"aka\"\r\n"}});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->entities.size(), 5u);
  ASSERT_EQ(out->problems.size(), 2u);
  EXPECT_EQ(out->problems[0].file, "lists/sdn.csv");
  EXPECT_EQ(out->problems[0].line, 2);
  EXPECT_EQ(out->problems[0].record_id, "37");
  EXPECT_NE(out->problems[0].reason.find("expected 12 fields, found 11"), std::string::npos);
  EXPECT_EQ(out->problems[1].file, "alt.csv");
  EXPECT_EQ(out->problems[1].line, 1);
  EXPECT_NE(out->problems[1].reason.find("expected 5 fields, found 3"), std::string::npos);
}

TEST(OfacCsv, InvalidUtf8) {
  std::string data =
      "36,\"CAF\xC3\x28\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
      "37,\"B\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
  auto out = Read({{"sdn.csv", data}});
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->entities.size(), 1u);
  EXPECT_EQ(out->entities[0].source_id, "37");
  ASSERT_EQ(out->problems.size(), 1u);
  EXPECT_EQ(out->problems[0].line, 1);
  EXPECT_EQ(out->problems[0].record_id, "36");
  EXPECT_NE(out->problems[0].reason.find("UTF-8"), std::string::npos);
}

TEST(OfacCsv, UnterminatedQuoteNamesLine) {
  std::string data =
      "36,\"A\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
      "37,\"B\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1970; cut here";
  auto out = Read({{"sdn.csv", data}});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->entities.size(), 1u);
  ASSERT_EQ(out->problems.size(), 1u);
  EXPECT_EQ(out->problems[0].line, 2);
  EXPECT_NE(out->problems[0].reason.find("unterminated"), std::string::npos);
}

TEST(OfacCsv, BadIdsNamesAndDuplicates) {
  std::string data =
      "36,\"A\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
      "X1,\"B\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
      "38,-0- ,-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
      "36,\"A AGAIN\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
  auto out = Read({{"sdn.csv", data}});
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->entities.size(), 1u);
  EXPECT_EQ(out->entities[0].caption(), "A");
  ASSERT_EQ(out->problems.size(), 3u);
  EXPECT_EQ(out->problems[0].line, 2);
  EXPECT_NE(out->problems[0].reason.find("not a number"), std::string::npos);
  EXPECT_EQ(out->problems[1].line, 3);
  EXPECT_EQ(out->problems[1].record_id, "38");
  EXPECT_NE(out->problems[1].reason.find("empty"), std::string::npos);
  EXPECT_EQ(out->problems[2].line, 4);
  EXPECT_NE(out->problems[2].reason.find("duplicate"), std::string::npos);
}

TEST(OfacCsv, SharedSdnFile) {
  std::string dir = std::string(CHOKEPOINT_SHARED_DIR) + "/data/sanctions/ofac/";
  std::vector<InputFile> files;
  for (const char* name :
       {"sdn_2024-05-03.csv", "add_2025-12.csv", "alt_2025-12.csv", "sdn_comments_2025-12.csv"}) {
    auto f = LoadInputFile(dir + name);
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    files.push_back(std::move(*f));
  }
  auto out = Read(files);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->problems.empty());
  EXPECT_EQ(out->entities.size(), 14965u);  // data README: 14,965 rows
  size_t russia = 0;
  for (const auto& e : out->entities) {
    // Counted as the data README counts rows (one is "BPI-RUSSIA-EO14024").
    russia += std::any_of(e.programs.begin(), e.programs.end(), [](const Program& p) {
      return p.code.find("RUSSIA-EO14024") != std::string::npos;
    });
  }
  EXPECT_EQ(russia, 4440u);  // data README: 4,440 RUSSIA-EO14024 rows
  const Entity* wuhan = Find(*out, "46633");
  ASSERT_NE(wuhan, nullptr);
  EXPECT_EQ(wuhan->incorporation_date.ToString(), "2013-04-28");
}

}  // namespace
}  // namespace chokepoint::lists
