// Readers for ISO 20022 customer credit transfers: pacs.008
// (FIToFICstmrCdtTrf, bank to bank) and pain.001 (CstmrCdtTrfInitn, customer
// to bank). See docs/messages.md for the field mapping.
//
// Elements are matched by local name, so any message version and any
// namespace prefix read the same. The message elements are looked for
// anywhere in the file: a bare Document, an AppHdr + Document pair in an
// envelope, or a list of several business messages.
//
// Each CdtTrfTxInf is one Transaction. One with a malformed amount,
// currency, date or country, or with text that is not valid UTF-8, is skipped
// with a Problem naming the element; the others are kept.

#include <pugixml.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/check.h"
#include "io/file.h"
#include "io/strings.h"
#include "lists/pugi_support.h"
#include "messages/common.h"

namespace chokepoint::check {

namespace {

using lists::Child;
using lists::Children;
using lists::ChildText;
using lists::LocalName;
using lists::NodeText;

// The first malformed field of the transaction being read. Reading goes on
// after an error (the values read are then discarded), which keeps the
// readers below free of early-return plumbing.
struct FieldError {
  std::string path;
  std::string reason;
};
thread_local std::optional<FieldError> g_error;

void Fail(std::string path, std::string reason) {
  if (!g_error) g_error = FieldError{std::move(path), std::move(reason)};
}

void FindAll(const pugi::xml_node& node, std::string_view local, std::vector<pugi::xml_node>& out) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    if (LocalName(c) == local) {
      out.push_back(c);
    } else {
      FindAll(c, local, out);
    }
  }
}

// All descendant text of an element, white space collapsed, pieces joined
// with `sep`.
void CollectText(const pugi::xml_node& node, std::string& out, std::string_view sep) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      AppendJoined(out, io::CollapseWhitespace(c.value()), sep);
    } else if (c.type() == pugi::node_element) {
      CollectText(c, out, sep);
    }
  }
}

std::string Text(const pugi::xml_node& node) { return io::CollapseWhitespace(NodeText(node)); }

std::string CountryField(const pugi::xml_node& el, const std::string& path) {
  std::string v = Text(el);
  if (v.empty()) return "";
  std::string code = CountryOf(v);
  if (code.empty()) Fail(path, "unknown country: '" + v + "'");
  return code;
}

// PstlAdr: structured parts in a postal order, then the free AdrLine lines.
void ReadAddress(const pugi::xml_node& adr, const std::string& path, Party& p) {
  if (!adr) return;
  std::string out;
  for (std::string_view part : {"Dept", "SubDept", "StrtNm", "BldgNb", "BldgNm", "Flr", "PstBx",
                                "Room", "PstCd", "TwnNm", "TwnLctnNm", "DstrctNm", "CtrySubDvsn"}) {
    AppendJoined(out, Text(Child(adr, part)));
  }
  for (const auto& line : Children(adr, "AdrLine")) AppendJoined(out, Text(line));
  p.address = out;
  p.country = CountryField(Child(adr, "Ctry"), path + "/PstlAdr/Ctry");
}

std::string Bic(const pugi::xml_node& el, const std::string& path) {
  std::string v = io::ToUpperAscii(Text(el));
  if (v.empty()) return "";
  if (!IsBic(v)) Fail(path, "not a BIC: '" + Text(el) + "'");
  return v;
}

// The account of a party: <X>Acct/Id/IBAN or <X>Acct/Id/Othr/Id.
std::string Account(const pugi::xml_node& acct) {
  pugi::xml_node id = Child(acct, "Id");
  std::string iban = Text(Child(id, "IBAN"));
  if (!iban.empty()) return iban;
  return Text(Child(Child(id, "Othr"), "Id"));
}

