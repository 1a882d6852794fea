// Name scoring: how alike two analysed names are, in [0, 1], and why.
//
// A name is analysed once (text::AnalyzeName) into up to four NameForms, one
// per romanisation. PrepareName() turns those into PreparedNames: tokens with
// code points decoded once and a weight (the token kind's weight times its
// rarity over the list names, when a TokenStats is given). A query is
// prepared further into a PreparedQuery, whose tokens carry cached bit-parallel
// scorers (metrics.h) so that one query is compared against thousands of list
// names without allocating.
//
// The name model (docs/scoring.md has the numbers):
//   - every query form x list form is scored; the best pair wins;
//   - tokens are aligned one-to-one, greedily by similarity, regardless of
//     order (a small penalty when the alignment reverses the order); token
//     similarity is the best of exact canonical key, the text helper's
//     VariantKey, phonetic key, Jaro-Winkler and Levenshtein ratio, turned
//     into a "cliff" credit so that near-misses count far less than matches;
//   - the score is credit / cost, where cost charges each aligned pair its
//     weight (more when the pair is a poor match), unmatched query tokens
//     their weight, unmatched list tokens a fraction of theirs (persons) or
//     most of it (organisations), and a conflict charge when both sides keep
//     unmatched rare tokens (a substituted name part); a person's query that
//     holds the whole list name, its first name first, pays for its added
//     parts about as the list side would (names given with the father's);
//   - approximate token matches must fit the scripts: phonetic keys between
//     Latin names need similar spellings, pinyin syllables match by key
//     only, Korean syllables keep their onset (also through the variant
//     table), phonetic pairs with Arabic-script names keep their consonant
//     skeleton ("mahdi" is not "muhammad"), Jaro-Winkler pairs between
//     Latin names need 60% of their spelling (Devanagari is held to the
//     Latin checks), feminine and masculine forms (Maria / Mario) are
//     different names, an Arabic nisba (Ahmadi) is not the name without it,
//     a patronymic is not the family name on its stem; a query initial
//     pairs with the name part it abbreviates; swapped names around "bin" are
//     another person; a Han, Hangul or kana person's name keeps its
//     syllable rules against any list name without company words;
//   - numbers must be equal; legal forms are compared as symbols and a
//     mismatch (llc vs jsc) costs a little; runs of initials in organisation
//     names are one acronym; a joined-string comparison catches split or
//     merged tokens ("JSC ARGUMENT" vs "JSCARGUMENT").
//
// Thread safety: prepared values are immutable; the scoring functions are
// pure given a ScratchSpace per thread.

#ifndef CHOKEPOINT_MATCH_SCORER_H_
#define CHOKEPOINT_MATCH_SCORER_H_

#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chokepoint/entity.h"
#include "chokepoint/screen.h"
#include "match/metrics.h"
#include "text/analyze.h"

