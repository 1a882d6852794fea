// Snapshot file format (see docs/snapshot_format.md):
//
//   version 2 (written): magic "CHKPSNAP" | u32 2 | u64 raw payload size |
//     32-byte SHA-256 of the rest of the file | chunk table | zstd frames
//     (a head: created, sources, entity count; then the entities in chunks)
//   version 1 (still read): magic | u32 1 | u64 raw payload size |
//     32-byte SHA-256 of the raw payload | one zstd frame of the payload
//
// The raw payload (the concatenation of the frames' contents in version 2)
// is the same in both versions: a sequence of length-prefixed fields written
// by Writer and read back by Reader, which checks every length against the
// buffer so that a corrupt file is an error, never a crash.

#include "chokepoint/snapshot.h"

#include <openssl/evp.h>
#include <zstd.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <future>
#include <set>
#include <tuple>

#include "io/file.h"
#include "io/parallel.h"
#include "snapshot/snapshot_format.h"

extern "C" {
extern const char chokepoint_embedded_snapshot[];
extern const size_t chokepoint_embedded_snapshot_size;
}

namespace chokepoint {

namespace {

constexpr char kMagic[8] = {'C', 'H', 'K', 'P', 'S', 'N', 'A', 'P'};
using snapshot_internal::kHeaderSize;
// Raw (decompressed) bytes per entity chunk in version 2. Smaller chunks
// spread loading over more threads but compress worse (each zstd frame
// starts with an empty window): 4 MiB cost the bundled lists' file about 4%.
constexpr size_t kChunkBytes = size_t{4} << 20;
// Fewest bytes an encoded entity takes: two empty strs, 19 one-byte groups
// (schema, empty counts, empty gender) and the 4-byte incorporation date.
constexpr size_t kMinEntityBytes = 2 + 19 + 4;
// Upper bound on a payload's raw size, so a header cannot ask for a huge
// allocation before decompression shows it is false.
constexpr uint64_t kMaxRawBytes = uint64_t{1} << 34;
// Threads that load (and write) a version-2 file, the caller's included.
constexpr unsigned kMaxThreads = 4;

class Writer {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void Var(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7F) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void Str(std::string_view s) {
    Var(s.size());
    out_.append(s);
  }
  void Strs(const std::vector<std::string>& v) {
    Var(v.size());
    for (const auto& s : v) Str(s);
  }
  void Date(const PartialDate& d) {
    Var(static_cast<uint16_t>(d.year));
    U8(static_cast<uint8_t>(d.month));
    U8(static_cast<uint8_t>(d.day));
    U8(d.circa ? 1 : 0);
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  bool ok() const { return ok_; }
  uint8_t U8() {
    if (pos_ >= data_.size()) return Fail();
    return static_cast<uint8_t>(data_[pos_++]);
  }
  uint64_t Var() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) return Fail();
      uint8_t b = static_cast<uint8_t>(data_[pos_++]);
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    return Fail();
  }
  std::string Str() {
    uint64_t n = Var();
    if (!ok_ || n > data_.size() - pos_) {
      Fail();
      return {};
    }
    std::string s(data_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  // A count of items, each at least one byte long: bounded by what is left.
  size_t Count() {
    uint64_t n = Var();
    if (!ok_ || n > data_.size() - pos_) {
      Fail();
      return 0;
    }
    return static_cast<size_t>(n);
  }
  std::vector<std::string> Strs() {
    std::vector<std::string> v(Count());
    for (auto& s : v) s = Str();
    return v;
  }
  PartialDate Date() {
    PartialDate d;
    d.year = static_cast<int16_t>(Var());
    d.month = static_cast<int8_t>(U8());
    d.day = static_cast<int8_t>(U8());
    d.circa = U8() != 0;
    return d;
  }
  bool AtEnd() const { return pos_ == data_.size(); }
  size_t pos() const { return pos_; }

 private:
  uint8_t Fail() {
    ok_ = false;
    pos_ = data_.size();
    return 0;
  }
  std::string_view data_;
  size_t pos_ = 0;
  bool ok_ = true;
};

// Field groups of an entity, written in this order; their names are what
// `lists diff` reports as changed.
constexpr const char* kFieldNames[] = {"schema",
                                       "names",
                                       "addresses",
                                       "identifiers",
                                       "birth_dates",
                                       "birth_places",
                                       "nationalities",
                                       "countries",
                                       "gender",
                                       "titles",
                                       "programs",
                                       "listing_dates",
                                       "incorporation_date",
                                       "remarks",
                                       "relations",
                                       "websites",
                                       "emails",
                                       "phones",
                                       "sanctions_risks",
                                       "properties"};
constexpr size_t kFieldCount = sizeof(kFieldNames) / sizeof(kFieldNames[0]);

void WriteField(Writer& w, const Entity& e, size_t field) {
  switch (field) {
    case 0:
      w.U8(static_cast<uint8_t>(e.schema));
      break;
    case 1:
      w.Var(e.names.size());
      for (const auto& n : e.names) {
        w.Str(n.full);
        w.U8(static_cast<uint8_t>(n.kind));
        w.U8(static_cast<uint8_t>(n.script));
        w.Str(n.lang);
        w.Str(n.given);
        w.Str(n.middle);
        w.Str(n.family);
        w.Str(n.patronymic);
      }
      break;
    case 2:
      w.Var(e.addresses.size());
      for (const auto& a : e.addresses) {
        w.Str(a.full);
        w.Str(a.street);
        w.Str(a.city);
        w.Str(a.region);
        w.Str(a.postal_code);
        w.Str(a.country);
      }
      break;
    case 3:
      w.Var(e.identifiers.size());
      for (const auto& id : e.identifiers) {
        w.U8(static_cast<uint8_t>(id.type));
        w.Str(id.value);
        w.Str(id.country);
        w.Str(id.label);
        w.Str(id.note);
      }
      break;
    case 4:
      w.Var(e.birth_dates.size());
      for (const auto& d : e.birth_dates) w.Date(d);
      break;
    case 5:
      w.Strs(e.birth_places);
      break;
    case 6:
      w.Strs(e.nationalities);
      break;
    case 7:
      w.Strs(e.countries);
      break;
    case 8:
      w.Str(e.gender);
      break;
    case 9:
      w.Strs(e.titles);
      break;
    case 10:
      w.Var(e.programs.size());
      for (const auto& p : e.programs) {
        w.Str(p.code);
        w.Str(p.license_requirement);
        w.Str(p.license_policy);
      }
      break;
    case 11:
      w.Var(e.listing_dates.size());
      for (const auto& d : e.listing_dates) w.Date(d);
      break;
    case 12:
      w.Date(e.incorporation_date);
      break;
    case 13:
      w.Strs(e.remarks);
      break;
    case 14:
      w.Var(e.relations.size());
      for (const auto& r : e.relations) {
        w.U8(static_cast<uint8_t>(r.kind));
        w.Str(r.target_name);
        w.Str(r.target_id);
      }
      break;
    case 15:
      w.Strs(e.websites);
      break;
    case 16:
      w.Strs(e.emails);
      break;
    case 17:
      w.Strs(e.phones);
      break;
    case 18:
      w.Strs(e.sanctions_risks);
      break;
    case 19:
      w.Var(e.properties.size());
      for (const auto& [k, v] : e.properties) {
        w.Str(k);
        w.Str(v);
      }
      break;
  }
}

void WriteEntity(Writer& w, const Entity& e) {
  w.Str(e.source);
  w.Str(e.source_id);
  for (size_t f = 0; f < kFieldCount; ++f) WriteField(w, e, f);
}

template <typename E>
E Enum(Reader& r, uint8_t max) {
  uint8_t v = r.U8();
  return static_cast<E>(v <= max ? v : 0);
}

void ReadEntity(Reader& r, Entity& e) {
  e.source = r.Str();
  e.source_id = r.Str();
  e.schema = Enum<Schema>(r, static_cast<uint8_t>(Schema::kLegalEntity));
  e.names.resize(r.Count());
  for (auto& n : e.names) {
    n.full = r.Str();
    n.kind = Enum<NameKind>(r, static_cast<uint8_t>(NameKind::kFormerName));
    n.script = Enum<Script>(r, static_cast<uint8_t>(Script::kMyanmar));
    n.lang = r.Str();
    n.given = r.Str();
    n.middle = r.Str();
    n.family = r.Str();
    n.patronymic = r.Str();
  }
  e.addresses.resize(r.Count());
  for (auto& a : e.addresses) {
    a.full = r.Str();
    a.street = r.Str();
    a.city = r.Str();
    a.region = r.Str();
    a.postal_code = r.Str();
    a.country = r.Str();
  }
  e.identifiers.resize(r.Count());
  for (auto& id : e.identifiers) {
    id.type = Enum<IdType>(r, static_cast<uint8_t>(IdType::kCryptoWallet));
    id.value = r.Str();
    id.country = r.Str();
    id.label = r.Str();
    id.note = r.Str();
  }
  e.birth_dates.resize(r.Count());
  for (auto& d : e.birth_dates) d = r.Date();
  e.birth_places = r.Strs();
  e.nationalities = r.Strs();
  e.countries = r.Strs();
  e.gender = r.Str();
  e.titles = r.Strs();
  e.programs.resize(r.Count());
  for (auto& p : e.programs) {
    p.code = r.Str();
    p.license_requirement = r.Str();
    p.license_policy = r.Str();
  }
  e.listing_dates.resize(r.Count());
  for (auto& d : e.listing_dates) d = r.Date();
  e.incorporation_date = r.Date();
  e.remarks = r.Strs();
  e.relations.resize(r.Count());
  for (auto& rel : e.relations) {
    rel.kind = Enum<RelationKind>(r, static_cast<uint8_t>(RelationKind::kParentOf));
    rel.target_name = r.Str();
    rel.target_id = r.Str();
  }
  e.websites = r.Strs();
  e.emails = r.Strs();
  e.phones = r.Strs();
  e.sanctions_risks = r.Strs();
  e.properties.resize(r.Count());
  for (auto& [k, v] : e.properties) {
    k = r.Str();
    v = r.Str();
  }
}

void WriteSources(Writer& w, const std::vector<SourceInfo>& sources) {
  w.Var(sources.size());
  for (const auto& s : sources) {
    w.Str(s.source);
    w.Str(s.format);
    w.Str(s.list_date);
    w.Var(s.problems);
    w.Var(s.files.size());
    for (const auto& f : s.files) {
      w.Str(f.path);
      w.Str(f.sha256);
      w.Var(f.bytes);
      w.Str(f.modified);
    }
  }
}

std::vector<SourceInfo> ReadSources(Reader& r) {
  std::vector<SourceInfo> sources(r.Count());
  for (auto& s : sources) {
    s.source = r.Str();
    s.format = r.Str();
    s.list_date = r.Str();
    s.problems = r.Var();
    s.files.resize(r.Count());
    for (auto& f : s.files) {
      f.path = r.Str();
      f.sha256 = r.Str();
      f.bytes = r.Var();
      f.modified = r.Str();
    }
  }
  return sources;
}

void PutU32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void PutU64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
uint64_t GetLe(std::string_view s, size_t off, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i)
    v |= static_cast<uint64_t>(static_cast<uint8_t>(s[off + i])) << (8 * i);
  return v;
}

std::string HexOf(std::string_view bin) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bin) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

std::string BinOfHex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    auto nib = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    out.push_back(static_cast<char>(nib(hex[i]) * 16 + nib(hex[i + 1])));
  }
  return out;
}

