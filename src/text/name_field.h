// A party field that holds more than one name. Payment messages, invoices
// and customer files often write a party's other names, or another party,
// into the one name field, joined by a marker:
//
//   BANK MELLI IRAN T/A MELLI BANK                 (a trade name)
//   ACME TRADING LLC A/K/A ACME GENERAL TRADING    (an alias)
//   NEW NAME JSC (FORMERLY OLD NAME JSC)           (a former name)
//   JOHN SMITH C/O ROSOBORONEXPORT                 (the party it goes through)
//
// Each of these names has to be screened on its own: scored as one name,
// the field matches none of them well. SplitNameField finds the markers; the
// screener screens the whole field and each part (docs/screening.md, "Fields
// that hold several names").

#ifndef CHOKEPOINT_TEXT_NAME_FIELD_H_
#define CHOKEPOINT_TEXT_NAME_FIELD_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::text {

// The markers, as a field writes them (matched in any case; one of Latin or
// Cyrillic letters as a whole word): aliases (a.k.a., aka, a/k/a, also known
// as, alias), former and new names (f.k.a., formerly, formerly known as,
// previously known as, n.k.a., now known as), trade names (d.b.a., d/b/a,
// doing business as, t/a, trading as, operating as), parties written with
// another (c/o, care of, on behalf of, o/b/o, for the account of, for account
// of, for the benefit of, f/b/o) and a contact person at the party (attn,
// attention of); the party itself after the words letters of credit and
// bills of lading open with (to the order of, to order of, messrs, m/s),
// also at the start of the field; Russian он же, она же, оно же (also),
// ранее, бывш., бывшее, бывший (formerly); Chinese after an opening bracket,
// as registers write them: （原名 and （曾用名 (former name), （又名 (also
// named), （简称 (short name); and semicolons, ASCII or full-width.
struct NameFieldPart {
  std::string name;    // the part, without the marker and the spaces, commas,
                       // colons, unmatched brackets and quotes around it
  std::string marker;  // the marker before it, as written ("" for the first)
  // The marker says the part is another party, the one the field's party is
  // reached through or a person there (attn, attention of; c/o, care of, on
  // behalf of, o/b/o, for the account of, for account of, for the benefit
  // of, f/b/o), not another name of it.
  bool other_party = false;
  // Of other parties, the marker says the part is a person to attend to at
  // the party (attn, attention of: a contact), not one it is reached through.
  bool contact = false;
  // The marker says the part is a name the party had before (f.k.a.,
  // formerly, formerly known as, previously known as, ранее, бывш., бывшее,
  // бывший, （原名, （曾用名).
  bool former = false;
};

// SplitNameField returns at most this many parts (the last one then holds
// the rest of the field): each is screened, so the work stays bounded.
inline constexpr size_t kMaxNameFieldParts = 16;

// The parts of `field`, in order, when it holds at least one marker and one
// part with a letter or digit; otherwise none (a field of one name). Parts
// without a letter or digit are left out ("A.K.A. 'X'" gives one part, X).
std::vector<NameFieldPart> SplitNameField(std::string_view field);

// An identifier a party field writes beside the name, with its label
// (ROSOBORONEXPORT INN 7718852163; ИНН 7718852163 АО «Рособоронэкспорт»;
// HIKVISION ... USCC 91330000733796106P): Russian, Ukrainian, Belarusian and
// Kazakh registry and tax numbers (INN, KPP, OGRN, OGRNIP, OKPO, EDRPOU, UNP,
// BIN, IIN, in Latin or Cyrillic letters), the Chinese unified social credit
// code (USCC, 统一社会信用代码), tax, VAT and registration numbers, IMO
// numbers, LEIs, passports and national ids, account numbers and IBANs. The
// value follows the label (after a colon, stop, number sign or №, or right
// after it) and holds at least five digits. An account number may also
// stand alone: a word of 12 to 34 digits, or an IBAN (with 10 digits or
// more).
struct FieldIdentifier {
  std::string label;  // as written ("INN", "ИНН/КПП", "USCC"; "" for an account
                      // number written alone)
  std::string value;  // as written ("7718852163", "7718852163/771801001")
  // The label and the value as the field wrote them, a space between.
  std::string Written() const { return label.empty() ? value : label + " " + value; }
  // The numbers the value stands for: the value, and each part of at least
  // five characters of one that joins several with '/' (ИНН/КПП
  // 7718852163/771801001).
  std::vector<std::string> Numbers() const;
};

