#include "io/memory.h"

#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <ctime>
#include <string>

#include "io/file.h"
#include "io/strings.h"

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
  for (std::string_view line : Split(smaps, "\n")) {
    const std::string text = CollapseWhitespace(line);
    const std::vector<std::string_view> f = Split(text, " ");
    if (f[0] == "Rss:") {
      uint64_t kb = 0;
      if (f.size() > 1 &&
          std::from_chars(f[1].data(), f[1].data() + f[1].size(), kb).ec == std::errc()) {
        finish(kb);
      }
      continue;
    }
    // A mapping's header: "begin-end perms offset device inode [path]" (the
    // field lines, "Size:", "VmFlags:" ..., have no such range).
    const size_t dash = f[0].find('-');
    uintptr_t b = 0, e = 0;
    if (f.size() < 5 || dash == std::string_view::npos || !ParseHex(f[0].substr(0, dash), b) ||
        !ParseHex(f[0].substr(dash + 1), e)) {
      continue;
    }
    const std::string_view perms = f[1], inode = f[4], path = f.size() > 5 ? f[5] : "";
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

std::string MallocHugePageTunables(std::string_view thp_enabled, const char* tunables,
                                   const char* opt_out, const char* ld_preload) {
  constexpr std::string_view kTunable = "glibc.malloc.hugetlb";
  if (opt_out != nullptr && std::string_view(opt_out) == "0") return "";
  if (ld_preload != nullptr &&
      std::string_view(ld_preload).find("vgpreload") != std::string_view::npos) {
    return "";
  }
  if (thp_enabled.find("[madvise]") == std::string_view::npos) return "";
  const std::string_view current = tunables == nullptr ? "" : tunables;
  if (current.find(kTunable) != std::string_view::npos) return "";
  std::string out(current);
  if (!out.empty()) out += ':';
  out += kTunable;
  out += "=1";
  if (current.find("glibc.malloc.top_pad") == std::string_view::npos) {
    out += ":glibc.malloc.top_pad=" + std::to_string(kMallocTopPad);
  }
  return out;
}

void RestartWithMallocHugePages(char** argv) {
#ifdef __GLIBC__
  // (A set-user-ID program's loader drops GLIBC_TUNABLES: it would start
  // again and again.)
  if (getauxval(AT_SECURE) != 0) return;
  auto mode = ReadFile("/sys/kernel/mm/transparent_hugepage/enabled");
  if (!mode.ok()) return;
  const char* before = std::getenv("GLIBC_TUNABLES");
  const std::string saved = before == nullptr ? "" : before;
  const std::string tunables = MallocHugePageTunables(
      *mode, before, std::getenv("CHOKEPOINT_HUGE_PAGES"), std::getenv("LD_PRELOAD"));
  if (tunables.empty()) return;
  if (setenv("GLIBC_TUNABLES", tunables.c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);
  // Still here: exec failed, so the environment goes back as it was.
  if (before == nullptr) {
    unsetenv("GLIBC_TUNABLES");
  } else {
    setenv("GLIBC_TUNABLES", saved.c_str(), 1);
  }
#else
  (void)argv;
#endif
}

}  // namespace chokepoint::io