// The payload: created time, sources, entities. The content hash covers what
// identifies the data (entities and each source's id, format, date and file
// hashes), not the import time or the paths the files were read from.
std::string Payload(const std::string& created, const std::vector<SourceInfo>& sources,
                    const std::vector<Entity>& entities) {
  Writer w;
  w.Str(created);
  WriteSources(w, sources);
  w.Var(entities.size());
  for (const auto& e : entities) WriteEntity(w, e);
  return std::move(w.out());
}

// The sources' part of the identity: what identifies each source's data.
std::string SourcesIdentity(const std::vector<SourceInfo>& sources) {
  Writer w;
  w.Var(sources.size());
  for (const auto& s : sources) {
    w.Str(s.source);
    w.Str(s.format);
    w.Str(s.list_date);
    for (const auto& f : s.files) w.Str(f.sha256);
  }
  return std::move(w.out());
}

// SHA-256 of the sources' identity followed by the entity count and the
// entities as the payload encodes them.
std::string IdentityHash(const std::vector<SourceInfo>& sources,
                         const std::vector<Entity>& entities) {
  Writer w;
  w.out() = SourcesIdentity(sources);
  w.Var(entities.size());
  for (const auto& e : entities) WriteEntity(w, e);
  return io::Sha256Hex(w.out());
}

