// Snapshot::Parse's fast path (hashing the stored entity bytes instead of
// re-encoding them) must give the same content hash and version as Build.

#include <gtest/gtest.h>

#include "chokepoint/snapshot.h"

namespace chokepoint {
namespace {

SourceInput MakeSource(const std::string& id, std::vector<std::string> entity_ids) {
  SourceInput in;
  in.spec.format = FindFormat("csv");
  in.spec.source_id = id;
  in.files.push_back({"/x/" + id + ".csv", std::string(64, 'a'), 10, ""});
  in.output.meta.list_date = "2025-01-0" + std::to_string(id.size() % 9);
  for (const auto& eid : entity_ids) {
    Entity e;
    e.source_id = eid;
    e.schema = Schema::kPerson;
    Name n;
    n.full = "Name " + eid;
    e.names.push_back(n);
    e.programs.push_back({"PROG", "", ""});
    in.output.entities.push_back(std::move(e));
  }
  return in;
}

std::shared_ptr<const Snapshot> Sample() {
  std::vector<SourceInput> inputs;
  // Out of order on purpose: Build sorts.
  inputs.push_back(MakeSource("zz_list", {"9", "10", "1"}));
  inputs.push_back(MakeSource("aa", {"b", "a", "a"}));  // duplicate "a" dropped
  return Snapshot::Build(std::move(inputs), "2026-01-01T00:00:00Z");
}

TEST(SnapshotLoad, RoundTripKeepsVersionAndCounts) {
  auto built = Sample();
  auto parsed = Snapshot::Parse(built->Serialize(), "mem");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const Snapshot& p = **parsed;
  EXPECT_EQ(p.content_sha256(), built->content_sha256());
  EXPECT_EQ(p.version(), built->version());
  ASSERT_EQ(p.entities().size(), 5u);
  EXPECT_EQ(p.entities()[0].source, "aa");
  EXPECT_EQ(p.entities()[0].source_id, "a");
  ASSERT_EQ(p.sources().size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(p.sources()[i].entities, built->sources()[i].entities);
    EXPECT_EQ(p.sources()[i].names, built->sources()[i].names);
    EXPECT_EQ(p.sources()[i].schemas, built->sources()[i].schemas);
  }
  EXPECT_EQ(p.Find("zz_list", "10"), built->Find("zz_list", "10"));
  // Serialising the parsed snapshot gives the same bytes.
  EXPECT_EQ(p.Serialize(), built->Serialize());
}

TEST(SnapshotLoad, EveryFlippedByteIsRejected) {
  auto built = Sample();
  std::string bytes = built->Serialize();
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string bad = bytes;
    bad[i] ^= 0x5A;
    auto r = Snapshot::Parse(bad, "mem");
    EXPECT_FALSE(r.ok()) << "byte " << i << " flipped was accepted";
  }
}

}  // namespace
}  // namespace chokepoint