// A party (Dbtr, Cdtr, UltmtDbtr, UltmtCdtr, InitgPty); also reads its
// account from the sibling <field>Acct.
Party ReadParty(const pugi::xml_node& el, PartyRole role, const std::string& path) {
  Party p;
  p.role = role;
  p.field = std::string(LocalName(el));
  pugi::xml_node body = el;
  if (pugi::xml_node pty = Child(el, "Pty")) body = pty;  // pacs.008 in some versions
  p.name = Text(Child(body, "Nm"));
  ReadAddress(Child(body, "PstlAdr"), path, p);
  pugi::xml_node id = Child(body, "Id");
  pugi::xml_node org = Child(id, "OrgId");
  for (std::string_view tag : {"AnyBIC", "BICOrBEI", "BIC"}) {
    if (p.bic.empty()) p.bic = Bic(Child(org, tag), path + "/Id/OrgId/" + std::string(tag));
  }
  std::string lei = Text(Child(org, "LEI"));
  std::string other;
  for (const auto& o : Children(org, "Othr")) AppendJoined(other, Text(Child(o, "Id")), "; ");
  pugi::xml_node prvt = Child(id, "PrvtId");
  for (const auto& o : Children(prvt, "Othr")) AppendJoined(other, Text(Child(o, "Id")), "; ");
  p.registration_id = !other.empty() ? other : lei;
  if (p.country.empty()) {
    p.country = CountryField(Child(body, "CtryOfRes"), path + "/CtryOfRes");
  }
  pugi::xml_node contact = Child(body, "CtctDtls");
  p.phone = Text(Child(contact, "PhneNb"));
  if (p.phone.empty()) p.phone = Text(Child(contact, "MobNb"));
  p.email = Text(Child(contact, "EmailAdr"));
  pugi::xml_node acct = el.parent().child((std::string(el.name()) + "Acct").c_str());
  if (acct) p.account = Account(acct);
  if (p.country.empty() && p.bic.size() >= 6) p.country = CountryOf(p.bic.substr(4, 2));
  return p;
}

// An agent (DbtrAgt, CdtrAgt, IntrmyAgtN, InstgAgt, InstdAgt): a bank.
Party ReadAgent(const pugi::xml_node& el, PartyRole role, const std::string& path) {
  Party p;
  p.role = role;
  p.field = std::string(LocalName(el));
  pugi::xml_node fin = Child(el, "FinInstnId");
  p.bic = Bic(Child(fin, "BICFI"), path + "/FinInstnId/BICFI");
  if (p.bic.empty()) p.bic = Bic(Child(fin, "BIC"), path + "/FinInstnId/BIC");
  p.name = Text(Child(fin, "Nm"));
  ReadAddress(Child(fin, "PstlAdr"), path + "/FinInstnId", p);
  p.registration_id = Text(Child(fin, "LEI"));
  if (p.registration_id.empty()) {
    p.registration_id = Text(Child(Child(fin, "ClrSysMmbId"), "MmbId"));
  }
  pugi::xml_node acct = el.parent().child((std::string(el.name()) + "Acct").c_str());
  if (acct) p.account = Account(acct);
  if (p.country.empty() && p.bic.size() >= 6) p.country = CountryOf(p.bic.substr(4, 2));
  return p;
}

// Amount element with a Ccy attribute.
void ReadAmount(const pugi::xml_node& el, const std::string& path, Transaction& t) {
  std::string v = Text(el);
  auto amount = ParseDecimal(v);
  if (!amount || v.find(',') != std::string::npos) Fail(path, "not a number: '" + v + "'");
  std::string ccy = lists::Attr(el, "Ccy");
  if (!IsCurrencyCode(ccy)) Fail(path + "/@Ccy", "not an ISO 4217 currency code: '" + ccy + "'");
  t.amount = amount;
  t.currency = ccy;
}

std::optional<PartialDate> DateField(const pugi::xml_node& el, const std::string& path) {
  // ReqdExctnDt holds either a date or a Dt/DtTm choice.
  pugi::xml_node target = el;
  if (pugi::xml_node dt = Child(el, "Dt")) target = dt;
  if (pugi::xml_node dt = Child(el, "DtTm")) target = dt;
  std::string v = Text(target);
  if (v.empty()) return std::nullopt;
  auto d = ParseTransactionDate(v);
  if (!d) Fail(path, "not a date: '" + v + "'");
  return d;
}

// Remittance information: unstructured lines joined with " ", structured
// blocks' text joined with "; ".
std::string Remittance(const pugi::xml_node& rmt) {
  std::string out;
  for (const auto& u : Children(rmt, "Ustrd")) AppendJoined(out, Text(u), " ");
  for (const auto& s : Children(rmt, "Strd")) {
    std::string strd;
    CollectText(s, strd, " ");
    AppendJoined(out, strd, "; ");
  }
  return out;
}