bool EntityLess(const Entity& a, const Entity& b) {
  return std::tie(a.source, a.source_id) < std::tie(b.source, b.source_id);
}

// True when (source, source_id) strictly increases: the order Finish()
// establishes and every written snapshot has.
bool SortedUnique(const std::vector<Entity>& entities) {
  for (size_t i = 1; i < entities.size(); ++i) {
    if (!EntityLess(entities[i - 1], entities[i])) return false;
  }
  return true;
}

void CountPerSource(std::vector<SourceInfo>& sources, const std::vector<Entity>& entities) {
  // Schema counts go to a small array per source first: a map insertion
  // keyed by a fresh string per entity was a measurable part of a load.
  constexpr size_t kSchemas = static_cast<size_t>(Schema::kLegalEntity) + 1;
  std::vector<std::array<uint64_t, kSchemas>> schema_counts(sources.size());
  for (auto& s : sources) {
    s.entities = 0;
    s.names = 0;
    s.schemas.clear();
  }
  size_t current = sources.size();  // entities are grouped by source
  for (const auto& e : entities) {
    if (current == sources.size() || sources[current].source != e.source) {
      current = sources.size();
      for (size_t i = 0; i < sources.size(); ++i) {
        if (sources[i].source == e.source) current = i;
      }
      if (current == sources.size()) continue;
    }
    ++sources[current].entities;
    sources[current].names += e.names.size();
    ++schema_counts[current][static_cast<size_t>(e.schema)];
  }
  for (size_t i = 0; i < sources.size(); ++i) {
    for (size_t k = 0; k < kSchemas; ++k) {
      if (schema_counts[i][k] > 0) {
        sources[i].schemas[std::string(SchemaName(static_cast<Schema>(k)))] += schema_counts[i][k];
      }
    }
  }
}

