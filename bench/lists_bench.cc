// Benchmarks of list import and snapshot load, each beside a baseline from
// the same run (absolute times drift on a shared machine; ratios do not).
//
// Workloads (the bundled lists of data/lists, specs as in
// cmake/BundledLists.cmake):
//
//   Import/<source>          ImportSources() of one bundled source: read,
//                            xz-decompress, parse, build a snapshot.
//   Baseline_Decompress/<source>
//                            the floor under it: read and xz-decompress the
//                            same files and count their lines.
//   ImportAll                all bundled sources in one ImportSources() call
//                            (sources are read in parallel). Goal: < 2 s.
//   Baseline_DecompressAll   the floor: decompress and count all files.
//   Serialize                Snapshot::Serialize() of the full snapshot
//                            (format version 2: payload encoding, zstd
//                            level 9 per chunk in parallel, SHA-256).
//   Parse                    Snapshot::Parse() from bytes in memory.
//   Load                     Snapshot::Load() from a file. Goal: < 50 ms.
//   Parse_Version1, Load_Version1
//                            the baseline for Parse/Load: the same snapshot
//                            as a format-version-1 file (one zstd frame,
//                            decoded on one thread while two others hash),
//                            the previous implementation, which Parse still
//                            uses for such files.
//   LoadStage_ReadFile, LoadStage_Decompress, LoadStage_Sha256
//                            the parts of a version-1 load before decoding
//                            (read the file, decompress its single frame,
//                            SHA-256 of the payload), to show where its time
//                            goes. ImportAll is what a process would pay
//                            without a snapshot file.
//
// Multi-threaded workloads report wall ("Time") and whole-process CPU time
// ("CPU", all threads): on a busy shared machine the wall time is inflated
// by waiting for a core, and the CPU time is the better guide to what an
// idle machine would take (an upper bound for it: wall >= CPU / cores).
//
// Run: bench/run_lists_bench.sh (builds, runs, and writes
// bench/results/lists_<date>.txt with the machine noted).

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "chokepoint/lists.h"
#include "chokepoint/snapshot.h"
#include "io/file.h"
#include "io/strings.h"
#include "snapshot/snapshot_format.h"

