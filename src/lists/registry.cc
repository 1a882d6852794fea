// The table of list formats and the plumbing shared by all of them: parsing a
// FORMAT[@SOURCE_ID]:PATH[,PATH...] argument and loading its files.

#include <array>

#include "chokepoint/lists.h"
#include "io/file.h"
#include "io/strings.h"
#include "lists/readers.h"

namespace chokepoint {

namespace {

constexpr std::array<FormatInfo, 9> kFormats = {{
    {"ofac_sdn", "us_ofac_sdn",
     "OFAC SDN legacy CSV: sdn.csv[,add.csv][,alt.csv][,sdn_comments.csv]", &lists::ReadOfacSdnCsv},
    {"ofac_cons", "us_ofac_cons",
     "OFAC consolidated non-SDN CSV: cons_prim.csv[,cons_add.csv][,cons_alt.csv]"
     "[,cons_comments.csv]",
     &lists::ReadOfacConsCsv},
    {"ofac_xml", "us_ofac_sdn", "OFAC SDN Advanced XML (SDN_ADVANCED.XML)",
     &lists::ReadOfacAdvancedXml},
    {"csl", "us_trade_csl", "US Consolidated Screening List (trade.gov), CSV or JSON",
     &lists::ReadCsl},
    {"un", "un_sc", "UN Security Council consolidated list XML", &lists::ReadUnXml},
    {"ofsi", "gb_ofsi", "UK OFSI consolidated list (ConList) CSV", &lists::ReadOfsiCsv},
    {"eu_fsf", "eu_fsf", "EU Financial Sanctions Files XML", &lists::ReadEuFsfXml},
    {"ftm", "opensanctions", "OpenSanctions FollowTheMoney JSON lines (entities.ftm.json)",
     &lists::ReadFtmJson},
    {"csv", "", "a user's own list: CSV with name[,schema,country,id,...] columns",
     &lists::ReadUserCsv},
}};

bool ValidSourceId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string Problem::ToString() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  if (column > 0) out += ":" + std::to_string(column);
  out += ": ";
  if (!record_id.empty()) out += "record " + record_id + ": ";
  out += reason;
  return out;
}

std::span<const FormatInfo> Formats() { return kFormats; }

const FormatInfo* FindFormat(std::string_view name) {
  for (const auto& f : kFormats) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

Result<SourceSpec> ParseSourceSpec(std::string_view spec) {
  size_t colon = spec.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    return Status::InvalidArgument("source '" + std::string(spec) +
                                   "': expected FORMAT[@SOURCE_ID]:PATH[,PATH...]");
  }
  std::string_view head = spec.substr(0, colon);
  std::string_view rest = spec.substr(colon + 1);
  std::string_view format_name = head, source_id;
  if (size_t at = head.find('@'); at != std::string_view::npos) {
    format_name = head.substr(0, at);
    source_id = head.substr(at + 1);
  }
  SourceSpec out;
  out.format = FindFormat(format_name);
  if (out.format == nullptr) {
    std::string known;
    for (const auto& f : kFormats) known += (known.empty() ? "" : ", ") + std::string(f.name);
    return Status::InvalidArgument("source '" + std::string(spec) + "': unknown format '" +
                                   std::string(format_name) + "' (known: " + known + ")");
  }
  out.source_id = std::string(source_id.empty() ? out.format->default_source_id : source_id);
  if (out.source_id.empty()) {
    return Status::InvalidArgument("source '" + std::string(spec) + "': format '" +
                                   std::string(format_name) + "' needs a source id, e.g. " +
                                   std::string(format_name) + "@my_list:PATH");
  }
  if (!ValidSourceId(out.source_id)) {
    return Status::InvalidArgument("source '" + std::string(spec) + "': source id '" +
                                   out.source_id +
                                   "' must be 1-64 characters of a-z, 0-9, '_', '-', '.'");
  }
  out.paths = io::SplitTrimmed(rest, ",");
  if (out.paths.empty()) {
    return Status::InvalidArgument("source '" + std::string(spec) + "': no file given");
  }
  return out;
}

Result<InputFile> LoadInputFile(const std::string& path) {
  CHOKEPOINT_ASSIGN_OR_RETURN(std::string data, io::ReadFile(path));
  if (path.size() > 3 && path.compare(path.size() - 3, 3, ".xz") == 0) {
    CHOKEPOINT_ASSIGN_OR_RETURN(data, io::DecompressXz(data, path));
  }
  return InputFile{path, std::move(data)};
}

Result<ReadOutput> ReadSource(const SourceSpec& spec) {
  std::vector<InputFile> files;
  for (const auto& p : spec.paths) {
    CHOKEPOINT_ASSIGN_OR_RETURN(auto f, LoadInputFile(p));
    files.push_back(std::move(f));
  }
  ReadOptions options;
  options.source_id = spec.source_id;
  return spec.format->read(files, options);
}

}  // namespace chokepoint
