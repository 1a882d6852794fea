// Fuzzes the text pipeline: AnalyzeName() on arbitrary bytes under every
// schema, plus Fold/Romanize/VariantKey/PhoneticKey, SplitNameField and
// CutIdentifiers, checking the invariants analyze.h and name_field.h promise
// (bounded output, lower-case ASCII tokens; a field's parts are pieces of it,
// in order, each with a letter or digit; a cut identifier's label and value
// are pieces of the field, in order, the value with five digits, and the
// name left is no longer than the field; SplitAddress's name and address are
// pieces of the field, in order).

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "text/analyze.h"
#include "text/name_field.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

bool PrintableAscii(std::string_view s) {
  for (char c : s) {
    if (c < 0x20 || c >= 0x7f) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace chokepoint;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (Schema schema : {Schema::kPerson, Schema::kCompany, Schema::kOrganization, Schema::kVessel,
                        Schema::kAircraft, Schema::kLegalEntity}) {
    auto forms = text::AnalyzeName(input, schema);
    Check(!forms.empty() &&
          forms.size() <= text::kMaxForms + text::kMaxQuotedForms + text::kMaxUnbracketedForms);
    for (const auto& form : forms) {
      Check(form.tokens.size() <= text::kMaxTokens);
      for (const auto& token : form.tokens) {
        Check(!token.text.empty() && PrintableAscii(token.text));
        Check(PrintableAscii(token.words));
        Check(text::PhoneticKey(token.text).size() <= 2 * token.text.size() + 1);
      }
    }
  }
  std::string folded = text::Fold(input.substr(0, 4096));
  Check(text::Fold(folded) == folded);  // folding is idempotent
  for (const auto& r : text::Romanize(folded, DetectScript(folded))) Check(PrintableAscii(r));
  Check(PrintableAscii(text::VariantKey(input.substr(0, 256))));
  size_t at = 0;
  for (const auto& part : text::SplitNameField(input.substr(0, 4096))) {
    const size_t found = input.find(part.name, at);
    Check(found != std::string_view::npos &&
          std::any_of(part.name.begin(), part.name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) ||
                   static_cast<unsigned char>(c) >= 0x80;
          }));
    at = found + part.name.size();
  }
  const std::string_view field = input.substr(0, 4096);
  const text::FieldWithoutIdentifiers cut = text::CutIdentifiers(field);
  Check(cut.name.size() <= field.size());
  at = 0;
  for (const auto& id : cut.identifiers) {
    const size_t label = field.find(id.label, at);
    Check(label != std::string_view::npos);
    const size_t value = field.find(id.value, label + id.label.size());
    Check(value != std::string_view::npos &&
          std::count_if(id.value.begin(), id.value.end(),
                        [](char c) { return c >= '0' && c <= '9'; }) >= 5);
    at = value + id.value.size();
  }
  // SplitAddress: the name is a piece of the field before the address, the
  // address a piece after it, and "first" a piece before the name's end.
  const text::NameAndAddress na = text::SplitAddress(field);
  Check(na.name.empty() == na.address.empty());
  if (!na.name.empty()) {
    const size_t name_at = field.find(na.name);
    Check(name_at != std::string_view::npos &&
          field.find(na.address, name_at + na.name.size()) != std::string_view::npos);
    // ("first" may begin a quote mark before or after the name: CleanPart
    // drops an unpaired one, and the longer name may hold its pair.)
    const size_t first_at = field.find(na.first);
    Check(na.first.empty() ||
          (first_at != std::string_view::npos && first_at < name_at + na.name.size()));
  }
  return 0;
}