namespace chokepoint::match {

// Token kinds with the weights used for them; all tunable (docs/scoring.md).
struct ScorerParams {
  // Kind weights.
  double w_word = 1.0;
  double w_org_word = 0.78;
  double w_stopword = 0.51;
  double w_number = 1.3;
  double w_initial = 0.5;
  double w_legal_form = 0.3;
  // In an organisation's name, "named after" (имени, im.) and the initials
  // of the person after it: translations often drop them (НПО имени С.А.
  // Лавочкина = Lavochkin Scientific Production Association).
  double w_named_after = 0.1;
  // Rarity: weight *= rarity_floor + (1 - rarity_floor) * rarity.
  double rarity_floor = 0.45;
  // Token similarity -> credit: (s - credit_zero) / (1 - credit_zero), ^gamma.
  double credit_zero = 0.3;
  double credit_gamma = 1.19;
  // Aligned pairs below this similarity are not paired.
  double pair_floor = 0.811;
  double sim_variant = 0.93;
  // Korean ㅈ is "j" in the Revised and North Korean romanisations and "ch"
  // in McCune-Reischauer, which many lists use (JANG Song Thaek / CHANG
  // Song-taek, JO Yong Won / CHO Yong-won): a name syllable spelt with
  // either pairs as a variant (sim_variant). Wade-Giles writes pinyin j as
  // ch too (Chin / Jin).
  bool korean_j_variants = true;
  // ... and such a syllable is not the same rime after "y", which the
  // variant rules' Slavic j = y would pair (JANG / YANG, JU / YU, JUN / YUN
  // are different Korean surnames and names).
  bool korean_j_not_y = true;
  // A familiar form and its given name (Bill / William, Misha / Mikhail):
  // a little below a spelling variant.
  double sim_familiar = 0.9;
  // In organisations' names, a Russian adjective of a place and the place
  // (Kazanskiy / Kazan, Izhevskiy / Izhevsk, Samarskiy / Samara): the
  // usual English rendering of "Казанский пороховой завод" is "Kazan
  // Powder Plant".
  double sim_place = 0.9;
  double sim_phonetic = 0.906;
  // A query name that a message field may have cut short (SWIFT name and
  // address lines hold 35 characters): its last word, when the name has at
  // least truncated_min_chars characters, pairs with a longer list word it
  // begins ("...CONCERN RADIO" / RADIOELECTRONIC) at sim_truncated, if it
  // has at least truncated_min_letters letters. 0 turns it off.
  double sim_truncated = 0.9;
  int truncated_min_chars = 30;
  int truncated_min_letters = 4;
  // The list words after the one a cut-short last word pairs with are what
  // the field cut off: left unmatched, each costs this share of its cost,
  // and no conflict.
  double truncated_tail_unmatched = 0.2;
  double sim_initial = 0.8;
  // Fuzzy similarity of tokens of unequal length is scaled by
  // 1 - (1 - shorter/longer) * length_penalty ("bai" vs "baikal").
  double length_penalty = 0.54;
  // Costs.
  double pair_miss_cost = 0.49;   // extra cost per unit of missing credit
  double unmatched_query = 0.72;  // per weight of an unmatched query token
  // A person's name written in Han, Hangul or kana is two to four syllables,
  // each a large share of the name: leaving one of the query's out (often
  // the family name) costs this much per weight instead.
  double unmatched_query_syllabic = 1.0;
  double unmatched_list_person = 0.3;
  // A person's name written in Han, Hangul or kana: a list name with
  // syllables the query lacks names someone else ("静 林" is not "JING HE,
  // Lin"), so each unmatched list token costs this much per weight.
  double unmatched_list_syllabic = 1.0;
  double unmatched_list_org = 0.48;
  double conflict_cost = 1.79;  // per weight of min(unmatched q, unmatched l)
  // In organisations' names, company words naming a line of business
  // (nuclear, communications, gas, oil: not type words such as company or
  // authority) left unmatched on both sides are two businesses, which
  // conflict as unmatched words do, at this share of their weight: IRAN
  // NUCLEAR REGULATORY AUTHORITY is not the IRANIAN COMMUNICATIONS
  // REGULATORY AUTHORITY, nor Saudi Arabian Gas Company the Oil Company. A
  // word on the other side that is not a company word (a Chinese trade name
  // read in pinyin against its English translation) does not count. 0 = off.
  double business_word_conflict = 0.5;
  double legal_form_mismatch = 0.047;
  // Legal forms of another kind of body on each side, a non-profit's (ANO)
  // against a company's (LLC, JSC, Inc, Corp, LP): the score is
  // multiplied by this after the mismatch above. 1 = off.
  double legal_kind_conflict_factor = 0.7;
  // Numbers identify ("Research Institute No. 11" is not "No. 12"): when both
  // names carry numbers and none of the query's numbers is matched, the
  // score is multiplied by this.
  double number_mismatch_factor = 0.8;
  // Series marks (PreparedForm::series_mask): numbers that tell apart the
  // members of one family rather than unrelated bodies: a securitisation's
  // year and series ("Mortgage Loan Trust 2004-1" / "2004-2" / "2005-1"),
  // and a vessel's closing hull number (sister ships "SNOW STORM 1" /
  // "SNOW STORM 2"). Left unmatched on both sides, such marks pair with
  // each other and the score is multiplied by this instead of
  // number_mismatch_factor: another member of the family is worth a look,
  // not the same name ("Research Institute No. 11" / "No. 12" stays a
  // number mismatch).
  double series_factor = 0.8;
  // Two names both written in Latin script: a phonetic-key match (the key
  // drops vowels and merges consonant classes, so "katie" ~ "qado") counts
  // only when the spellings also have this Jaro-Winkler similarity (or the
  // same letters in another order, a transposition typo). Names
  // romanised from abjads (Arabic, Hebrew) keep plain phonetic matching,
  // since their vowels are guessed.
  double phonetic_min_jw = 0.8;
  // Tokens romanised from Chinese (pinyin) of at most this many letters are
  // single syllables, i.e. one character each: they match by key (exact,
  // variant) only, never by edit distance or phonetic key ("ming" is not
  // "ping", "cheng" is not "chen"). Korean syllables up to this length keep
  // their onset and their "a" vowel. 0 turns the rules off.
  double pinyin_syllable_max = 6;
  // Feminine and masculine forms of a name (Maria / Mario, Ivanova / Ivanov)
  // name different people: they are not paired by edit distance.
  bool gendered_forms_differ = true;
  // "X bin Y" names X, child of Y: when both names hold the same connector
  // (bin, ibn, ben, bint, ould) and the names on its two sides trade places
  // ("SALMAN BIN MUHAMMAD" vs "MUHAMMAD BIN SALMAN"), they are different
  // people; the score is multiplied by this.
  double patronym_swap_factor = 0.6;
  double order_penalty = 0.05;     // times the fraction of inverted pairs
  double rotation_penalty = 0.03;  // when the reordering is a rotation (surname first)
  // A person's name in Han, Hangul or kana: its given name is a sequence of
  // syllables, and the same syllables in another order ("광수" Gwang-su vs
  // "Su-Kwang") are another name; a reordering that is not a rotation (the
  // family name moved) costs this times the fraction of inverted pairs.
  double order_penalty_syllabic = 1.0;
  // A person's name against an organisation's: two plain words (not places)
  // of each paired only approximately and in reversed order, with no word
  // of the person's name paired exactly, multiply the score by this.
  double org_words_reversed_factor = 0.9;
  double joined_min = 0.843;  // joined-string ratio needed to count
  // The joined texts do not count when they agree only in whole words at
  // their ends and the words between them are less alike than
  // joined_rest_min (JoinedEndsDiffer: "SES INTERNATIONAL CORP" / "MKS
  // INTERNATIONAL"; the words of "Abbas PIR ABASSI" / "Abbas PIRABBASI"
  // between the shared ends are 0.78 alike). false = off.
  bool joined_ends_differ = true;
  double joined_rest_min = 0.55;
  double joined_factor = 0.97;
  // The joined texts do not count when a number of either name is left
  // unmatched: a number is no split word ("Bowne Global Solutions" joined
  // is 0.92 of "Bowne Global Solutions 2" joined), unless they are the same
  // (a code written apart: YV-2726 / YV2726).
  bool joined_keeps_numbers = true;
  // The same letters with a word boundary moved, as many words on each
  // side ("AREFULLAHA REF" / "AREFULLAH AREF"): scored as the joined texts
  // are (joined_factor), when every word that differs has at least this many
  // letters ("Li Nan" / "Lin An" are two Chinese names); 0 = off.
  int shifted_boundary_min_len = 3;
  // A Han, Hangul or kana query that is a person's name (no legal form or
  // company word) keeps the syllabic person rules above against a list name
  // that has no legal form or company word either, whatever the listed
  // entity's schema: a LegalEntity or vessel called "Su Bin" is compared
  // name to name ("수빈 최" leaves out a family name).
  bool syllabic_rules_by_name = true;
  // Under the syllabic person rules a token that repeats a matched one is
  // another syllable of the name ("성호 성훈" Seong-ho Seong-hun has two
  // 성), not a repeat: it costs like any unmatched token.
  bool syllabic_repeats_cost = true;
  // A token that repeats a matched one costs nothing ("Sergey Sergey
  // Shoigu"), unless the other name has an unmatched word: then the repeat
  // stands in that word's place and costs like any unmatched token
  // (ABDUL KABIR ABDUL JAN is not ABDUL KABIR MOHAMMAD JAN).
  bool repeats_fill_place = true;
  // The Korean syllable rules (onset, vowel "a") also for pairs of the
  // variant table ("jung" is not "young").
  bool korean_onset_variants = true;
  // ... and, when both end in a consonant, their final consonant (김 "kim"
  // is not 길 "kil", 현 "hyon" is not 혁 "hyok").
  bool korean_coda = true;
  // The transposition exception of phonetic_min_jw needs two neighbouring
  // letters swapped ("sko" / "sok"), not any anagram ("sima" / "sami").
  bool transposition_adjacent_only = true;
  // Two names both written in Latin script: a Jaro-Winkler pair also needs
  // this edit similarity, 1 - d / max(len) with d the edit distance counting
  // a swap of neighbours as one edit, on the texts or the canonical keys.
  // Jaro-Winkler rewards a shared prefix: "martinez" / "martelly" (0.89),
  // "petropars" / "petrokick" (0.84) rewrite half their letters. 0 = off.
  double jw_min_edit_ratio_latin = 0.6;
  // ... and when the names are scored as an organisation's, at most this
  // many edits (the same distance) on the texts or the canonical keys:
  // company names are coined from a shared stem, and Jaro-Winkler's prefix
  // bonus pairs the stem's other coinages ("volkswerk" / "volkswagen",
  // "petromechanical" / "petrochemical", "rostfinance" / "evrofinance",
  // "sovcomflot" / "sovcombank" are 4 to 5 edits apart). People's names
  // keep the ratio alone: their transliterations differ in more letters
  // ("gienadzjevich" / "gennadevich"). 0 = off.
  int jw_max_edits_org = 3;
  // Compound names of one ending (-uddin, -ullah: Shamsuddin / Shahabuddin,
  // Hamidullah / Obaidullah, Nasrallah / Harzallah) are different names
  // when their stems differ: an approximate pair of two such words also
  // needs its stems to pair, by Jaro-Winkler at pair_floor or by the same
  // phonetic or variant key (Norullah / Nurullah keep theirs). The shared
  // ending made Jaro-Winkler pair them.
  bool compound_stems = true;
  // A phonetic pair with a token romanised from Arabic script (an abjad: the
  // consonants are written, short vowels are not) also needs the same
  // consonant skeleton: PhoneticKey merges a consonant repeated across a
  // vowel, so "mhdi" (mahdi) and "muhammad" share the key MT, but the
  // Arabic spelling writes every consonant (محمد m-h-m-d), so a name with
  // one m less is another name. 0 = off, 1 = Arabic script, 2 = Arabic and
  // Hebrew script.
  int strict_phonetic_abjad = 1;
  // Devanagari and Bengali write every vowel (abugidas: vowel signs, an
  // inherent "a"), so its romanisation is spelled like a Latin name: a phonetic pair
  // with it needs similar spellings and a Jaro-Winkler pair needs the edit
  // similarity, as between two Latin names ("mahato" is not "muhammad").
  bool indic_spelled = true;
  // Cyrillic writes its vowels, but its readings of foreign names and the
  // romanisation systems respell them (Charlene шарлин "sharlin", 0.78): a
  // phonetic pair with a name romanised from Cyrillic and a Cyrillic or
  // spelled one (Latin, Devanagari, Bengali: dhruv is not tatriyev, 0.49)
  // needs this Jaro-Winkler similarity, lower than
  // phonetic_min_jw (fedotov is not vakhitov, 0.49; kulik is not colic,
  // 0.60). 0 turns the rule off.
  double cyrillic_phonetic_min_jw = 0.6;
  // A token romanised from Arabic script that ends in a written long "i"
  // (ی / ي after a consonant: the nisba, Ahmadi "of Ahmad", Mohammadi) is
  // another name than one ending in a consonant ("ahmad", "mohammad"): not
  // paired approximately.
  bool abjad_final_i_differs = true;
  // An East Slavic patronymic (Ivanovich, Ivanovna) is not paired
  // approximately with the family name built on its stem: "Vladimirova" is
  // not "Vladimirovna", "Petrov" is not "Petrovich".
  bool patronymic_not_surname = true;
  // "Abu" (father of) and "Abd" (servant of, with its Abdul, Abdel, Abdur
  // spellings) are different words one letter apart: not paired
  // approximately ("Abu Ahmad" is not "Ahmad al-Abd").
  bool abu_not_abd = true;
  // A query with three or more name parts whose patronymic the list name
  // lacks (the list has none): the patronymic costs this per weight, as an
  // extra list token does, instead of unmatched_query, and no conflict
  // ("Андрей Вечиславович ПЛОТНИЦКИЙ" vs "PLOTNITSKIY, Andrey"). Negative:
  // off.
  double unmatched_query_patronymic = 0.3;
  // A person's list name of at least two parts that the query holds whole:
  // every list token matched at contained_min_sim or better, the query's
  // first token among them, and only the query keeping unmatched tokens
  // (names given with the father's and grandfather's names: "JANAN MOHAMMAD
  // AHMED AGHA" vs "JANAN AGHA"). Those tokens cost this per weight, as
  // extra list tokens do, instead of unmatched_query. Negative: off.
  double unmatched_query_contained = 0.4;
  double contained_min_sim = 0.95;
  // ... and when the query's first token is left over too, if the list name
  // held whole has at least this many name parts (PreparedForm::
  // name_parts: the Arabic article and lineage connectors aside): an alias
  // that drops the first
  // given name (Emmanuel Ramazani SHADARI MULANDA / Ramazani SHADARI
  // MULANDA). Two-part list names still need the query's first token
  // (Juan Carlos RODRIGUEZ is not Carlos RODRIGUEZ). 0 = off.
  int contained_without_first_min = 3;
  // In a person's name the list holds every query word of (nothing of the
  // query left over): an unmatched list word that repeats an earlier
  // unmatched one (the same canonical key: AKHTAR MOHAMMAD MANSOUR SHAH
  // MOHAMMED) costs once, as a matched word's repeat costs nothing.
  bool unmatched_repeat_once = true;
  // The Arabic article "al" (ال, AL-; el-, whose canonical is "al") left
  // unmatched costs this share of its
  // weight: Latin spellings of Arabic names often drop it (Kuntar for
  // القنطار "al qntar", Fehri for الفهري). 1 = as any stopword; 0.3 and 0
  // found no more (docs/scoring.md, "Arabic article round").
  double unmatched_article = 0.5;
  // A lineage connector (bin, ibn, bint, ould) left unmatched: OTHMAN AHMED
  // OTHMAN writes Othman bin Ahmed bin Othman without them. It costs this
  // share of its weight and is no conflicting word.
  double unmatched_lineage = 0.5;
  // A place in an organisation's name written in Han or Hangul (武汉 Wuhan,
  // 香港 Hong Kong) that the other name leaves out costs this share of what
  // an unmatched token of its weight costs, and no conflict: English names
  // of Chinese companies often drop the place of registration or give
  // another. 1: a word like any other.
  double place_unmatched = 0.5;
  // An organisation's name in Latin letters ending "of" and a country after
  // a word of its own (SBERBANK OF RUSSIA): those words count as such a
  // place.
  bool country_tail_place = true;
  // Places left unmatched on both sides are two places (武汉 against 北京,
  // OF THE REPUBLIC OF BELARUS against OF THE RUSSIAN FEDERATION): they
  // cost and conflict as other words do.
  bool places_both_sides_conflict = true;
  // A city or country that ends a query after the name proper
  // (PreparedToken::address: "ROSOBORONEXPORT JSC MOSCOW RUSSIA"), left
  // unmatched against an organisation's name whose every word is matched,
  // costs this share of what another word of its weight costs, and no
  // conflict. Against a name with words of its own left over (Bank of China
  // / Bank of India), or a person's, it counts in full.
  double address_unmatched = 0.2;
  // An address of more words costs as much as one of this many (its words
  // share the cost): the words a town and country take (ABU DHABI UNITED
  // ARAB EMIRATES) say nothing of the name.
  int address_max_words = 2;
  // The name of the person an organisation is named after (the first word
  // after "named after" and the initials: DEGTYAREVA in ZAVOD IMENI V.A.
  // DEGTYAREVA), left out by the other name, costs this share of what an
  // unmatched token of its weight costs (short names drop it: AO KB ARSENAL
  // for KONSTRUKTORSKOE BYURO ARSENAL IMENI M.V. FRUNZE); two different
  // eponyms still conflict. 1: a word like any other.
  double eponym_unmatched = 0.5;
  // Both names have such a person and neither is matched: the score is
  // multiplied by this (as number_mismatch_factor for numbers).
  double eponym_mismatch_factor = 0.8;
  // In a person's name an unmatched initial on both sides, or an initial
  // against an unmatched name part, is a substituted name part: initials
  // count in the conflict term ("Hans O Friedrich" vs "Hans Joachim
  // Friedrich"). (In organisation names single letters are series marks
  // and acronyms.)
  bool conflict_initials = true;
  // An initial of the query that agrees with a list name part's first
  // letter is aligned with it although sim_initial is below pair_floor (it
  // earns its similarity as credit; before, no initial was ever aligned:
  // "Hans J Friedrich" left "J" and "Joachim" both unmatched). Only query
  // initials: a list initial ("HE, Daniel Y.") would pair with any query
  // name of that letter ("Daniel Young"); nor for a query of initials only
  // ("N.N.").
  bool initials_pair = true;
  // A foreign name transcribed into kana, Hangul or Chinese characters and
  // read back (the loanword readings, docs/text_pipeline.md) keeps its
  // consonants but not their voicing or the l/r and sibilant contrasts
  // (Chinese 波 for p and b, katakana ル for l and r, Hangul 치 for ć and
  // ch). A token of such a reading and a Latin token whose phonetic keys
  // agree after merging b/p, r/l and s/sh/ch/j, and that keep at least
  // `transcription_min_key` consonant classes, count this much. 0 = off.
  double sim_transcription = 0.88;
  int transcription_min_key = 4;
  // A key of one class fewer also counts when the two spellings have this
  // Jaro-Winkler similarity (0 = never).
  double transcription_short_min_jw = 0.8;
  // A loanword reading also pairs with the Latin token respelt as the
  // loanword scripts write foreign names (text::LoanwordPhoneticKey: r and
  // l after a vowel dropped before a consonant and at the end, m before a
  // labial as n, ...: Markel / 马克尔 "makl", Maunder / 蒙德 "mend"), by
  // the same key rules.
  bool loanword_respelling = true;
  // The same for names romanised from Arabic script (ب b/p, ج j/g) and
  // Hebrew (ב b/v, פ p/f, ש s/sh). 0 = off.
  int transcription_abjad = 1;
  // A person's name whose every word is found in a longer listed name (list
  // words left unmatched), one of them only approximately (a phonetic,
  // fuzzy or transcription pair), carries two doubts at once: "Celia
  // Franco" / "MADRID FRANCO, Cecilia". Its score is multiplied by this.
  // List words that a query often leaves out do not make the listed name
  // longer: a patronymic, a lineage connector and the ancestor's name after
  // it ("bin Muhammad"). 1 = off.
  double approx_partial_factor = 0.93;
  // Two words that both hold digits (codes: the aircraft YV2944 and
  // YV2943, hull and registration numbers) pair approximately only when
  // their digits are the same, in order: a digit is an identity, not a
  // spelling. false = off.
  bool code_digits_differ = true;
  // In an organisation's name, a word of at most this many letters on
  // either side of a pair between spelled (or translated) names is an
  // acronym or a code (ABB, IIB, SSM; MTU and ASBL, both read as
  // "non-profit association"), whose letters are not a spelling: when it is
  // its name's only token besides legal forms, it pairs only with the same
  // text, not as a spelling variant, by phonetic key, Jaro-Winkler or
  // Levenshtein (ABB / AAB, IBM / IIB). 0 = off.
  int short_org_words = 3;
  // In an organisation's name, a word that spells the initials of a run of
  // the name's other words (Российская венчурная компания (РВК), RUSSIAN
  // RAILWAYS (RZD) against the Russian name) restates the name: left
  // unmatched it costs nothing (PreparedForm::restated_mask).
  bool restated_initials_free = true;
  // An organisation's name whose only words left over, all on one side,
  // say what kind of body it is (company, corporation, centre, society,
  // design bureau, the, of: "ПЛАНАР" / "THE PLANAR COMPANY", "Центр
  // Катехон" / KATEHON, OKB SUKHOI / SUKHOI),
  // every other word paired on its spelling (exact or variant): those
  // words cost this share of what they would. Words that name a line of
  // business (bank, systems, trust, engineering) keep their cost: they set
  // apart the companies of one group (VEB.RF / VEB ENGINEERING, CRYSTALORD
  // LTD / CRYSTALORD SYSTEMS LIMITED). 1 = off.
  double type_words_extra = 0.5;
  // A variant pair (one VariantKey) of words of at least this many letters
  // scores its spellings' fuzzy similarity when that is above sim_variant
  // (TokenSimilarity). 0 = never.
  int variant_fuzzy_min_len = 12;
  // A name whose words are all paired by their phonetic keys alone, with
  // spellings less alike than phonetic_min_jw (two or more pairs; the
  // spelling test applies between scripts too): the keys drop vowels and
  // merge consonant classes, so two such pairs are two coarse agreements
  // ("Unni Jain" / "YIN CHIN", "Martha Morris" / "مرتضی میرزایی"). Its
  // score is multiplied by this. 1 = off.
  double phonetic_only_factor = 0.88;
  // ... also when the listed entity is not a person but its name is a
  // person's (no legal form or company word, as syllabic_rules_by_name): a
  // LegalEntity "STEPHEN EDWARD SMITH" against the query "Stephanie Smith".
  bool approx_partial_by_name = true;
  // Korean syllables paired approximately also keep their glide (the y or w
  // after the onset: 현 "hyeon" is not 훈 "hun", 광 "kwang" is not 강
  // "kang") and a plain vowel "i" (식 "sik" is not 숙 "suk"); every
  // romanisation writes these alike.
  bool korean_glide_vowel = true;
  // A Jaro-Winkler or Levenshtein pair with a token romanised from Arabic
  // script keeps its consonants: between two names in Arabic script the
  // consonant skeleton, as phonetic pairs (strict_phonetic_abjad: "hmydy"
  // Hamidi is not "ahmdy" Ahmadi); against another script, whose
  // transcriptions add or merge consonants, the first consonant ("fsil"
  // فصيل is not "sial").
  bool strict_fuzzy_abjad = true;
  // A person's name written in Han, Hangul or kana has no legal forms: a
  // token of one romanised syllable that the tables read as a legal form or
  // company word (유 "yu", 欧 "ou", 沙 "sha") is a name part.
  bool syllabic_no_legal_forms = true;
  // Under the syllabic person rules the joined-string comparison needs the
  // same syllables (joined texts equal; Korean with r/l, g/k, d/t, b/p
  // merged: "riyongju" / "LI Yong-ju") and a list name of two or more
  // parts: "zhiqiangwang" is not "ZHIQING, Wang", 军 翟 "jun di" is not the
  // one-word name "JUNDI".
  bool syllabic_joined_exact = true;
  // The joined-string comparison leaves out the word "and": text folding
  // reads "&" between words as "and" but drops it inside an acronym, so
  // "AT&T" is "att" and "AT and T" would be "atandt".
  bool joined_without_and = true;
  // The joined-string comparison also reads the list name's words rotated
  // (surname first: "Abdulrahman Ali" / "ALI, Abdul Rahman"), its ratio
  // multiplied by 1 - rotation_penalty; names without legal forms only, and
  // rotations whose text begins or ends with the query's letter.
  bool joined_rotations = true;
  // A token that is the other with one letter added in front ("invidia" /
  // "nvidia") pairs at its edit ratio 1 - 1 / longer length, without the
  // length factor, when the shorter has at least this many letters (0: off).
  int leading_letter_min_len = 5;
  // When both forms have legal forms, the joined-string comparison also
  // reads them without only the legal forms they share, the others kept as
  // words.
  bool joined_shared_legal = true;
  // When only one form has legal forms, all at one end of its joined text
  // (the other's legal form misspelled, so read as words), the whole-text
  // ratio is at most the ratio of that form's text without legal forms to
  // the same length at the same end of the other's: a shared long legal
  // form ("obshchestvo s ogranichennoi otvetsvennostu ekogrupp" / "...
  // KOURF") does not make two companies the same.
  bool joined_core_at_end = true;
  // A name of two or more initials only, not read as an organisation's
  // ("S.M.G." screened without a schema), also gets the form of its
  // letters written together ("smg"), as an organisation's acronym has.
  bool initials_acronym_form = true;
  // An organisation's name of several words against one word written in
  // capitals (or an organisation's name of one word) that spells the
  // initials of those words: KUMZ for Kamensk-Uralskiy Metallurgicheskiy
  // Zavod, ЧМК "chmk" for Chelyabinskiy Metallurgicheskiy Kombinat, RDIF
  // for Russian Direct Investment Fund (legal forms, stopwords and numbers
  // left out; a word's first letter may be a romanised digraph: ch, sh,
  // zh, kh, ts, ya, yu, ye, yo, shch). The name scores this for an acronym
  // of three letters and sim_acronym_long for a longer one, unless its
  // words score higher. 0 = off.
  double sim_acronym = 0.72;
  double sim_acronym_long = 0.82;
  // A name matched through a quoted part of either name (its trade name:
  // Государственное унитарное предприятие Республики Крым «Черноморнефтегаз»
  // against PJSC CHERNOMORNEFTEGAZ) scores this share of the pair's score,
  // so that an entity named so in full ranks above one matched by its
  // quoted part alone (ZVEZDA PJSC against JSC "NPP "ZVEZDA" NAMED AFTER
  // ...). Explanation key "quoted_part".
  double quoted_part_factor = 0.95;
  // The same for a name matched without its parts in parentheses (an
  // abbreviation or brand the other name leaves out: RUSSIAN RAILWAYS
  // (RZD) JOINT STOCK COMPANY). Explanation key "unbracketed".
  double unbracketed_factor = 0.95;
};
const ScorerParams& DefaultScorerParams();
// For calibration drivers only: replaces the process-wide parameters.
// REQUIRES: no concurrent scoring.
void SetScorerParams(const ScorerParams& params);

// Token rarity over a corpus of names; 0 = very common, 1 = rare/unseen.
class TokenStats {
 public:
  virtual ~TokenStats() = default;
  virtual double Rarity(const text::Token& token) const = 0;
};

inline constexpr uint32_t kNoTokenId = 0xffffffffu;

// Aligned to a cache line, with every member but the strings first: a list
// name's tokens are walked for every candidate, and ScoreName's first pass
// reads only those members (the code point counts text_len and canon_len
// stand in for the strings' sizes), which then lie in the token's first
// two cache lines. The strings follow them; only the similarity metrics
// and the explanations read those.
struct alignas(64) PreparedToken {
  // Code points mod 64 present in text_cp / canon_cp (0 = not computed);
  // give cheap upper bounds of the fuzzy similarities.
  uint64_t text_set = 0;
  uint64_t canon_set = 0;
  // The first four code points of text_cp / canon_cp, 16 bits each from the
  // lowest (CodePointHead in scorer.cc), for the Winkler prefix in those
  // bounds: the first pass reads them here, not from the strings' buffers,
  // which are one more cache line per token away.
  uint64_t text_head = 0;
  uint64_t canon_head = 0;
  // List tokens: a dense id shared by every token the similarity cache
  // treats alike (SameCachedToken; assigned by InternTokens), which keys
  // the per-query similarity cache. kNoTokenId = not interned.
  uint32_t id = kNoTokenId;
  float weight = 1;
  // 32-bit FNV-1a hashes of text, canon and phonetic (phonetic: 0 when it
  // is shorter than two bytes, which never matches), for ScoreName's first
  // pass: equal strings have equal hashes, so unequal hashes rule a key
  // match out. Set with the form (FinishForm, which every prepared form
  // goes through).
  uint32_t text_hash = 0;
  uint32_t canon_hash = 0;
  uint32_t phonetic_hash = 0;
  // The same for the phonetic key read with every transcription merge
  // (b/p, r/l, sibilants ...; 0 when nothing is left): equal for the token
  // pairs the transcription key can pair.
  uint32_t transcription_hash = 0;
  // The same for a token of a Latin-script form read as the loanword scripts
  // write it (text::LoanwordPhoneticKey; 0 when that changes nothing or the
  // form is not in Latin script): equal to a loanword reading's
  // transcription_hash for the pairs the loanword key can pair (Markel and
  // 马克尔 "makl").
  uint32_t loan_hash = 0;
  // The same for the respelling that keeps an l after a vowel
  // (text::LoanwordPhoneticKey's keep_l); 0 when it is loan_hash's key.
  uint32_t loan_l_hash = 0;
  // text::FamiliarFormBits of the token (Bill / William): the bit of its
  // full name and the bits of the full names it is a familiar form of.
  uint32_t full_name_bit = 0;
  uint32_t familiar_bits = 0;
  // 16-bit hashes (0 = none) of the token's place key (PlaceKey in
  // scorer.cc: the stem of a Russian place adjective, or a word's possible
  // place stem; a query's tokens keep it only in an organisation's name)
  // and of its Slavic surname ending key (SlavicEndingKey: Belarusian -au /
  // -eu against Russian -ov / -ev). Equal hashes only admit a pair to the
  // check of the keys themselves.
  uint16_t place_hash = 0;
  uint16_t slavic_hash = 0;
  // The same for its Belarusian respelling key (BelarusianKey in scorer.cc:
  // akanye and the other sounds Belarusian spellings write, undone).
  uint16_t belarusian_hash = 0;
  // The same for the rime of a Korean name syllable with the onset ㅈ,
  // spelt "j" or "ch" (KoreanJRime in scorer.cc: JANG / CHANG "ang").
  uint16_t korean_j_hash = 0;
  text::TokenKind kind = text::TokenKind::kWord;
  bool canon_is_text = false;    // canon_cp == text_cp (false: unknown)
  bool place_adjective = false;  // the token is a Russian place adjective
  // Its place key is that of another spelling (Kharkiv: kharkov).
  bool place_respelt = false;
  bool belarusian_ending = false;  // the token ends in Belarusian -au / -eu / -ou
  bool belarusian_mark = false;    // it is spelt as Belarusian (BelarusianMark)
  // A stopword or a company word of the plain kinds (company, centre, ...):
  // TypeWord in scorer.cc, for type_words_extra.
  bool type_word = false;
  bool patronymic = false;      // an East Slavic patronymic (Ivanovich, Ivanovna)
  bool lineage = false;         // a lineage connector (bin, ibn, ben, bint, binti, ould)
  bool lineage_inside = false;  // ... neither the form's first token nor its last
  // A place read in an organisation's Han or Hangul name (text::Token::
  // place): left unmatched it costs ScorerParams::place_unmatched of its
  // weight and no conflict.
  bool place = false;
  // The Arabic article (a stopword whose canonical is "al": al, el): left
  // unmatched it costs ScorerParams::unmatched_article of its weight.
  bool article = false;
  // The person an organisation is named after (ScorerParams::
  // eponym_unmatched).
  bool eponym = false;
  // Read as the loanword scripts write a foreign word: a token of a loanword
  // reading (FormScript::loanword), or text::Token::loanword.
  bool loanword_reading = false;
  // A query's last word of at least ScorerParams::truncated_min_letters, in
  // a name of at least truncated_min_chars characters: a message field may
  // have cut it short, so it pairs with the list words it begins
  // (MarkQueryWords; sim_truncated).
  bool may_be_truncated = false;
  // A query's last word (other than a legal form) where a message field cut
  // the name just after it (QueryCut::ends_cut(); MarkQueryWords): the list
  // words after the one it pairs with, not approximately, count as cut off
  // (truncated_tail_unmatched) when a plain word of the name has a pair.
  bool ends_cut = false;
  // A compound name ending in -uddin (1: Shams-ud-din, Nasreddine) or
  // -ullah (2: Habibullah, Nasrallah), with the length in bytes of the stem
  // before the ending (CompoundOf in scorer.cc; 0: neither).
  uint8_t compound = 0;
  uint8_t compound_stem = 0;
  // A query's trailing city or country after the name proper, as an address
  // appended to it writes it (MarkQueryWords; address_unmatched).
  bool address = false;
  // The share of address_unmatched an unmatched address word costs: an
  // address of more than ScorerParams::address_max_words words costs as
  // much as one of that many (ABU DHABI UNITED ARAB EMIRATES as two).
  float address_share = 1.0f;
  // text_cp.size() and canon_cp.size(), set with them (MakeToken).
  uint32_t text_len = 0;
  uint32_t canon_len = 0;

