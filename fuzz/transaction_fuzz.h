// Shared by the transaction-reader fuzz targets: runs a reader on the fuzz
// input and aborts when the output breaks the Transaction model's
// invariants. Any input must either fail as a Status that names the input,
// or give transactions of the reader's kind whose strings are all valid
// UTF-8, whose countries are ISO-shaped, whose currencies are three capital
// letters, whose BICs have 8 or 11 characters and whose amounts are finite
// and not negative; and problems that name the input and give a reason.

#ifndef CHOKEPOINT_FUZZ_TRANSACTION_FUZZ_H_
#define CHOKEPOINT_FUZZ_TRANSACTION_FUZZ_H_

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "chokepoint/check.h"
#include "io/strings.h"

namespace chokepoint::fuzz {

inline void Require(bool ok) {
  if (!ok) std::abort();
}

inline void CheckText(const std::string& s) { Require(io::IsValidUtf8(s)); }

inline void CheckCountryCode(const std::string& c) {
  CheckText(c);
  Require(c.empty() || (c.size() == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z'));
}

inline void CheckCurrency(const std::string& c) {
  Require(c.empty() || (c.size() == 3 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' &&
                        c[2] >= 'A' && c[2] <= 'Z'));
}

inline void CheckAmount(const std::optional<double>& v) {
  if (v) Require(std::isfinite(*v) && *v >= 0);
}

inline void CheckTransaction(const check::Transaction& t, check::MessageKind kind) {
  Require(t.kind == kind);
  Require(t.source_line > 0);
  for (const auto* s : {&t.ref, &t.remittance}) CheckText(*s);
  CheckCurrency(t.currency);
  CheckAmount(t.amount);
  for (const auto& p : t.parties) {
    for (const auto* s :
         {&p.field, &p.name, &p.address, &p.account, &p.phone, &p.email, &p.registration_id}) {
      CheckText(*s);
    }
    Require(!p.field.empty());
    CheckCountryCode(p.country);
    Require(p.bic.empty() || p.bic.size() == 8 || p.bic.size() == 11);
    CheckText(p.bic);
  }
  for (const auto& g : t.goods) {
    for (const auto* s : {&g.field, &g.hs_code, &g.description, &g.unit}) CheckText(*s);
    Require(!g.field.empty());
    CheckCurrency(g.currency);
    CheckAmount(g.value);
    CheckAmount(g.quantity);
  }
  for (const auto* c : {&t.route.origin, &t.route.dispatch, &t.route.destination}) {
    CheckCountryCode(*c);
  }
  for (const auto& c : t.route.transit) {
    Require(!c.empty());
    CheckCountryCode(c);
  }
  for (const auto& [k, v] : t.route.places) {
    CheckText(k);
    CheckText(v);
  }
  for (const auto& [k, v] : t.terms) {
    CheckText(k);
    CheckText(v);
  }
  for (const auto& d : t.documents) CheckText(d);
}

inline void CheckReadResult(const Result<check::ReadResult>& r, check::MessageKind kind,
                            const std::string& name) {
  if (!r.ok()) {
    Require(r.status().message().find(name) != std::string::npos);
    return;
  }
  for (const auto& t : r->transactions) CheckTransaction(t, kind);
  for (const auto& p : r->problems) {
    Require(p.file == name);
    Require(!p.reason.empty());
    CheckText(p.reason);
    CheckText(p.record_id);
  }
}

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace chokepoint::fuzz

#endif  // CHOKEPOINT_FUZZ_TRANSACTION_FUZZ_H_
