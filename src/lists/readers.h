// The readers, one per list format. Each has the ReaderFn signature of
// chokepoint/lists.h and is registered in registry.cc. Formats and their files:
//
//   ofac_sdn   OFAC legacy CSV: sdn.csv plus optional add.csv, alt.csv and
//              sdn_comments.csv, told apart by file name (ofac_csv.cc)
//   ofac_cons  OFAC consolidated non-SDN CSV: cons_prim, cons_add, cons_alt,
//              cons_comments (ofac_csv.cc)
//   ofac_xml   OFAC SDN Advanced XML (ofac_advanced_xml.cc)
//   csl        US Consolidated Screening List, CSV or JSON (csl.cc)
//   un         UN Security Council consolidated XML (un_xml.cc)
//   ofsi       UK OFSI consolidated list CSV (ofsi_csv.cc)
//   eu_fsf     EU Financial Sanctions Files XML (eu_fsf_xml.cc)
//   ftm        OpenSanctions FollowTheMoney JSON lines (ftm_json.cc)
//   csv        a user's own simple CSV list (user_csv.cc)

#ifndef CHOKEPOINT_LISTS_READERS_H_
#define CHOKEPOINT_LISTS_READERS_H_

#include <span>

#include "chokepoint/lists.h"

namespace chokepoint::lists {

Result<ReadOutput> ReadOfacSdnCsv(std::span<const InputFile> files, const ReadOptions& options);
Result<ReadOutput> ReadOfacConsCsv(std::span<const InputFile> files, const ReadOptions& options);
Result<ReadOutput> ReadOfacAdvancedXml(std::span<const InputFile> files,
                                       const ReadOptions& options);
Result<ReadOutput> ReadCsl(std::span<const InputFile> files, const ReadOptions& options);
Result<ReadOutput> ReadUnXml(std::span<const InputFile> files, const ReadOptions& options);
Result<ReadOutput> ReadOfsiCsv(std::span<const InputFile> files, const ReadOptions& options);
Result<ReadOutput> ReadEuFsfXml(std::span<const InputFile> files, const ReadOptions& options);
Result<ReadOutput> ReadFtmJson(std::span<const InputFile> files, const ReadOptions& options);
Result<ReadOutput> ReadUserCsv(std::span<const InputFile> files, const ReadOptions& options);

}  // namespace chokepoint::lists

#endif  // CHOKEPOINT_LISTS_READERS_H_