std::string VersionOf(const std::vector<SourceInfo>& sources, const std::string& created,
                      const std::string& content_sha256) {
  std::string newest;
  for (const auto& s : sources) newest = std::max(newest, s.list_date);
  if (newest.empty()) newest = created.substr(0, 10);
  return newest + "." + content_sha256.substr(0, 12);
}

// Incremental SHA-256 (OpenSSL EVP), for hashing data held in pieces.
class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr); }
  ~Sha256() { EVP_MD_CTX_free(ctx_); }
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view data) { EVP_DigestUpdate(ctx_, data.data(), data.size()); }
  // The 32-byte digest. REQUIRES: called once.
  std::string Digest() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx_, md, &len);
    return std::string(reinterpret_cast<const char*>(md), len);
  }

 private:
  EVP_MD_CTX* ctx_;
};

// What a file's payload decodes to, before Snapshot assembles it.
struct Decoded {
  std::string created;
  std::vector<SourceInfo> sources;
  std::vector<Entity> entities;
  // SHA-256 (hex) of SourcesIdentity(sources) followed by the payload's
  // entity section as stored: the content hash when the entities are in
  // Finish() order.
  std::string identity_sha256;
};

// Version 1: one zstd frame; the header holds the payload's SHA-256. The
// two SHA-256 passes run on other threads while this one decodes. Decoding
// never reads outside the buffer, so decoding a corrupt payload is safe; its
// result is dropped when the payload hash does not match. (The futures are
// declared after `payload` and so are joined before it is freed, on every
// return path.)
Result<Decoded> ParseVersion1(std::string_view bytes, const std::string& name) {
  uint64_t raw_size = GetLe(bytes, 12, 8);
  std::string expected_hash = HexOf(bytes.substr(20, 32));
  CHOKEPOINT_ASSIGN_OR_RETURN(std::string payload,
                              io::DecompressZstd(bytes.substr(kHeaderSize), name));
  if (payload.size() != raw_size) {
    return Status::ParseError(name + ": payload size does not match the header");
  }
  std::string_view view(payload);
  auto payload_hash = std::async(std::launch::async, [view] { return io::Sha256Hex(view); });
  Decoded d;
  Reader r(payload);
  d.created = r.Str();
  d.sources = ReadSources(r);
  const size_t entities_at = r.pos();
  auto identity_hash =
      std::async(std::launch::async, [view, entities_at, sources = SourcesIdentity(d.sources)] {
        std::string identity = sources;
        identity.append(view.substr(std::min(entities_at, view.size())));
        return io::Sha256Hex(identity);
      });
  d.entities.resize(r.Count());
  for (auto& e : d.entities) {
    ReadEntity(r, e);
    if (!r.ok()) break;
  }
  if (payload_hash.get() != expected_hash) {
    return Status::ParseError(name + ": payload hash mismatch (file corrupt or edited)");
  }
  if (!r.ok() || !r.AtEnd()) return Status::ParseError(name + ": malformed snapshot payload");
  d.identity_sha256 = identity_hash.get();
  return d;
}