// Goods lines from remittance text: one line with the whole text and the
// first HS code written in it, one more per further HS code.
void GoodsFromRemittance(Transaction& t) {
  if (t.remittance.empty()) return;
  std::vector<std::string> codes = FindHsCodes(t.remittance);
  GoodsLine g;
  g.field = "RmtInf";
  g.description = t.remittance;
  if (!codes.empty()) g.hs_code = codes[0];
  t.goods.push_back(g);
  for (size_t i = 1; i < codes.size(); ++i) {
    GoodsLine more;
    more.field = "RmtInf";
    more.hs_code = codes[i];
    more.description = t.remittance;
    t.goods.push_back(std::move(more));
  }
}

// Route from the parties: dispatch = the debtor's country, destination = the
// creditor's, transit = the intermediary agents' countries in order.
void RouteFromParties(Transaction& t) {
  auto first_country = [&](std::initializer_list<PartyRole> roles) -> std::string {
    for (PartyRole r : roles) {
      for (const auto& p : t.parties) {
        if (p.role == r && !p.country.empty()) return p.country;
      }
    }
    return "";
  };
  t.route.dispatch = first_country({PartyRole::kDebtor, PartyRole::kDebtorAgent});
  t.route.destination = first_country({PartyRole::kCreditor, PartyRole::kCreditorAgent});
  for (const auto& p : t.parties) {
    if (p.role == PartyRole::kIntermediaryAgent && !p.country.empty()) {
      t.route.transit.push_back(p.country);
    }
  }
}

// Charge bearer and purpose code.
void ReadTerms(const pugi::xml_node& tx, Transaction& t) {
  if (std::string v = Text(Child(tx, "ChrgBr")); !v.empty()) t.terms["ChrgBr"] = v;
  pugi::xml_node purp = Child(tx, "Purp");
  std::string v = Text(Child(purp, "Cd"));
  if (v.empty()) v = Text(Child(purp, "Prtry"));
  if (!v.empty()) t.terms["Purp"] = v;
}

struct Context {
  std::string file;
  MessageKind kind;
  lists::LineIndex* lines;
  ReadResult* out;
  int64_t index = 0;  // transactions seen in the file
};

void AddPartyIf(const pugi::xml_node& parent, std::string_view tag, PartyRole role,
                const std::string& path, Transaction& t) {
  pugi::xml_node el = Child(parent, tag);
  if (!el) return;
  Party p = ReadParty(el, role, path + "/" + std::string(tag));
  if (p.name.empty() && p.bic.empty() && p.account.empty() && p.registration_id.empty()) return;
  t.parties.push_back(std::move(p));
}

void AddAgentIf(const pugi::xml_node& parent, std::string_view tag, PartyRole role,
                const std::string& path, Transaction& t) {
  pugi::xml_node el = Child(parent, tag);
  if (!el) return;
  Party p = ReadAgent(el, role, path + "/" + std::string(tag));
  if (p.name.empty() && p.bic.empty() && p.registration_id.empty()) return;
  t.parties.push_back(std::move(p));
}

void Finish(Context& ctx, const pugi::xml_node& tx, Transaction&& t) {
  GoodsFromRemittance(t);
  RouteFromParties(t);
  std::string bad = FirstInvalidUtf8Field(t);
  if (!bad.empty()) {
    ctx.out->problems.push_back(
        MessageProblem(ctx.file, ctx.lines->Line(static_cast<size_t>(tx.offset_debug())),
                       io::SanitizeUtf8(t.ref), bad + ": invalid UTF-8"));
    return;
  }
  ctx.out->transactions.push_back(std::move(t));
}

std::string RefOf(const pugi::xml_node& tx, const std::string& msg_id, int64_t index) {
  pugi::xml_node pmt = Child(tx, "PmtId");
  for (std::string_view tag : {"EndToEndId", "TxId", "InstrId", "UETR"}) {
    std::string v = Text(Child(pmt, tag));
    if (!v.empty() && v != "NOTPROVIDED") return v;
  }
  return msg_id.empty() ? "" : msg_id + "/" + std::to_string(index);
}