// A field with its identifiers cut out: `name` is the rest (the field itself
// when it holds none, or when nothing with a letter would be left).
struct FieldWithoutIdentifiers {
  std::string name;
  std::vector<FieldIdentifier> identifiers;
};

FieldWithoutIdentifiers CutIdentifiers(std::string_view field);

// A field that writes the party's street address after its name, as a
// customer file's one column or a single-line payment field often does
// (LIMITED LIABILITY COMPANY ZVEZDA, ul. Alleya Truda 19V, Bolshoi Kamen
// 692806, Russia; ROSOBORONEXPORT JSC UL. STROMYNKA 27 MOSCOW): `name` is
// what comes before the address, `address` the rest; both empty when the
// field holds no address so written. The address begins:
// - after a comma whose piece holds a street word (street, road, ul.,
//   building, floor, office, p.o. box, улица ...) or a Chinese address
//   character (路, 号 ...), or a number with more pieces after it, when the
//   piece begins with it, or more pieces follow it after a name of more
//   than one word (not after a surname: SMITH, John 12 Main Street,
//   London); not a piece that begins with a legal form (ACME, S.A. DE C.V.
//   ...);
// - else, written without commas (or after words of the name in the piece
//   after a comma: SMITH, John 12 Main Street), at a street word no name
//   holds (ul., prospekt, per., pl., jl., mah., cad., blvd. ...) or at a
//   house number after two words of the name, with a street word before
//   it or another number or street word after it, whichever comes first.
//   A number the name gives itself (MILITARY UNIT 74268, PLANT 9, JOINT
//   STOCK COMPANY 163 ...) stays in the name. Without either, the name ends
//   at its legal form or company word before a street word (TAMAS COMPANY
//   Shahid Chamran Building ...), or, for an organisation's name, before
//   the street's own name (AEROSPACE INDUSTRIES ORGANIZATION Langare
//   Street ...);
// - failing those, after a legal form that ends the name when at least two
//   words follow that read as an address (a number, a street word, a Korean
//   quarter, a city: AMIGO SUPERMARKET LIMITED 1023 Adetokunbo ...), not
//   when the name goes on (a bracket, an ordinal, No., a branch or academy,
//   a second legal form);
// - failing those, after the comma whose piece holds a street word further
//   in, unless a single word stands before it (a surname alone is no name).
// `first` is a shorter name to screen too: the name up to its legal form or
// company word when street words stand between it and the address's number
// (ACME GMBH Schottweg 5 Hamburg: "ACME GMBH"), or an organisation's name
// before the street's own name when a street word stands just before the
// number (JSC ROSGEOLOGIA Khersonskaya st. 43/3: "JSC ROSGEOLOGIA"); else,
// when the address
// begins after a second comma, the text before the first comma if it has
// more than one word (LLC X, Usovo, Building 100: "LLC X"; not SMITH of
// SMITH, John, 12 Main Street); else empty.
struct NameAndAddress {
  std::string name;
  std::string address;
  std::string first;
};

NameAndAddress SplitAddress(std::string_view field);

// A single word that a field writes before its address, which may be a
// surname and so is no name SplitAddress gives (SMITH, John, 12 Main
// Street): the word before the first comma when the rest holds another
// comma (NIREF, Boezembolcht 23, Rotterdam), or, in a field without commas,
// the first word when the second holds a digit and more words follow (TAJCO
// 62 Buckle Street Banjul). The screener screens it only against entities
// listed at a street the rest writes. Both empty when there is none.
struct WordAndAddress {
  std::string word;
  std::string address;  // the rest of the field
};
WordAndAddress WordBeforeAddress(std::string_view field);

}  // namespace chokepoint::text

#endif  // CHOKEPOINT_TEXT_NAME_FIELD_H_
