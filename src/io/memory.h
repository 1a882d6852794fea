// Backing a long-running process's memory with 2 MB pages.
//
// The screener's prepared names, the index postings and the snapshot are
// hundreds of megabytes read at random, one candidate's names here and the
// next one's there, so with 4 KB pages most of a query's cache misses are
// also TLB misses. Once the screener is built, BackHeapWithHugePages asks
// Linux to move the process's densely used anonymous memory (the malloc heap
// and the large anonymous mappings) onto transparent huge pages:
// madvise(MADV_HUGEPAGE) for what is allocated there later, and
// MADV_COLLAPSE (Linux 6.1 and later) to move what is there now. On the
// bench's mix of queries that is about 1.12 times the queries per
// CPU-second, for 0.4-0.7 s of CPU once (the kernel copies ~240 MB), so the
// service and large batches use it and a single screen does not
// (bench/results/screen_2026-11-30.txt, round 29). Where the kernel does not
// support it the call changes nothing and reports 0 bytes collapsed.
//
// Thread safety: BackHeapWithHugePages may run while other threads use the
// memory (the kernel keeps the contents); HugePageRegions is a pure function.

#ifndef CHOKEPOINT_IO_MEMORY_H_
#define CHOKEPOINT_IO_MEMORY_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::io {

struct MemoryRegion {
  uintptr_t begin = 0;
  uintptr_t end = 0;  // exclusive
  bool operator==(const MemoryRegion&) const = default;
};

// The 2 MB-aligned parts (at least one huge page) of the mappings in `smaps`
// (the text of /proc/self/smaps) that are anonymous, private and
// read-write (unnamed, or the [heap]) with at least half of the mapping
// resident: a thread's stack or a reserved but untouched arena would be
// filled up to whole huge pages by the collapse.
std::vector<MemoryRegion> HugePageRegions(std::string_view smaps);

struct HugePageReport {
  size_t advised = 0;    // bytes given MADV_HUGEPAGE
  size_t collapsed = 0;  // bytes MADV_COLLAPSE moved onto huge pages
  double cpu_seconds = 0;
};

// Applies MADV_HUGEPAGE and MADV_COLLAPSE to this process's HugePageRegions.
HugePageReport BackHeapWithHugePages();

// Huge pages from the start. glibc's malloc can ask for transparent huge
// pages itself as its heap grows (the tunable glibc.malloc.hugetlb=1), but
// only when the tunable is in the environment at start-up: the dynamic
// loader reads GLIBC_TUNABLES once. Building the screener allocates ~320 MB
// in small pieces and frees large temporary structures (every name's
// analysis) on the way; with 4 KB pages each first touch of a page is a
// fault, about 89,000 for `chokepoint screen NAME`. With huge pages, and
// the heap grown and kept kMallocTopPad bytes at a time
// (glibc.malloc.top_pad: fewer, larger steps, each a whole number of huge
// pages), about 2,000-11,000, and the one-shot screen takes about two
// thirds of the time (bench/results/startup_2026-12-03.txt); the queries
// after it run on huge pages too. Peak memory grows by about 30 MB. (The
// CLI does this for the commands that read the lists.)
inline constexpr size_t kMallocTopPad = size_t{64} << 20;

// The value GLIBC_TUNABLES should have for that (hugetlb, and top_pad
// unless it is set already), or "" to leave the environment as it is:
// `thp_enabled` is the text of /sys/kernel/mm/transparent_hugepage/enabled,
// which must select "madvise" ("always" backs the heap with huge pages
// already, "never" refuses them); `tunables` is GLIBC_TUNABLES (null when
// unset), extended unless it sets glibc.malloc.hugetlb already (as it does
// once the program has started again); `opt_out` is CHOKEPOINT_HUGE_PAGES
// ("0" turns this off); `ld_preload` is LD_PRELOAD (valgrind preloads
// there: a program started again under it would run outside the tool).
std::string MallocHugePageTunables(std::string_view thp_enabled, const char* tunables,
                                   const char* opt_out, const char* ld_preload);

// When MallocHugePageTunables asks for a change, sets GLIBC_TUNABLES and
// runs this program again (/proc/self/exe) with the same `argv`, so this
// call does not return; otherwise, on a C library other than glibc, in a
// set-user-ID process or when that fails, returns with the environment
// unchanged.
void RestartWithMallocHugePages(char** argv);

}  // namespace chokepoint::io

#endif  // CHOKEPOINT_IO_MEMORY_H_
