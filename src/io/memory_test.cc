#include "io/memory.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <numeric>
#include <string>
#include <vector>

#include "io/file.h"

namespace chokepoint::io {
namespace {

constexpr uintptr_t kMb = uintptr_t{1} << 20;

// One smaps entry: the header line and the Size / Rss lines (kB).
std::string Entry(uintptr_t begin, uintptr_t end, const char* perms, const char* inode,
                  const char* path, uint64_t rss_kb) {
  char head[256];
  std::snprintf(head, sizeof head, "%012lx-%012lx %s 00000000 00:00 %s %s\n",
                static_cast<unsigned long>(begin), static_cast<unsigned long>(end), perms, inode,
                path);
  std::string s = head;
  s += "Size:           " + std::to_string((end - begin) / 1024) + " kB\n";
  s += "KernelPageSize:        4 kB\n";
  s += "Rss:            " + std::to_string(rss_kb) + " kB\n";
  s += "Pss:            " + std::to_string(rss_kb) + " kB\n";
  s += "VmFlags: rd wr mr mw me ac sd\n";
  return s;
}

TEST(HugePageRegions, KeepsDenseAnonymousMappingsAlignedToHugePages) {
  const uintptr_t base = uintptr_t{0x7f0000000000};
  std::string smaps;
  // The heap, 1 MB past a 2 MB boundary to 13 MB past it, fully resident:
  // the whole huge pages inside are [2 MB, 12 MB).
  smaps += Entry(base + 1 * kMb, base + 13 * kMb, "rw-p", "0", "[heap]", 12 * 1024);
  // An anonymous mapping of 8 MB, aligned, 5 MB resident: all of it.
  smaps += Entry(base + 64 * kMb, base + 72 * kMb, "rw-p", "0", "", 5 * 1024);
  // A thread's stack: 8 MB, 64 kB resident (under half): left alone.
  smaps += Entry(base + 80 * kMb, base + 88 * kMb, "rw-p", "0", "", 64);
  // A file mapping, read-only code, a shared mapping, the main stack and a
  // reserved arena (no access): left alone.
  smaps += Entry(base + 96 * kMb, base + 100 * kMb, "rw-p", "1234", "/usr/lib/x.so", 4096);
  smaps += Entry(base + 100 * kMb, base + 104 * kMb, "r-xp", "0", "", 4096);
  smaps += Entry(base + 104 * kMb, base + 108 * kMb, "rw-s", "0", "", 4096);
  smaps += Entry(base + 108 * kMb, base + 112 * kMb, "rw-p", "0", "[stack]", 4096);
  smaps += Entry(base + 112 * kMb, base + 176 * kMb, "---p", "0", "", 0);
  // Under one huge page once aligned: nothing.
  smaps += Entry(base + 177 * kMb, base + 179 * kMb, "rw-p", "0", "", 2048);
  const std::vector<MemoryRegion> want = {{base + 2 * kMb, base + 12 * kMb},
                                          {base + 64 * kMb, base + 72 * kMb}};
  EXPECT_EQ(HugePageRegions(smaps), want);
}

TEST(HugePageRegions, EmptyAndMalformedInput) {
  EXPECT_TRUE(HugePageRegions("").empty());
  EXPECT_TRUE(HugePageRegions("not a mapping\nRss: 12 kB\n-\nzz-yy rw-p 0 0 0\n").empty());
  // A header without a Rss line that follows is not taken.
  EXPECT_TRUE(HugePageRegions("7f0000000000-7f0000800000 rw-p 00000000 00:00 0\n").empty());
}

TEST(HugePageRegions, ReadsThisProcess) {
  // A large, fully written allocation lies inside the regions found.
  std::vector<uint64_t> big(8 * kMb / sizeof(uint64_t));
  std::iota(big.begin(), big.end(), uint64_t{7});
  auto smaps = ReadFile("/proc/self/smaps");
  ASSERT_TRUE(smaps.ok()) << smaps.status().ToString();
  const uintptr_t data = reinterpret_cast<uintptr_t>(big.data());
  const uintptr_t inner_begin = (data + 2 * kMb - 1) & ~(2 * kMb - 1);
  const uintptr_t inner_end = (data + 8 * kMb) & ~(2 * kMb - 1);
  bool covered = false;
  for (const MemoryRegion& r : HugePageRegions(*smaps)) {
    EXPECT_EQ(r.begin % (2 * kMb), 0u);
    EXPECT_EQ(r.end % (2 * kMb), 0u);
    EXPECT_LT(r.begin, r.end);
    covered |= r.begin <= inner_begin && inner_end <= r.end;
  }
  EXPECT_TRUE(covered);
}

TEST(BackHeapWithHugePages, KeepsTheContents) {
  std::vector<uint64_t> big(16 * kMb / sizeof(uint64_t));
  std::iota(big.begin(), big.end(), uint64_t{11});
  const HugePageReport r = BackHeapWithHugePages();
  EXPECT_LE(r.collapsed, r.advised);
  EXPECT_GE(r.cpu_seconds, 0.0);
  for (size_t i = 0; i < big.size(); ++i) {
    ASSERT_EQ(big[i], 11 + i) << "at " << i;
  }
  // The process allocates and frees normally afterwards.
  std::vector<uint64_t> more(4 * kMb / sizeof(uint64_t), 3);
  EXPECT_EQ(std::accumulate(more.begin(), more.end(), uint64_t{0}), 3 * more.size());
}

TEST(MallocHugePageTunables, AddsTheMallocTunableWhenTheKernelAdvisesHugePages) {
  const char* madvise = "always [madvise] never\n";
  const std::string ours =
      "glibc.malloc.hugetlb=1:glibc.malloc.top_pad=" + std::to_string(64 * 1024 * 1024);
  EXPECT_EQ(MallocHugePageTunables(madvise, nullptr, nullptr, nullptr), ours);
  // Other tunables are kept, in front, and a pad of the user's wins.
  EXPECT_EQ(MallocHugePageTunables(madvise, "glibc.malloc.arena_max=2", nullptr, nullptr),
            "glibc.malloc.arena_max=2:" + ours);
  EXPECT_EQ(MallocHugePageTunables(madvise, "glibc.malloc.top_pad=0", nullptr, nullptr),
            "glibc.malloc.top_pad=0:glibc.malloc.hugetlb=1");
  EXPECT_EQ(MallocHugePageTunables(madvise, "", "1", "libfoo.so"), ours);
}

TEST(MallocHugePageTunables, LeavesTheEnvironmentAloneOtherwise) {
  const char* madvise = "always [madvise] never\n";
  // Set already (also the program started again: no second start).
  EXPECT_EQ(MallocHugePageTunables(madvise, "glibc.malloc.hugetlb=1", nullptr, nullptr), "");
  EXPECT_EQ(MallocHugePageTunables(madvise, "glibc.malloc.hugetlb=0", nullptr, nullptr), "");
  // Turned off, or under valgrind.
  EXPECT_EQ(MallocHugePageTunables(madvise, nullptr, "0", nullptr), "");
  EXPECT_EQ(MallocHugePageTunables(madvise, nullptr, nullptr,
                                   "/usr/libexec/valgrind/vgpreload_core-amd64-linux.so"),
            "");
  // The kernel backs the heap already, refuses huge pages, or says nothing.
  EXPECT_EQ(MallocHugePageTunables("[always] madvise never\n", nullptr, nullptr, nullptr), "");
  EXPECT_EQ(MallocHugePageTunables("always madvise [never]\n", nullptr, nullptr, nullptr), "");
  EXPECT_EQ(MallocHugePageTunables("", nullptr, nullptr, nullptr), "");
}

}  // namespace
}  // namespace chokepoint::io