namespace chokepoint {
namespace {

std::vector<std::string> BundledSpecs() {
  std::vector<std::string> out;
  for (auto s : io::Split(CHOKEPOINT_BENCH_SPECS, "|")) {
    if (!s.empty()) out.emplace_back(s);
  }
  return out;
}

std::shared_ptr<const Snapshot> ImportOrDie(const std::vector<std::string>& specs) {
  ImportOptions options;
  options.quiet = true;
  options.created = "2026-01-01T00:00:00Z";
  std::ostringstream sink;
  auto r = ImportSources(specs, options, sink);
  if (!r.ok()) {
    std::cerr << "lists_bench: import failed: " << r.status().ToString() << "\n";
    std::exit(1);
  }
  return r.value();
}

void ImportBench(benchmark::State& state, std::vector<std::string> specs) {
  size_t entities = 0;
  for (auto _ : state) {
    auto snap = ImportOrDie(specs);
    entities = snap->entities().size();
    benchmark::DoNotOptimize(snap);
  }
  state.counters["entities"] = static_cast<double>(entities);
  state.counters["entities_per_s"] =
      benchmark::Counter(static_cast<double>(entities) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}

void DecompressBench(benchmark::State& state, std::vector<std::string> specs) {
  std::vector<std::string> paths;
  for (const auto& s : specs) {
    auto spec = ParseSourceSpec(s);
    if (!spec.ok()) {
      state.SkipWithError(spec.status().ToString().c_str());
      return;
    }
    paths.insert(paths.end(), spec->paths.begin(), spec->paths.end());
  }
  uint64_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    size_t lines = 0;
    for (const auto& p : paths) {
      auto f = LoadInputFile(p);
      if (!f.ok()) {
        state.SkipWithError(f.status().ToString().c_str());
        return;
      }
      lines += static_cast<size_t>(std::count(f->data.begin(), f->data.end(), '\n'));
      bytes += f->data.size();
    }
    benchmark::DoNotOptimize(lines);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
}

// The full snapshot, its bytes and a file holding them, built once; also
// as a format-version-1 file (the baseline).
struct Fixture {
  std::shared_ptr<const Snapshot> snap;
  std::string bytes;
  std::string path;
  std::string v1_bytes;
  std::string v1_path;
};

std::vector<std::string> g_snapshot_files;  // removed at exit

std::string WriteTemp(const std::string& bytes) {
  char tmpl[] = "/tmp/chokepoint_bench_XXXXXX";
  int fd = ::mkstemp(tmpl);
  if (fd >= 0) ::close(fd);
  g_snapshot_files.push_back(tmpl);
  Status st = io::WriteFileAtomic(tmpl, bytes);
  if (!st.ok()) {
    std::cerr << "lists_bench: " << st.ToString() << "\n";
    std::exit(1);
  }
  return tmpl;
}

Fixture& Full() {
  static Fixture* f = [] {
    auto* out = new Fixture;
    out->snap = ImportOrDie(BundledSpecs());
    out->bytes = out->snap->Serialize();
    out->path = WriteTemp(out->bytes);
    out->v1_bytes = snapshot_internal::SerializeVersion1(*out->snap);
    out->v1_path = WriteTemp(out->v1_bytes);
    return out;
  }();
  return *f;
}

void BM_Serialize(benchmark::State& state) {
  const auto& f = Full();
  for (auto _ : state) {
    std::string bytes = f.snap->Serialize();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["file_bytes"] = static_cast<double>(f.bytes.size());
}

// `version1`: parse the baseline's bytes instead.
void ParseBench(benchmark::State& state, bool version1) {
  const auto& f = Full();
  const std::string& bytes = version1 ? f.v1_bytes : f.bytes;
  for (auto _ : state) {
    auto snap = Snapshot::Parse(bytes, "bench");
    if (!snap.ok()) {
      state.SkipWithError(snap.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(snap);
    // Freeing the snapshot is not part of loading it.
    state.PauseTiming();
    snap = Status::Internal("freed");
    state.ResumeTiming();
  }
  state.counters["entities"] = static_cast<double>(f.snap->entities().size());
  state.counters["file_bytes"] = static_cast<double>(version1 ? f.v1_bytes.size() : f.bytes.size());
}

void LoadBench(benchmark::State& state, bool version1) {
  const auto& f = Full();
  const std::string& path = version1 ? f.v1_path : f.path;
  for (auto _ : state) {
    auto snap = Snapshot::Load(path);
    if (!snap.ok()) {
      state.SkipWithError(snap.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(snap);
    // Freeing the snapshot is not part of loading it.
    state.PauseTiming();
    snap = Status::Internal("freed");
    state.ResumeTiming();
  }
  state.counters["entities"] = static_cast<double>(f.snap->entities().size());
  state.counters["file_bytes"] = static_cast<double>(version1 ? f.v1_bytes.size() : f.bytes.size());
}

void BM_LoadStage_ReadFile(benchmark::State& state) {
  const auto& f = Full();
  for (auto _ : state) {
    auto bytes = io::ReadFile(f.v1_path);
    benchmark::DoNotOptimize(bytes);
  }
}

void BM_LoadStage_Decompress(benchmark::State& state) {
  const auto& f = Full();
  // Version 1's zstd frame starts after the fixed header.
  std::string_view frame = std::string_view(f.v1_bytes).substr(snapshot_internal::kHeaderSize);
  for (auto _ : state) {
    auto payload = io::DecompressZstd(frame, "bench");
    benchmark::DoNotOptimize(payload);
  }
}

void BM_LoadStage_Sha256(benchmark::State& state) {
  const auto& f = Full();
  auto payload = io::DecompressZstd(
      std::string_view(f.v1_bytes).substr(snapshot_internal::kHeaderSize), "bench");
  if (!payload.ok()) {
    state.SkipWithError(payload.status().ToString().c_str());
    return;
  }
  for (auto _ : state) {
    std::string h = io::Sha256Hex(*payload);
    benchmark::DoNotOptimize(h);
  }
  state.SetBytesProcessed(static_cast<int64_t>(payload->size()) * state.iterations());
}

}  // namespace
}  // namespace chokepoint

int main(int argc, char** argv) {
  using namespace chokepoint;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const auto specs = BundledSpecs();
  for (const auto& s : specs) {
    auto spec = ParseSourceSpec(s);
    if (!spec.ok()) {
      std::cerr << "lists_bench: " << spec.status().ToString() << "\n";
      return 1;
    }
    std::string id = spec->source_id;
    benchmark::RegisterBenchmark(("Import/" + id).c_str(), ImportBench, std::vector<std::string>{s})
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->MeasureProcessCPUTime();
    benchmark::RegisterBenchmark(("Baseline_Decompress/" + id).c_str(), DecompressBench,
                                 std::vector<std::string>{s})
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->MeasureProcessCPUTime();
  }
  benchmark::RegisterBenchmark("ImportAll", ImportBench, specs)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->MeasureProcessCPUTime()
      ->MinTime(3.0);
  benchmark::RegisterBenchmark("Baseline_DecompressAll", DecompressBench, specs)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->MeasureProcessCPUTime();
  benchmark::RegisterBenchmark("Serialize", BM_Serialize)->Unit(benchmark::kMillisecond);
  // Each new path beside its baseline, alternating, so both see the same load.
  for (bool version1 : {true, false}) {
    benchmark::RegisterBenchmark(version1 ? "Parse_Version1" : "Parse", ParseBench, version1)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->MeasureProcessCPUTime()
        ->MinTime(2.0);
  }
  for (bool version1 : {true, false}) {
    benchmark::RegisterBenchmark(version1 ? "Load_Version1" : "Load", LoadBench, version1)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->MeasureProcessCPUTime()
        ->MinTime(2.0);
  }
  benchmark::RegisterBenchmark("LoadStage_ReadFile", BM_LoadStage_ReadFile)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("LoadStage_Decompress", BM_LoadStage_Decompress)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("LoadStage_Sha256", BM_LoadStage_Sha256)
      ->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  for (const auto& path : g_snapshot_files) std::remove(path.c_str());
  return 0;
}