  std::string text;
  std::string canon;
  std::string phonetic;
  std::u32string text_cp;
  std::u32string canon_cp;
};

// What a form's romanisation system says about its tokens.
struct FormScript {
  bool latin = false;   // written in Latin script
  bool pinyin = false;  // romanised from Chinese characters
  // The North Korean reading of Hangul: it merges vowels the other readings
  // keep apart (ㅓ/ㅗ o), so its syllables match approximately only with the
  // same vowels ("kyong" ~ "gyong", not "jun" ~ "jin").
  bool dprk = false;
  bool korean = false;  // romanised from Hangul
  // Han, Hangul or kana: scripts without initials, so a one-letter token is
  // a whole name (Korean 이 "i", 오 "o"), not an abbreviation.
  bool syllabic = false;
  // Latin script, or Cyrillic romanised with its vowels: a final -a / -o
  // there is written, not guessed.
  bool gendered = false;
  // Holds a man's East Slavic patronymic (-ovich, -avich): the name is a
  // man's, so none of its words is a woman's form (set by FinishForm).
  bool male = false;
  // Romanised from Arabic / Hebrew script (set by AddNativeForm).
  bool arabic = false;
  bool hebrew = false;
  bool indic = false;  // romanised from Devanagari or Bengali (set by AddNativeForm)
  // Romanised from Cyrillic (BGN, ICAO, scientific), an alphabet that writes
  // its vowels.
  bool cyrillic = false;
  // A Latin name's Wade-Giles syllables respelt in pinyin (CHENG "zheng"):
  // spelled as the Latin name is, so its approximate pairs pass the same
  // spelling tests (Spelled).
  bool wade_giles = false;
  // A loanword reading of kana, Hangul or Chinese transcription characters.
  bool loanword = false;
  // Romanised from Hangul or kana, which write a foreign v and f with the
  // letters of b and p (바, ヴ/ブ; 파, フ) where Chinese keeps f apart (set
  // by AddNativeForm).
  bool labials_merged = false;
  // A company's translated form (text::NameForm::system "translated"): the
  // English words and trade names of a Han or Hangul name (大疆 "dji").
  bool translated = false;
};

struct PreparedForm {
  std::vector<PreparedToken> tokens;
  std::string system;
  FormScript script;      // from `system`
  std::u32string joined;  // token texts concatenated, no separators
  // `joined` without the legal forms; empty when the form has none.
  std::u32string joined_core;
  // How many of joined's (joined_core's) code points fall in each class of
  // code point mod 32 (at most 255): the bounds' limit on the edit distance
  // of two joined texts, which reads neither. Set with the texts, by
  // FinishForm, the only writer of both.
  std::array<uint8_t, 32> joined_counts{};
  std::array<uint8_t, 32> joined_core_counts{};
  // The largest and the least weight of its tokens other than legal forms
  // (0 and infinity without any) and the largest of its legal forms' (0
  // without any): what the bounds weigh its pairs with (set by FinishForm,
  // after the weights).
  float max_weight = 0;
  float min_weight = std::numeric_limits<float>::infinity();
  float legal_weight = 0;
  // Bit j set: token j's canonical key is also another token's (or j >= 64).
  // All set until computed (SetRepeatMask), which only loosens ScoreName's
  // pruning bound.
  uint64_t repeat_mask = ~uint64_t{0};
  // Bit j set: in an organisation's name, token j spells the initials of a
  // run of the form's other words (Российская венчурная компания (РВК)); it
  // restates the name and costs nothing when unmatched (also in
  // repeat_mask).
  uint64_t restated_mask = 0;
  // Bit j set: token j is a series mark by its shape: a year (1900-2099)
  // and the token with digits after it ("Trust 2004-1", "2005-AR16").
  uint64_t series_mask = 0;
  // Bit j set: token j is a number of at most four digits that closes the
  // name (legal forms aside), the hull number of a vessel in a series; a
  // series mark when either name is a vessel's.
  uint64_t tail_number = 0;
  bool vessel = false;  // a vessel's name (PreparedName::vessel)
  // How many first tokens (0-2) spell a vessel-type prefix (MV, M/T, SS,
  // ...) before a name: free when either name is a vessel's.
  uint8_t vessel_prefix = 0;
  // Its name parts: words, not counting the Arabic article or a lineage
  // connector (ScorerParams::contained_without_first_min; 255 at most).
  uint8_t name_parts = 0;
  bool org_tokens = false;   // holds a legal form or company word
  bool patronymics = false;  // holds a patronymic
  // The form of a quoted part of the name (text::NameForm::quoted): scored
  // against the other name's whole forms only, and not in OFAC parity.
  bool quoted = false;
  // The form of the name without its parts in parentheses (text::NameForm::
  // unbracketed): not scored against the other name's such form (BANK OF
  // CHINA (HONG KONG) is not BANK OF CHINA (AUSTRALIA)), nor in OFAC parity.
  bool unbracketed = false;
};

// Aligned to a cache line, with the members ScoreName reads for every
// candidate name first.
struct alignas(64) PreparedName {
  std::vector<PreparedForm> forms;
  bool org = false;     // scored with the organisation rules
  bool vessel = false;  // a vessel's: every form's PreparedForm::vessel
  // A LegalEntity's name analysed as a person's (PersonShapedName).
  bool read_as_person = false;
  // For scripts whose romanisation loses distinctions (Han, Hangul, kana,
  // Thai and scripts without a romaniser), the script of the folded native
  // tokens (`native`): two names in the same such script are compared on
  // these instead.
  Script script = Script::kUnknown;
  // Acronyms (ScorerParams::sim_acronym), as 32-bit hashes (0 = none) of
  // the initials of an organisation's forms of 3..8 words (`initials`) and
  // of the one word of a name that may be an acronym (`acronym_word`, 3..8
  // letters a-z; for a name that is not an organisation's only when
  // written in capitals), with the length of the last form's word. At most
  // a few distinct values over the forms.
  std::array<uint32_t, 4> initials{};
  std::array<uint32_t, 2> acronym_word{};
  uint8_t acronym_len = 0;
  // A query's name cut inside a legal form at its end, which its analysis
  // left out (QueryCut::cut_next): that form's first letters, at most 7,
  // NUL-terminated (MarkQueryWords; QueryForm::cut_next).
  std::array<char, 8> cut_next{};
  // The folded native tokens (see `script`), last: ScoreName reads the
  // members above for every candidate name, these only for two names in
  // the same such script.
  PreparedForm native;
};

// Query-side token: also holds cached scorers for its text and canon key.
struct QueryToken {
  const PreparedToken* token = nullptr;
  uint32_t qid = 0;  // index among the query's distinct tokens
  CachedCodePoints text;
  CachedCodePoints canon;
};

struct QueryForm {
  const PreparedForm* form = nullptr;
  std::vector<QueryToken> tokens;
  CachedCodePoints joined;
  uint64_t joined_hash = 0;       // JoinedHash(form->joined) (NameDigest's bound)
  CachedCodePoints joined_core;   // PreparedForm::joined_core
  CachedCodePoints spaced;        // token texts joined with single spaces (OFAC parity)
  std::vector<uint32_t> soundex;  // per token, packed (SoundexCode; OFAC parity)
  // For ScoreName's first pass (PrepareQueryForm): half the summed weight
  // and the number of the tokens other than legal forms (the largest
  // legal-form weight is the form's: PreparedForm::legal_weight).
  double half_weight = 0;
  int num_plain = 0;
  // A token may have been cut short (PreparedToken::may_be_truncated): the
  // list words after the one it pairs with cost truncated_tail_unmatched.
  bool has_truncated = false;
  // PreparedName::cut_next (PrepareQuery): the list word after the pair of
  // the token the name was cut after (PreparedToken::ends_cut) must be a
  // legal form or begin with these letters for the words after it to count
  // as cut off.
  std::array<char, 8> cut_next{};
  // The order in which the first pass visits the tokens: heaviest first,
  // so that a heavy token without a pair stops it early (PrepareQueryForm).
  std::vector<uint8_t> bound_order;
};

struct PreparedQuery {
  PreparedName name;
  std::vector<QueryForm> forms;
  QueryForm native;           // valid when name.native has tokens
  uint32_t num_distinct = 0;  // distinct tokens over all forms (QueryToken::qid)
};

// True for schemas scored with the organisation rules.
bool IsOrgSchema(Schema schema);

// Analyses and prepares one name. `stats` may be null (all tokens rare).
PreparedName PrepareName(std::string_view raw, Schema schema, const TokenStats* stats);
// Prepares the analysed forms of a name of `schema` (organisation rules for
// IsOrgSchema, PreparedForm::vessel for a vessel's).
PreparedName PrepareForms(const std::vector<text::NameForm>& forms, Schema schema,
                          const TokenStats* stats);
// Fills name.script / name.native from the raw name.
void AddNativeForm(std::string_view raw, PreparedName& name);
// What the raw query says of how it was written down, read once per query:
// a message field may have cut a long name (ScorerParams::
// truncated_min_chars) inside its last word, inside a legal form at its
// end (text::CutLegalFormStart) or inside a company word of several words
// (text::CompleteOrgPhrase).
struct QueryCut {
  // The name to analyse: without a legal form cut at its end when something
  // is left ("IRAN PETROCHEMICAL COMMERCIAL COMPA" is analysed as "IRAN
  // PETROCHEMICAL COMMERCIAL"; not for a person's name), or with a company
  // word of several words cut inside its last word completed
  // (text::CompleteOrgPhrase); else the raw name.
  std::string analysed;
  // The folded last word that may have been cut short, or "" (a short name,
  // a word under truncated_min_letters or not all a-z, a cut legal form).
  std::string last_word;
  // A company word of several words was completed.
  bool completed = false;
  // With a cut legal form left out after a word of the name: the folded
  // first word of what was left out (SOCI of JOINT STOCK COMPANY PETERSBURG
  // SOCI, which the list word after PETERSBURG must begin: SOCIAL, not
  // INTELLIGENT); "" otherwise.
  std::string cut_next;
  // The field cut the name right after `analysed` ends (either of the two
  // above): the list words after the one the name's last word pairs with
  // are then what the field cut off (PreparedToken::ends_cut).
  bool ends_cut() const { return completed || !cut_next.empty(); }
};
QueryCut InspectQueryName(std::string_view raw, bool person);
// Marks the query's words that are read apart from the list names': the
// last word that may have been cut short (PreparedToken::may_be_truncated),
// and the trailing cities and countries after the name proper
// (PreparedToken::address). Query side only; before PrepareQuery.
void MarkQueryWords(const QueryCut& cut, PreparedName& name);
// The words of a query just before its address (PreparedToken::address)
// that may be a town no table knows, to be read as the address's when a
// listed entity's address has that city: the last word before the address
// (words[0]), the last two (words[1]) ... up to kMaxTailWords (CIUDAD DE LA
// HABANA), folded, one space between; "" where there is none (words and
// stopwords, at least one word among them, a word of the name before them;
// from the first Latin form). After MarkQueryWords.
// With `address_cut` (the name is what a field held before a street address,
// cut off: text::SplitAddress), the name's own last words may be the start
// of that address too (NIREF Boezembolcht, cut before 23 Rotterdam): the
// tail may end the name (at_end), to be read as the address's when a listed
// address's street holds those words.
struct AddressTail {
  static constexpr int kMaxTailWords = 8;
  std::string words[kMaxTailWords];
  bool at_end = false;
  bool empty() const { return words[0].empty(); }
};
AddressTail QueryAddressTail(const PreparedName& name, bool address_cut = false);
// The places a query's trailing address names (PreparedToken::address, in
// the first Latin form): the countries' ISO alpha-2 codes and every run of
// up to five of its words, folded, one space between, as the cities it may
// name, and the words of `tail` (QueryAddressTail: a town no table knows;
// not a tail at the name's end, which may be a street's).
// Empty without address words. After MarkQueryWords.
struct AddressPlaces {
  std::vector<std::string> countries;
  std::vector<std::string> phrases;
  bool empty() const { return phrases.empty(); }
};
AddressPlaces QueryAddressPlaces(const PreparedName& name, const AddressTail& tail);
// Whether a folded word says what kind of place the words before it name
// (city, region, oblast, district ...: MUROM CITY, DONETSK REGION).
bool IsPlaceKindWord(std::string_view folded);
// Marks the `k` (1 to kMaxTailWords) words of `tail` before the address as address
// words too, in every Latin form that has them there. Before PrepareQuery.
void MarkAddressTail(const AddressTail& tail, int k, PreparedName& name);
// REQUIRES: `query` is not moved afterwards (QueryForms point into it).
// `query` may hold an earlier query: its buffers are reused.
void PrepareQuery(PreparedName name, PreparedQuery& query);

// One aligned (or candidate) token pair.
struct TokenPair {
  int q;
  int l;
  double sim;
  uint8_t how;
};

// Reusable buffers for one thread, and the per-query token similarity cache:
// the similarity of query token qid and list token id is computed once per
// query (list tokens repeat across forms, aliases and entities). Call
// BeginQuery() before scoring a new query with interned list tokens.
struct ScratchSpace {
  std::vector<int> q_match;
  std::vector<int> l_match;
  std::vector<TokenPair> pairs;
  std::vector<TokenPair> chosen;
  std::vector<std::pair<int, int>> by_q;
  std::vector<size_t> l_rows;       // per list token of the form being scored
  std::vector<double> q_best;       // per query token: best pair similarity (-1 none)
  std::vector<double> q_best_init;  // ... of its initial-letter pairs
  std::vector<uint8_t> l_paired;    // per list token: has a pair over the floor
  // Cache: memo_stamp[id] == generation means list token `id` owns row
  // memo_row[id] of memo_sim/memo_how (num_distinct entries; -1 = not yet);
  // rows [0, memo_rows) are in use in this query.
  uint32_t generation = 0;
  uint32_t num_distinct = 0;
  uint32_t memo_rows = 0;
  std::vector<uint32_t> memo_stamp;
  std::vector<uint32_t> memo_row;
  std::vector<double> memo_sim;
  std::vector<uint8_t> memo_how;
  // Per cached pair, ScoreName's first-pass bound part (+infinity = not yet).
  std::vector<double> memo_bound;
  // OfacScore's per-query cache of a query part against a list token (its
  // Jaro-Winkler with the Soundex rule), at the pair's place in memo_sim:
  // valid when ofac_row_stamp[row] == generation (then -1 = not yet).
  std::vector<double> ofac_part;
  std::vector<uint32_t> ofac_row_stamp;
};

// Whether two tokens share a row of the similarity cache: the same text,
// canonical key, kind and phonetic key, and the same part from their forms
// (loan_hash, loanword_reading: the same text in a Latin name and in a
// loanword reading pairs differently). Interning (list ids) and the query's
// ids both use it.
bool SameCachedToken(const PreparedToken& a, const PreparedToken& b);

// Gives every distinct list token of `names` (forms and native forms) its
// id (PreparedToken::id), in first-occurrence order; returns the number of
// ids.
uint32_t InternTokens(std::vector<PreparedName>& names);

// Resets the similarity cache for `query`; num_list_tokens bounds the list
// token ids that will be seen.
void BeginQuery(const PreparedQuery& query, uint32_t num_list_tokens, ScratchSpace& scratch);

// The score of one query against one list name, with (optionally) the token
// alignment that produced it. `cutoff`: the caller does not need exact scores
// below it (they may come back as any value below it).
double ScoreName(const PreparedQuery& query, const PreparedName& list, ScratchSpace& scratch,
                 double cutoff, std::vector<TokenMatch>* explain);

// A list name's digest: what the first-pass bound of ScoreName reads of
// the name, its forms and its tokens, copied into one small contiguous
// block (NameDigests). A screener bounds each candidate name from it
// (DigestBound) and reads the PreparedName itself, scattered over the heap
// in several dependent pieces, only for the few names the bound does not
// rule out.
struct DigestToken {
  const PreparedToken* token = nullptr;  // for a pair's first computation
  double unmatched_weight = 0;           // UnmatchedWeight (scorer.cc)
  uint32_t id = 0;                       // PreparedToken::id
  uint32_t canon_hash = 0;
  float weight = 0;
  text::TokenKind kind = text::TokenKind::kWord;
  bool type_word = false;
  bool conflict = false;  // ConflictKind (scorer.cc)
};
struct DigestForm {
  std::span<const DigestToken> tokens;
  // The PreparedForm's members of the same names.
  float max_weight = 0;
  float min_weight = 0;
  float legal_weight = 0;
  uint64_t repeat_mask = 0;
  std::array<uint8_t, 32> joined_counts{};
  std::array<uint8_t, 32> joined_core_counts{};
  uint32_t joined_size = 0;       // joined.size()
  uint32_t joined_core_size = 0;  // joined_core.size() (0: no legal form)
  uint64_t joined_hash = 0;       // JoinedHash(joined)
  uint8_t vessel_prefix = 0;
  uint8_t name_parts = 0;
  uint8_t name_tokens = 0;  // tokens other than legal forms (at most 255)
  bool vessel = false;
  bool patronymics = false;
  bool org_tokens = false;
  bool quoted = false;
  bool unbracketed = false;
  bool series = false;  // any series_mask or tail_number bit
};
struct NameDigest {
  std::span<const DigestForm> forms;
  std::array<uint32_t, 4> initials{};
  std::array<uint32_t, 2> acronym_word{};
  uint8_t acronym_len = 0;
  bool org = false;
  bool has_native = false;  // native has tokens
  Script script = Script::kUnknown;
};

// The digests of a list's prepared names, each name's in one block:
// the NameDigest, then its forms, then their tokens. Built once, after
// InternTokens; the names must outlive it and stay where they are.
class NameDigests {
 public:
  void Build(const std::vector<PreparedName>& names);
  // Build in two steps, so that the blocks may be filled on several threads:
  // Layout sizes every block, then Fill(names, u) writes name u's (only
  // its own), for every u, in any order.
  void Layout(const std::vector<PreparedName>& names);
  void Fill(const std::vector<PreparedName>& names, uint32_t u);
  // Name u's block: its first cache line and how many it takes.
  uint32_t first_line(uint32_t u) const { return begin_[u]; }
  uint32_t num_lines(uint32_t u) const { return begin_[u + 1] - begin_[u]; }
  // The digest whose block starts at `line`.
  const NameDigest& at(uint32_t line) const {
    return *reinterpret_cast<const NameDigest*>(arena_[line].bytes);
  }
  // Asks the cache for the block of `n` lines at `line`.
  void Prefetch(uint32_t line, uint32_t n) const {
    for (const Line *l = arena_.data() + line, *end = l + n; l < end; ++l) {
      __builtin_prefetch(l);
      // (GCC deletes a loop whose only effect is __builtin_prefetch, which
      // it counts as none; the empty volatile asm statement keeps it.)
      asm volatile("");
    }
  }