// Version 2. After the fixed header (whose hash field holds the SHA-256 of
// the header's first 20 bytes and everything after the hash):
//
//   u32 chunk count C | head: u64 frame bytes, u64 raw bytes |
//   C x (u64 frame bytes, u64 raw bytes, u64 entities) | head frame |
//   C chunk frames
//
// The head holds created, the sources and the entity count; chunk i holds
// the next `entities` entities. Concatenated, the frames' contents are the
// version-1 payload byte for byte.
constexpr size_t kHeadEntryBytes = 16;
constexpr size_t kChunkEntryBytes = 24;

struct ChunkEntry {
  uint64_t frame_bytes = 0;
  uint64_t raw_bytes = 0;
  uint64_t entities = 0;
  size_t frame_at = 0;  // offset of the frame in the file
  size_t first = 0;     // index of the chunk's first entity
  std::string raw;      // decompressed
  bool ok = false;
};

std::string FileDigest(std::string_view bytes) {
  Sha256 sha;
  sha.Update(bytes.substr(0, 20));
  sha.Update(bytes.substr(kHeaderSize));
  return sha.Digest();
}

// Decompresses one frame that the table says holds exactly `raw_bytes`.
bool DecompressExact(std::string_view frame, uint64_t raw_bytes, std::string& out) {
  if (ZSTD_getFrameContentSize(frame.data(), frame.size()) != raw_bytes) return false;
  out.resize(raw_bytes);
  size_t n = ZSTD_decompress(out.data(), out.size(), frame.data(), frame.size());
  return !ZSTD_isError(n) && n == raw_bytes;
}

