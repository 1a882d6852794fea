#include "io/memory.h"

#include <sys/mman.h>

#include <charconv>
#include <ctime>
#include <string>

#include "io/file.h"

namespace chokepoint::io {
namespace {

constexpr uintptr_t kHugePage = uintptr_t{1} << 21;
// MADV_COLLAPSE from Linux 6.1's uapi headers, for C libraries older than
// the kernel.
#ifdef MADV_COLLAPSE
constexpr int kCollapse = MADV_COLLAPSE;
#else
constexpr int kCollapse = 25;
#endif

bool ParseHex(std::string_view s, uintptr_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out, 16);
  return ec == std::errc() && p == s.data() + s.size();
}

// The next whitespace-separated field of `line` from `pos`.
std::string_view Field(std::string_view line, size_t& pos) {
  while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
  const size_t start = pos;
  while (pos < line.size() && line[pos] != ' ' && line[pos] != '\t') ++pos;
  return line.substr(start, pos - start);
}

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

std::vector<MemoryRegion> HugePageRegions(std::string_view smaps) {
  std::vector<MemoryRegion> out;
  // The mapping being read: eligible by its header line, and its size.
  bool eligible = false;
  uintptr_t begin = 0, end = 0;
  auto finish = [&](uint64_t rss_kb) {
    if (!eligible) return;
    eligible = false;
    if (rss_kb * 1024 * 2 < end - begin) return;  // under half resident
    const uintptr_t b = (begin + kHugePage - 1) & ~(kHugePage - 1);
    const uintptr_t e = end & ~(kHugePage - 1);
    if (e > b) out.push_back({b, e});
  };
  size_t at = 0;
  while (at < smaps.size()) {
    size_t nl = smaps.find('\n', at);
    if (nl == std::string_view::npos) nl = smaps.size();
    const std::string_view line = smaps.substr(at, nl - at);
    at = nl + 1;
    size_t pos = 0;
    const std::string_view first = Field(line, pos);
    if (first == "Rss:") {
      uint64_t kb = 0;
      const std::string_view v = Field(line, pos);
      if (std::from_chars(v.data(), v.data() + v.size(), kb).ec == std::errc()) finish(kb);
      continue;
    }
    // A mapping's header: "begin-end perms offset dev inode [path]"; the
    // field lines ("Size:", "Rss:", ...) end in ':' and VmFlags has letters.
    const size_t dash = first.find('-');
    if (dash == std::string_view::npos || first.back() == ':') continue;
    uintptr_t b = 0, e = 0;
    if (!ParseHex(first.substr(0, dash), b) || !ParseHex(first.substr(dash + 1), e)) continue;
    const std::string_view perms = Field(line, pos);
    Field(line, pos);  // offset
    Field(line, pos);  // device
    const std::string_view inode = Field(line, pos);
    const std::string_view path = Field(line, pos);
    eligible = perms.size() == 4 && perms[0] == 'r' && perms[1] == 'w' && perms[3] == 'p' &&
               inode == "0" && (path.empty() || path == "[heap]") && e > b;
    begin = b;
    end = e;
  }
  return out;
}

HugePageReport BackHeapWithHugePages() {
  HugePageReport report;
  const double cpu0 = CpuSeconds();
  auto smaps = ReadFile("/proc/self/smaps");
  if (!smaps.ok()) return report;
  for (const MemoryRegion& r : HugePageRegions(*smaps)) {
    void* p = reinterpret_cast<void*>(r.begin);
    const size_t n = r.end - r.begin;
    if (madvise(p, n, MADV_HUGEPAGE) == 0) report.advised += n;
    if (madvise(p, n, kCollapse) == 0) report.collapsed += n;
  }
  report.cpu_seconds = CpuSeconds() - cpu0;
  return report;
}

}  // namespace chokepoint::io