template <typename Fn>
void ReadOne(Context& ctx, const pugi::xml_node& tx, Fn&& fill) {
  ++ctx.index;
  Transaction t;
  t.kind = ctx.kind;
  t.source_line = ctx.index;
  g_error.reset();
  fill(t);
  if (g_error) {
    ctx.out->problems.push_back(MessageProblem(
        ctx.file, ctx.lines->Line(static_cast<size_t>(tx.offset_debug())), io::SanitizeUtf8(t.ref),
        io::SanitizeUtf8(g_error->path + ": " + g_error->reason)));
    g_error.reset();
    return;
  }
  Finish(ctx, tx, std::move(t));
}

void ReadPacsMessage(Context& ctx, const pugi::xml_node& msg) {
  pugi::xml_node hdr = Child(msg, "GrpHdr");
  const std::string msg_id = Text(Child(hdr, "MsgId"));
  for (const auto& tx : Children(msg, "CdtTrfTxInf")) {
    ReadOne(ctx, tx, [&](Transaction& t) {
      const std::string path = "CdtTrfTxInf";
      t.ref = RefOf(tx, msg_id, ctx.index);
      if (pugi::xml_node amt = Child(tx, "IntrBkSttlmAmt")) {
        ReadAmount(amt, path + "/IntrBkSttlmAmt", t);
      } else if (pugi::xml_node instd = Child(tx, "InstdAmt")) {
        ReadAmount(instd, path + "/InstdAmt", t);
      }
      t.date = DateField(Child(tx, "IntrBkSttlmDt"), path + "/IntrBkSttlmDt");
      if (!t.date) t.date = DateField(Child(hdr, "IntrBkSttlmDt"), "GrpHdr/IntrBkSttlmDt");
      if (!t.date) t.date = DateField(Child(hdr, "CreDtTm"), "GrpHdr/CreDtTm");
      // Agents in the order the money moves.
      for (const auto& [tag, role] : {std::pair{"InstgAgt", PartyRole::kInstructingAgent},
                                      {"InstdAgt", PartyRole::kInstructedAgent},
                                      {"PrvsInstgAgt1", PartyRole::kInstructingAgent},
                                      {"PrvsInstgAgt2", PartyRole::kInstructingAgent},
                                      {"PrvsInstgAgt3", PartyRole::kInstructingAgent}}) {
        if (Child(tx, tag)) {
          AddAgentIf(tx, tag, role, path, t);
        } else {
          AddAgentIf(hdr, tag, role, "GrpHdr", t);
        }
      }
      AddPartyIf(tx, "UltmtDbtr", PartyRole::kUltimateDebtor, path, t);
      AddPartyIf(tx, "InitgPty", PartyRole::kInitiatingParty, path, t);
      AddPartyIf(tx, "Dbtr", PartyRole::kDebtor, path, t);
      AddAgentIf(tx, "DbtrAgt", PartyRole::kDebtorAgent, path, t);
      for (std::string_view tag : {"IntrmyAgt1", "IntrmyAgt2", "IntrmyAgt3"}) {
        AddAgentIf(tx, tag, PartyRole::kIntermediaryAgent, path, t);
      }
      AddAgentIf(tx, "CdtrAgt", PartyRole::kCreditorAgent, path, t);
      AddPartyIf(tx, "Cdtr", PartyRole::kCreditor, path, t);
      AddPartyIf(tx, "UltmtCdtr", PartyRole::kUltimateCreditor, path, t);
      t.remittance = Remittance(Child(tx, "RmtInf"));
      ReadTerms(tx, t);
    });
  }
}