Result<Decoded> ParseVersion2(std::string_view bytes, const std::string& name) {
  auto malformed = [&name](const char* what) {
    return Status::ParseError(name + ": malformed snapshot (" + what + ")");
  };
  const uint64_t raw_size = GetLe(bytes, 12, 8);
  size_t pos = kHeaderSize;
  if (bytes.size() - pos < 4 + kHeadEntryBytes) return malformed("truncated chunk table");
  const uint64_t chunk_count = GetLe(bytes, pos, 4);
  pos += 4;
  ChunkEntry head;
  head.frame_bytes = GetLe(bytes, pos, 8);
  head.raw_bytes = GetLe(bytes, pos + 8, 8);
  pos += kHeadEntryBytes;
  if (chunk_count > (bytes.size() - pos) / kChunkEntryBytes) {
    return malformed("truncated chunk table");
  }
  std::vector<ChunkEntry> chunks(chunk_count);
  for (auto& c : chunks) {
    c.frame_bytes = GetLe(bytes, pos, 8);
    c.raw_bytes = GetLe(bytes, pos + 8, 8);
    c.entities = GetLe(bytes, pos + 16, 8);
    pos += kChunkEntryBytes;
  }
  // Lay the frames out and check the sizes add up, before any allocation.
  uint64_t raw_total = head.raw_bytes;
  uint64_t entity_total = 0;
  if (head.frame_bytes > bytes.size() - pos || head.raw_bytes > kMaxRawBytes) {
    return malformed("bad head size");
  }
  head.frame_at = pos;
  pos += head.frame_bytes;
  for (auto& c : chunks) {
    if (c.frame_bytes > bytes.size() - pos || c.raw_bytes > kMaxRawBytes ||
        c.entities > c.raw_bytes / kMinEntityBytes || c.entities == 0) {
      return malformed("bad chunk size");
    }
    c.frame_at = pos;
    c.first = entity_total;
    pos += c.frame_bytes;
    raw_total += c.raw_bytes;
    entity_total += c.entities;
    if (raw_total > kMaxRawBytes) return malformed("bad chunk size");
  }
  if (pos != bytes.size()) return malformed("frames do not fill the file");
  if (raw_total != raw_size) {
    return Status::ParseError(name + ": payload size does not match the header");
  }

  // Phase 1, in parallel: check the file's hash, decompress every frame.
  std::string digest;
  io::ParallelFor(chunks.size() + 2, io::HardwareThreads(kMaxThreads), [&](size_t i) {
    if (i == 0) {
      digest = FileDigest(bytes);
    } else {
      ChunkEntry& c = i == 1 ? head : chunks[i - 2];
      c.ok = DecompressExact(bytes.substr(c.frame_at, c.frame_bytes), c.raw_bytes, c.raw);
    }
  });
  if (digest != bytes.substr(20, 32)) {
    return Status::ParseError(name + ": file hash mismatch (file corrupt or edited)");
  }
  if (!head.ok || !std::all_of(chunks.begin(), chunks.end(), [](auto& c) { return c.ok; })) {
    return malformed("bad zstd frame");
  }

  Decoded d;
  Reader r(head.raw);
  d.created = r.Str();
  d.sources = ReadSources(r);
  const size_t entities_at = r.pos();
  const uint64_t count = r.Var();
  if (!r.ok() || !r.AtEnd() || count != entity_total) return malformed("bad head");

  // Phase 2, in parallel: the identity hash over the stored entity bytes
  // (the longest task, so first), and each chunk's entities decoded into
  // their own slots of the vector.
  d.entities.resize(entity_total);
  io::ParallelFor(chunks.size() + 1, io::HardwareThreads(kMaxThreads), [&](size_t i) {
    if (i == 0) {
      Sha256 sha;
      sha.Update(SourcesIdentity(d.sources));
      sha.Update(std::string_view(head.raw).substr(entities_at));
      for (const auto& c : chunks) sha.Update(c.raw);
      d.identity_sha256 = HexOf(sha.Digest());
      return;
    }
    ChunkEntry& c = chunks[i - 1];
    Reader cr(c.raw);
    for (size_t k = 0; k < c.entities && cr.ok(); ++k) ReadEntity(cr, d.entities[c.first + k]);
    c.ok = cr.ok() && cr.AtEnd();
  });
  if (!std::all_of(chunks.begin(), chunks.end(), [](auto& c) { return c.ok; })) {
    return malformed("bad entity chunk");
  }
  return d;
}

// The version-2 file bytes: entities encoded into chunks of about
// kChunkBytes, every frame compressed in parallel (zstd level 9; each frame
// depends only on its bytes, so the file does not depend on the threads).
std::string SerializeVersion2(const std::string& created, const std::vector<SourceInfo>& sources,
                              const std::vector<Entity>& entities) {
  Writer head;
  head.Str(created);
  WriteSources(head, sources);
  head.Var(entities.size());
  std::vector<ChunkEntry> chunks;
  Writer w;
  size_t in_chunk = 0;
  auto close_chunk = [&] {
    ChunkEntry c;
    c.entities = in_chunk;
    c.raw = std::move(w.out());
    c.raw_bytes = c.raw.size();
    chunks.push_back(std::move(c));
    w.out().clear();
    in_chunk = 0;
  };
  for (const auto& e : entities) {
    WriteEntity(w, e);
    ++in_chunk;
    if (w.out().size() >= kChunkBytes) close_chunk();
  }
  if (in_chunk > 0) close_chunk();

  std::vector<std::string> frames(chunks.size() + 1);
  io::ParallelFor(frames.size(), io::HardwareThreads(kMaxThreads), [&](size_t i) {
    auto z = io::CompressZstd(i == 0 ? head.out() : chunks[i - 1].raw, 9);
    if (z.ok()) frames[i] = std::move(z.value());
  });
  uint64_t raw_total = head.out().size();
  for (const auto& c : chunks) raw_total += c.raw_bytes;

  std::string out(kMagic, sizeof kMagic);
  PutU32(out, 2);
  PutU64(out, raw_total);
  out.append(32, '\0');  // the file hash, filled in below
  PutU32(out, static_cast<uint32_t>(chunks.size()));
  PutU64(out, frames[0].size());
  PutU64(out, head.out().size());
  for (size_t i = 0; i < chunks.size(); ++i) {
    PutU64(out, frames[i + 1].size());
    PutU64(out, chunks[i].raw_bytes);
    PutU64(out, chunks[i].entities);
  }
  for (const auto& f : frames) out += f;
  std::string digest = FileDigest(out);
  out.replace(20, 32, digest);
  return out;
}

}  // namespace

