// Internals of the snapshot file format (docs/snapshot_format.md) that tests
// and benchmarks need but callers of chokepoint/snapshot.h do not.
//
// Snapshot::Write() always writes the current format version (2: entities in
// independently compressed chunks that load in parallel). Snapshot::Parse()
// also reads version 1 (one zstd frame, decoded on one thread), the layout of
// files written before version 2; SerializeVersion1() produces it so that
// tests can check both readers and the load benchmark can time the old path
// as its baseline in the same run.
//
// Thread safety: plain functions of immutable snapshots.

#ifndef CHOKEPOINT_SNAPSHOT_SNAPSHOT_FORMAT_H_
#define CHOKEPOINT_SNAPSHOT_SNAPSHOT_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "chokepoint/snapshot.h"

namespace chokepoint::snapshot_internal {

// Size of the fixed header shared by every format version: magic, u32
// version, u64 raw payload size, 32-byte SHA-256.
inline constexpr size_t kHeaderSize = 8 + 4 + 8 + 32;

// The format version Snapshot::Write() produces.
inline constexpr uint32_t kCurrentFormatVersion = 2;

// The snapshot's file bytes in format version 1 (what builds before format
// version 2 wrote). Parse() of the result gives the same snapshot.
std::string SerializeVersion1(const Snapshot& snapshot);

}  // namespace chokepoint::snapshot_internal

#endif  // CHOKEPOINT_SNAPSHOT_SNAPSHOT_FORMAT_H_
