// Snapshot::Parse's fast path (hashing the stored entity bytes instead of
// re-encoding them) must give the same content hash and version as Build,
// for the current format (version 2, entities in chunks decoded in
// parallel) and for version 1 files, and every corrupt byte is an error.

#include <gtest/gtest.h>

#include <cstring>

#include "chokepoint/snapshot.h"
#include "io/file.h"
#include "snapshot/snapshot_format.h"

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

// Entities whose encoding spans several version-2 chunks (of about 4 MiB
// raw each): `count` entities with a long remark each.
std::shared_ptr<const Snapshot> Large(size_t count) {
  SourceInput in = MakeSource("big", {});
  for (size_t i = 0; i < count; ++i) {
    Entity e;
    e.source_id = std::to_string(1000000 + i);
    e.schema = i % 3 == 0 ? Schema::kCompany : Schema::kPerson;
    Name n;
    n.full = "Name " + std::to_string(i * 7919 % 100003);
    e.names.push_back(n);
    // Varied so that it does not compress to nothing.
    std::string remark;
    for (size_t k = 0; k < 100; ++k) remark += std::to_string((i * 31 + k * 17) % 9973) + " ";
    e.remarks.push_back(remark);
    in.output.entities.push_back(std::move(e));
  }
  std::vector<SourceInput> inputs;
  inputs.push_back(std::move(in));
  return Snapshot::Build(std::move(inputs), "2026-01-01T00:00:00Z");
}

uint32_t FormatVersionOf(const std::string& bytes) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i)
    v |= static_cast<uint32_t>(static_cast<uint8_t>(bytes[8 + i])) << (8 * i);
  return v;
}

uint32_t ChunkCountOf(const std::string& bytes) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    v |= static_cast<uint32_t>(static_cast<uint8_t>(bytes[snapshot_internal::kHeaderSize + i]))
         << (8 * i);
  }
  return v;
}

void ExpectSameSnapshot(const Snapshot& p, const Snapshot& built) {
  EXPECT_EQ(p.content_sha256(), built.content_sha256());
  EXPECT_EQ(p.version(), built.version());
  EXPECT_EQ(p.created(), built.created());
  ASSERT_EQ(p.entities().size(), built.entities().size());
  for (size_t i = 0; i < p.entities().size(); ++i) {
    const Entity& a = p.entities()[i];
    const Entity& b = built.entities()[i];
    ASSERT_EQ(a.source_id, b.source_id) << i;
    ASSERT_EQ(a.names.size(), b.names.size()) << i;
    if (!a.names.empty()) EXPECT_EQ(a.names[0].full, b.names[0].full) << i;
    EXPECT_EQ(a.remarks, b.remarks) << i;
    EXPECT_EQ(a.schema, b.schema) << i;
  }
}

TEST(SnapshotLoad, WritesCurrentFormatVersion) {
  std::string bytes = Sample()->Serialize();
  EXPECT_EQ(FormatVersionOf(bytes), 2u);
  EXPECT_EQ(ChunkCountOf(bytes), 1u);
}

TEST(SnapshotLoad, ManyChunksRoundTrip) {
  auto built = Large(20000);  // about 10 MB of entities: several chunks
  std::string bytes = built->Serialize();
  ASSERT_GE(ChunkCountOf(bytes), 2u);
  auto parsed = Snapshot::Parse(bytes, "mem");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ExpectSameSnapshot(**parsed, *built);
  EXPECT_EQ((*parsed)->Serialize(), bytes);
  // The version-1 file of the same snapshot gives the same snapshot.
  std::string v1 = snapshot_internal::SerializeVersion1(*built);
  EXPECT_EQ(FormatVersionOf(v1), 1u);
  auto parsed_v1 = Snapshot::Parse(v1, "mem");
  ASSERT_TRUE(parsed_v1.ok()) << parsed_v1.status().ToString();
  ExpectSameSnapshot(**parsed_v1, *built);
  EXPECT_EQ((*parsed_v1)->Serialize(), bytes);
}

TEST(SnapshotLoad, EmptySnapshotRoundTrips) {
  auto built = Snapshot::Build({}, "2026-01-01T00:00:00Z");
  std::string bytes = built->Serialize();
  EXPECT_EQ(ChunkCountOf(bytes), 0u);
  auto parsed = Snapshot::Parse(bytes, "mem");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_TRUE((*parsed)->entities().empty());
  EXPECT_EQ((*parsed)->version(), built->version());
}

TEST(SnapshotLoad, VersionOneRoundTrip) {
  auto built = Sample();
  auto parsed = Snapshot::Parse(snapshot_internal::SerializeVersion1(*built), "mem");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ExpectSameSnapshot(**parsed, *built);
}

TEST(SnapshotLoad, UnknownVersionIsRejectedByName) {
  std::string bytes = Sample()->Serialize();
  bytes[8] = 3;
  auto r = Snapshot::Parse(bytes, "mem");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find("format version 3 is not supported"), std::string::npos)
      << r.status().ToString();
}

void ExpectEveryFlipRejected(const std::string& bytes) {
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string bad = bytes;
    bad[i] ^= 0x5A;
    auto r = Snapshot::Parse(bad, "mem");
    EXPECT_FALSE(r.ok()) << "byte " << i << " flipped was accepted";
  }
}

TEST(SnapshotLoad, EveryFlippedByteIsRejected) { ExpectEveryFlipRejected(Sample()->Serialize()); }

TEST(SnapshotLoad, EveryFlippedByteIsRejectedVersionOne) {
  ExpectEveryFlipRejected(snapshot_internal::SerializeVersion1(*Sample()));
}

TEST(SnapshotLoad, EveryTruncationIsRejected) {
  std::string bytes = Sample()->Serialize();
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(Snapshot::Parse(std::string_view(bytes).substr(0, n), "mem").ok()) << n;
  }
}

// Recomputes a version-2 file's hash as docs/snapshot_format.md defines it:
// SHA-256 of the header's first 20 bytes and everything after the hash.
void RehashVersion2(std::string& bytes) {
  const size_t k = snapshot_internal::kHeaderSize;
  std::string hex = io::Sha256Hex(bytes.substr(0, 20) + bytes.substr(k));
  for (size_t i = 0; i < 32; ++i) {
    bytes[20 + i] = static_cast<char>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  }
}

TEST(SnapshotLoad, RehashedFileIsAccepted) {
  // The test helper computes the hash the way the format says (so the
  // rejections below are the table checks, not the hash).
  std::string bytes = Sample()->Serialize();
  std::string rehashed = bytes;
  RehashVersion2(rehashed);
  EXPECT_EQ(rehashed, bytes);
}

// A file whose hash is right but whose chunk table lies (as a hand-made
// file could) is an error, not a crash or a huge allocation.
TEST(SnapshotLoad, LyingChunkTableWithValidHashIsRejected) {
  std::string bytes = Sample()->Serialize();
  const size_t table = snapshot_internal::kHeaderSize + 4 + 16;  // first chunk entry
  for (size_t field = 0; field < 3; ++field) {
    for (uint64_t value : {uint64_t{0}, uint64_t{1}, uint64_t{1} << 40, ~uint64_t{0}}) {
      std::string bad = bytes;
      for (int i = 0; i < 8; ++i) bad[table + 8 * field + i] = static_cast<char>(value >> (8 * i));
      RehashVersion2(bad);
      auto r = Snapshot::Parse(bad, "mem");
      EXPECT_FALSE(r.ok()) << "field " << field << " value " << value;
    }
  }
}

}  // namespace
}  // namespace chokepoint