std::shared_ptr<const Snapshot> Snapshot::Build(std::vector<SourceInput> inputs,
                                                std::string created) {
  auto snap = std::shared_ptr<Snapshot>(new Snapshot());
  snap->created_ = std::move(created);
  for (auto& in : inputs) {
    SourceInfo info;
    info.source = in.spec.source_id;
    info.format = in.spec.format ? std::string(in.spec.format->name) : "";
    info.list_date = in.output.meta.list_date;
    info.files = std::move(in.files);
    info.problems = in.output.problems.size();
    for (auto& e : in.output.entities) {
      e.source = info.source;
      snap->entities_.push_back(std::move(e));
    }
    snap->sources_.push_back(std::move(info));
  }
  snap->Finish();
  return snap;
}

void Snapshot::Finish() {
  // Sorting is skipped for input already in order (a loaded snapshot):
  // stable_sort would still move every entity.
  if (!SortedUnique(entities_)) {
    std::stable_sort(entities_.begin(), entities_.end(), EntityLess);
    // One entity per (source, source_id): readers merge their records, so a
    // duplicate here is a publisher error; keep the first.
    auto last =
        std::unique(entities_.begin(), entities_.end(), [](const Entity& a, const Entity& b) {
          return a.source == b.source && a.source_id == b.source_id;
        });
    entities_.erase(last, entities_.end());
  }
  CountPerSource(sources_, entities_);
  content_sha256_ = IdentityHash(sources_, entities_);
  version_ = VersionOf(sources_, created_, content_sha256_);
}

std::string Snapshot::Serialize() const { return SerializeVersion2(created_, sources_, entities_); }

Status Snapshot::Write(const std::string& path) const {
  return io::WriteFileAtomic(path, Serialize());
}

Result<std::shared_ptr<const Snapshot>> Snapshot::Parse(std::string_view bytes,
                                                        const std::string& name) {
  if (bytes.size() < kHeaderSize || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    return Status::ParseError(name + ": not a Chokepoint snapshot (bad magic)");
  }
  uint32_t version = static_cast<uint32_t>(GetLe(bytes, 8, 4));
  Result<Decoded> decoded = Status::ParseError("");
  if (version == 2) {
    decoded = ParseVersion2(bytes, name);
  } else if (version == 1) {
    decoded = ParseVersion1(bytes, name);
  } else {
    return Status::ParseError(name + ": snapshot format version " + std::to_string(version) +
                              " is not supported (this build reads versions 1 and 2; re-import "
                              "with this build)");
  }
  if (!decoded.ok()) return decoded.status();
  auto snap = std::shared_ptr<Snapshot>(new Snapshot());
  snap->created_ = std::move(decoded->created);
  snap->sources_ = std::move(decoded->sources);
  snap->entities_ = std::move(decoded->entities);
  // The stored entity bytes are what IdentityHash() would encode when the
  // entities are in Finish() order, as in every file Write() produces; a
  // file in another order is sorted and hashed by re-encoding.
  if (SortedUnique(snap->entities_)) {
    CountPerSource(snap->sources_, snap->entities_);
    snap->content_sha256_ = std::move(decoded->identity_sha256);
    snap->version_ = VersionOf(snap->sources_, snap->created_, snap->content_sha256_);
  } else {
    snap->Finish();
  }
  return std::shared_ptr<const Snapshot>(std::move(snap));
}