void ReadPainMessage(Context& ctx, const pugi::xml_node& msg) {
  pugi::xml_node hdr = Child(msg, "GrpHdr");
  const std::string msg_id = Text(Child(hdr, "MsgId"));
  for (const auto& pmt : Children(msg, "PmtInf")) {
    for (const auto& tx : Children(pmt, "CdtTrfTxInf")) {
      ReadOne(ctx, tx, [&](Transaction& t) {
        const std::string path = "PmtInf/CdtTrfTxInf";
        t.ref = RefOf(tx, msg_id, ctx.index);
        pugi::xml_node amt = Child(tx, "Amt");
        if (pugi::xml_node instd = Child(amt, "InstdAmt")) {
          ReadAmount(instd, path + "/Amt/InstdAmt", t);
        } else if (pugi::xml_node eqvt = Child(Child(amt, "EqvtAmt"), "Amt")) {
          ReadAmount(eqvt, path + "/Amt/EqvtAmt/Amt", t);
        }
        t.date = DateField(Child(pmt, "ReqdExctnDt"), "PmtInf/ReqdExctnDt");
        if (!t.date) t.date = DateField(Child(hdr, "CreDtTm"), "GrpHdr/CreDtTm");
        AddPartyIf(hdr, "InitgPty", PartyRole::kInitiatingParty, "GrpHdr", t);
        if (Child(tx, "UltmtDbtr")) {
          AddPartyIf(tx, "UltmtDbtr", PartyRole::kUltimateDebtor, path, t);
        } else {
          AddPartyIf(pmt, "UltmtDbtr", PartyRole::kUltimateDebtor, "PmtInf", t);
        }
        AddPartyIf(pmt, "Dbtr", PartyRole::kDebtor, "PmtInf", t);
        AddAgentIf(pmt, "DbtrAgt", PartyRole::kDebtorAgent, "PmtInf", t);
        for (std::string_view tag : {"IntrmyAgt1", "IntrmyAgt2", "IntrmyAgt3"}) {
          AddAgentIf(tx, tag, PartyRole::kIntermediaryAgent, path, t);
        }
        AddAgentIf(tx, "CdtrAgt", PartyRole::kCreditorAgent, path, t);
        AddPartyIf(tx, "Cdtr", PartyRole::kCreditor, path, t);
        AddPartyIf(tx, "UltmtCdtr", PartyRole::kUltimateCreditor, path, t);
        t.remittance = Remittance(Child(tx, "RmtInf"));
        ReadTerms(tx, t);
        if (t.terms.count("ChrgBr") == 0) ReadTerms(pmt, t);
      });
    }
  }
}

Result<ReadResult> ParseIso(std::string_view data, std::string_view name, MessageKind kind) {
  const bool pacs = kind == MessageKind::kPacs008;
  const std::string_view root = pacs ? "FIToFICstmrCdtTrf" : "CstmrCdtTrfInitn";
  const std::string_view other = pacs ? "CstmrCdtTrfInitn" : "FIToFICstmrCdtTrf";
  InputFile file{std::string(name), std::string(data)};
  pugi::xml_document doc;
  CHOKEPOINT_RETURN_IF_ERROR(lists::LoadXml(file, doc));
  std::vector<pugi::xml_node> messages;
  FindAll(doc, root, messages);
  if (messages.empty()) {
    std::vector<pugi::xml_node> others;
    FindAll(doc, other, others);
    std::string hint = others.empty() ? std::string()
                                      : std::string(" (it holds ") + std::string(other) + ": a " +
                                            (pacs ? "pain.001" : "pacs.008") + " message)";
    return Status::ParseError(file.path + ": not a " + (pacs ? "pacs.008" : "pain.001") +
                              " message: no " + std::string(root) + " element" + hint);
  }
  lists::LineIndex lines(file.data);
  ReadResult out;
  Context ctx{file.path, kind, &lines, &out};
  for (const auto& msg : messages) {
    if (pacs) {
      ReadPacsMessage(ctx, msg);
    } else {
      ReadPainMessage(ctx, msg);
    }
  }
  return out;
}

}  // namespace

Result<ReadResult> ParsePacs008(std::string_view data, std::string_view name) {
  return ParseIso(data, name, MessageKind::kPacs008);
}

Result<ReadResult> ParsePain001(std::string_view data, std::string_view name) {
  return ParseIso(data, name, MessageKind::kPain001);
}

Result<ReadResult> ReadPacs008(const std::string& path) {
  CHOKEPOINT_ASSIGN_OR_RETURN(std::string data, io::ReadFile(path));
  return ParsePacs008(data, path);
}

Result<ReadResult> ReadPain001(const std::string& path) {
  CHOKEPOINT_ASSIGN_OR_RETURN(std::string data, io::ReadFile(path));
  return ParsePain001(data, path);
}

}  // namespace chokepoint::check