 private:
  struct alignas(64) Line {
    unsigned char bytes[64];
  };
  std::vector<Line> arena_;
  std::vector<uint32_t> begin_;  // per name (+1 sentinel): its first line
};

// An upper bound of ScoreName(query, list, scratch, cutoff, nullptr) from
// the name's digest, through the same first-pass bound (with the joined
// texts compared by length and hash only, a looser bound), or 2 when the
// digest cannot tell (a name compared on its native script, series marks).
// Values below `cutoff` are only meaningful as "below the cutoff". After
// BeginQuery(query); shares its similarity cache with ScoreName.
double DigestBound(const PreparedQuery& query, const NameDigest& list, ScratchSpace& scratch,
                   double cutoff);

// Asks the cache for what DigestBound reads of the digest whose block is
// the `num_lines` lines at `line`, in kDigestPrefetchStages stages of
// dependent loads: 0 the block; 1 the similarity cache's stamp and row of
// each of its tokens (`scratch`'s memo_stamp and memo_row, indexed by the
// token's id; reads the block); 2 the first two cache lines of each token
// that has no row in this query yet, from which its pairs' first-pass
// values are computed (reads the stamps). A caller bounding list names one
// candidate after another runs each stage some candidates ahead, the later
// stages nearer (Screener: 4, 3 and 1 ahead): the first reads of a name's
// data, misses one after the other, were most of the time spent on a name
// otherwise.
inline constexpr int kDigestPrefetchStages = 3;
inline void PrefetchDigest(const NameDigests& digests, uint32_t line, uint32_t num_lines, int stage,
                           const ScratchSpace& scratch) {
  if (stage == 0) {
    digests.Prefetch(line, num_lines);
    return;
  }
  const uint32_t* const stamp = scratch.memo_stamp.data();
  const uint32_t* const row = scratch.memo_row.data();
  const size_t num_ids = scratch.memo_stamp.size();
  const uint32_t generation = scratch.generation;
  for (const DigestForm& f : digests.at(line).forms) {
    for (const DigestToken& t : f.tokens) {
      if (stage == 1) {
        if (t.id >= num_ids) continue;  // (kNoTokenId is above every id)
        __builtin_prefetch(stamp + t.id);
        __builtin_prefetch(row + t.id);
      } else if (t.id >= num_ids || stamp[t.id] != generation) {
        const char* const b = reinterpret_cast<const char*>(t.token);
        __builtin_prefetch(b);
        __builtin_prefetch(b + 64);
      }
    }
  }
}

// ScoreName's first-pass bound: at least ScoreName(query, list, ..., 0,
// ...), computed from lengths, character sets and key hashes without any
// similarity metric (> 1 when the parameters or forms do not allow it).
// ScoreName itself uses it per form pair to skip pairs below its cutoff.
double ScoreNameUpperBound(const PreparedQuery& query, const PreparedName& list);

// OFAC-parity score of a query against one list name (docs/scoring.md).
// With `scratch` (after BeginQuery for this query), the parts of list tokens
// that ScoreName has cached are kept for later calls in the same query
// (the names of one entity share their tokens); the same result.
double OfacScore(const PreparedQuery& query, const PreparedName& list,
                 ScratchSpace* scratch = nullptr);

// Guesses whether a name without schema is an organisation (it has a legal
// form or company word). A country's name is no such evidence: the company
// analysis spells out UK as "united kingdom", whose "united" is a company
// word, and PAE WON UK is a person.
Schema GuessSchema(std::string_view raw);
// The same from the name's analysis as a legal entity
// (text::AnalyzeName(raw, Schema::kLegalEntity)), which equals its analysis
// as a company: a caller that guesses kCompany can keep those forms.
// `country_word` (optional): set when a company word in a country's name
// (text::InCountryName) was passed over (the guess is then kPerson unless
// other words decide).
Schema GuessSchemaFromForms(const std::vector<text::NameForm>& legal_entity_forms,
                            bool* country_word = nullptr);
// Whether a LegalEntity's name (its analysis as a legal entity) is shaped
// like a person's: two to four tokens, all words, initials or particles,
// except a legal form inside the name or one spelled like a name syllable
// (GuessSchemaFromForms): "SONG II KIM", "JOHN B. PRIDMORE-SMITH". Lists
// that do not say whether an entry is a person or a company (US CSL) type
// both LegalEntity; the Screener reads such a name's tokens as a person's
// (its costs stay those of its schema).
bool PersonShapedName(const std::vector<text::NameForm>& legal_entity_forms);

}  // namespace chokepoint::match

#endif  // CHOKEPOINT_MATCH_SCORER_H_