namespace snapshot_internal {

std::string SerializeVersion1(const Snapshot& snapshot) {
  std::string payload = Payload(snapshot.created(), snapshot.sources(), snapshot.entities());
  auto compressed = io::CompressZstd(payload, 9);
  std::string out(kMagic, sizeof kMagic);
  PutU32(out, 1);
  PutU64(out, payload.size());
  out += BinOfHex(io::Sha256Hex(payload));
  out += compressed.ok() ? compressed.value() : std::string();
  return out;
}

}  // namespace snapshot_internal

Result<std::shared_ptr<const Snapshot>> Snapshot::Load(const std::string& path) {
  CHOKEPOINT_ASSIGN_OR_RETURN(std::string bytes, io::ReadFile(path));
  return Parse(bytes, path);
}

Result<std::shared_ptr<const Snapshot>> Snapshot::LoadEmbedded() {
  if (chokepoint_embedded_snapshot_size == 0) {
    return Status::NotFound("this binary has no embedded snapshot; pass --snapshot FILE");
  }
  return Parse(std::string_view(chokepoint_embedded_snapshot, chokepoint_embedded_snapshot_size),
               "<embedded default>");
}

Status Snapshot::CheckSourceIds(const std::vector<std::string>& ids) const {
  for (const auto& id : ids) {
    bool found = false;
    std::string known;
    for (const auto& info : sources_) {
      if (info.source == id) found = true;
      known += (known.empty() ? "" : ", ") + info.source;
    }
    if (!found) {
      return Status::InvalidArgument("the snapshot has no source '" + id + "' (it has: " + known +
                                     ")");
    }
  }
  return Status::Ok();
}

int64_t Snapshot::Find(std::string_view source, std::string_view source_id) const {
  auto less = [](const Entity& e, std::pair<std::string_view, std::string_view> key) {
    int c = std::string_view(e.source).compare(key.first);
    return c < 0 || (c == 0 && std::string_view(e.source_id) < key.second);
  };
  auto it =
      std::lower_bound(entities_.begin(), entities_.end(), std::make_pair(source, source_id), less);
  if (it == entities_.end() || it->source != source || it->source_id != source_id) return -1;
  return it - entities_.begin();
}

SnapshotDiff DiffSnapshots(const Snapshot& older, const Snapshot& newer) {
  SnapshotDiff diff;
  const auto& a = older.entities();
  const auto& b = newer.entities();
  auto programs_added = [](const Entity* old_e, const Entity& new_e) {
    std::vector<std::string> out;
    std::set<std::string> had;
    if (old_e) {
      for (const auto& p : old_e->programs) had.insert(p.code);
    }
    for (const auto& p : new_e.programs) {
      if (!had.count(p.code)) out.push_back(p.code);
    }
    return out;
  };
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    int cmp;
    if (i == a.size()) {
      cmp = 1;
    } else if (j == b.size()) {
      cmp = -1;
    } else {
      auto ka = std::tie(a[i].source, a[i].source_id);
      auto kb = std::tie(b[j].source, b[j].source_id);
      cmp = ka < kb ? -1 : (kb < ka ? 1 : 0);
    }
    if (cmp < 0) {
      diff.removed.push_back({a[i].source, a[i].source_id, a[i].caption(), {}, {}});
      ++i;
    } else if (cmp > 0) {
      diff.added.push_back(
          {b[j].source, b[j].source_id, b[j].caption(), {}, programs_added(nullptr, b[j])});
      ++j;
    } else {
      DiffEntry entry{b[j].source, b[j].source_id, b[j].caption(), {}, {}};
      for (size_t f = 0; f < kFieldCount; ++f) {
        Writer wa, wb;
        WriteField(wa, a[i], f);
        WriteField(wb, b[j], f);
        if (wa.out() != wb.out()) entry.fields.push_back(kFieldNames[f]);
      }
      if (!entry.fields.empty()) {
        entry.programs_added = programs_added(&a[i], b[j]);
        diff.changed.push_back(std::move(entry));
      }
      ++i;
      ++j;
    }
  }
  return diff;
}

}  // namespace chokepoint
