// `chokepoint classify` (goods text -> ranked HS6 candidates) and
// `chokepoint hs` (normalise an HS code).

#include <fstream>
#include <iostream>
#include <string>

#include "chokepoint/goods.h"
#include "cli/command.h"
#include "cli/json_views.h"
#include "io/json_writer.h"
#include "io/strings.h"

namespace chokepoint::cli {
namespace {

int RunClassify(const Args& args) {
  goods::ClassifyOptions options;
  std::string top = args.GetOr("--top", "5");
  if (!io::IsDigits(top) || top.size() > 4 || std::stoi(top) == 0) {
    return UsageError("classify", "--top needs a number from 1 to 9999");
  }
  options.top_k = static_cast<size_t>(std::stoi(top));
  if (auto batch = args.Get("--batch")) {
    // One description per line in, one JSON object per line out.
    std::ifstream file;
    std::istream* in = &std::cin;
    if (*batch != "-") {
      file.open(*batch);
      if (!file) return Fail(Status::IoError(*batch + ": cannot open"));
      in = &file;
    }
    std::string line;
    while (std::getline(*in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::cout << CandidatesJson(line, goods::ClassifyGoods(line, options)) << "\n";
    }
    return 0;
  }
  if (args.positional().empty()) return UsageError("classify", "give a goods description TEXT");
  std::string text = io::Join(args.positional(), " ");
  auto cands = goods::ClassifyGoods(text, options);
  if (args.Has("--json")) {
    std::cout << CandidatesJson(text, cands) << "\n";
    return 0;
  }
  if (cands.empty()) {
    std::cout << "no HS candidates found\n";
    return 0;
  }
  int rank = 0;
  for (const auto& c : cands) {
    std::cout << ++rank << ". " << c.code.hs6 << "  "
              << (c.code.chpl_tier.empty()
                      ? std::string("      ")
                      : "CHPL " + c.code.chpl_tier + (c.code.chpl_tier.size() == 1 ? " " : ""))
              << "  score " << c.score << "  " << c.code.description << "\n";
    for (const auto& e : c.evidence) std::cout << "     " << e << "\n";
  }
  std::cout << "(candidates are screening signals, not a customs classification)\n";
  return 0;
}

CHOKEPOINT_COMMAND(
    classify_cmd,
    {"classify",
     "TEXT... [--json] [--top N] | --batch FILE",
     "Rank HS 2022 subheadings (with CHPL tier and evidence) for a goods description.",
     {{"--json", false, "print the result as JSON"},
      {"--top", true, "N  number of candidates (default 5)"},
      {"--batch", true, "FILE  classify each line of FILE ('-' = stdin); JSON lines out"}},
     &RunClassify});

int RunHs(const Args& args) {
  if (args.positional().size() != 1) return UsageError("hs", "give one HS CODE");
  goods::HsVintage vintage = goods::HsVintage::k2022;
  std::string v = args.GetOr("--vintage", "2022");
  if (v == "2017") {
    vintage = goods::HsVintage::k2017;
  } else if (v != "2022") {
    return UsageError("hs", "--vintage is 2017 or 2022");
  }
  auto result = goods::NormalizeHs(args.positional()[0], vintage);
  if (!result.ok()) return Fail(result.status());
  const goods::HsLookup& r = result.value();
  if (args.Has("--json")) {
    io::JsonWriter w;
    w.BeginObject();
    w.Field("input", io::SanitizeUtf8(r.input));
    w.Field("digits", r.digits);
    w.FieldInt("vintage", static_cast<int>(r.vintage));
    w.Key("is_heading");
    w.Bool(r.is_heading);
    w.Field("heading", r.heading);
    w.Field("heading_description", r.heading_description);
    if (!r.is_heading) {
      WriteHsCodeJson(w, r.code);
      w.Field("national_suffix", r.national_suffix);
    }
    w.Key("subheadings");
    w.BeginArray();
    for (const auto& s : r.subheadings) {
      w.BeginObject();
      WriteHsCodeJson(w, s);
      w.EndObject();
    }
    w.EndArray();
    if (!r.note.empty()) w.Field("note", r.note);
    w.EndObject();
    std::cout << w.str() << "\n";
    return 0;
  }
  if (r.is_heading) {
    std::cout << r.heading << "  " << r.heading_description << "\n" << r.note << "\n";
    for (const auto& s : r.subheadings) {
      std::cout << "  " << s.hs6 << "  CHPL " << s.chpl_tier << "  " << s.description << "\n";
    }
    return 0;
  }
  std::cout << r.code.hs6 << "  " << r.code.description << "\n";
  if (!r.national_suffix.empty()) {
    std::cout << "  national digits after the HS6: " << r.national_suffix << "\n";
  }
  std::cout << "  CHPL tier: " << (r.code.chpl_tier.empty() ? "not on the CHPL" : r.code.chpl_tier)
            << "\n";
  if (r.code.fincen_high_priority) {
    std::cout << "  one of the nine high-priority codes of " << goods::kFincenHighPrioritySource
              << "\n";
  }
  return 0;
}

CHOKEPOINT_COMMAND(hs_cmd,
                   {"hs",
                    "CODE [--json] [--vintage 2017|2022]",
                    "Normalise an HS code (4-10 digits) to its HS6 with description and CHPL tier.",
                    {{"--json", false, "print the result as JSON"},
                     {"--vintage", true, "YEAR  HS edition, 2017 or 2022 (default 2022)"}},
                    &RunHs});

}  // namespace
}  // namespace chokepoint::cli
