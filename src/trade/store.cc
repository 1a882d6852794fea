// Trade store file (docs/trade_store.md):
//
//   magic "CHKPTRAD" | u32 version | u32 reserved | u64 rows |
//   5 dictionaries (countries, hs codes, currencies, units, parties), each
//     u32 count then per string u32 length + bytes |
//   padding to 8 bytes | columns, each padded to 8 bytes, in this order:
//     reporter u16, partner u16, flow u8, valuation u8, hs u32, vintage u16,
//     period i32, value f64, quantity f64, currency u16, unit u16,
//     shipper u32, consignee u32 |
//   trailing SHA-256 (32 bytes) of everything before it.
//
// Open() maps the file and points the column pointers into the mapping, so a
// store of any size opens in the time it takes to read its dictionaries.

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <unordered_map>

#include "chokepoint/trade.h"
#include "io/file.h"
#include "trade/ingest.h"
#include "trade/query_index.h"

namespace chokepoint::trade {

namespace {

constexpr char kMagic[8] = {'C', 'H', 'K', 'P', 'T', 'R', 'A', 'D'};
constexpr uint32_t kVersion = 1;

// Hashing std::string keys so that they can be found by string_view (C++20
// heterogeneous lookup) without building a std::string per lookup.
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// A dictionary in order of first use. Consecutive records often repeat a
// value (one reporter's rows together), so the last hit is checked first.
class Dict {
 public:
  uint32_t Code(std::string_view s) {
    if (last_ != nullptr && last_->first == s) return last_->second;
    auto it = index_.find(s);
    if (it == index_.end()) {
      it = index_.emplace(std::string(s), static_cast<uint32_t>(values_.size())).first;
      values_.emplace_back(s);
    }
    last_ = &*it;
    return it->second;
  }
  std::vector<std::string>& values() { return values_; }

 private:
  std::unordered_map<std::string, uint32_t, ViewHash, std::equal_to<>> index_;
  const std::pair<const std::string, uint32_t>* last_ = nullptr;
  std::vector<std::string> values_;
};

// Pointers to the columns of a store being built.
struct Columns {
  uint16_t *reporter, *partner, *vintage, *currency, *unit;
  uint8_t *flow, *valuation;
  uint32_t *hs, *shipper, *consignee;
  int32_t* period;
  double *value, *quantity;
};

void Pad8(std::string& out) {
  while (out.size() % 8) out.push_back('\0');
}

template <typename T>
void PutRaw(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

template <typename T>
void PutColumn(std::string& out, const T* data, size_t n) {
  Pad8(out);
  out.append(reinterpret_cast<const char*>(data), n * sizeof(T));
}

}  // namespace

// Reads and writes the file layout; a friend of TradeStore.
class StoreCodec {
 public:
  // Allocates the columns for n rows in one owned buffer, each 8-byte aligned.
  static Columns Allocate(TradeStore& s, size_t n) {
    auto round = [](size_t b) { return (b + 7) & ~size_t{7}; };
    size_t bytes = round(n * 2) * 2 + round(n) * 2 + round(n * 4) + round(n * 2) + round(n * 4) +
                   round(n * 8) * 2 + round(n * 2) * 2 + round(n * 4) * 2 + 64;
    s.owned_.reset(static_cast<char*>(std::calloc(bytes, 1)));
    if (s.owned_ == nullptr) throw std::bad_alloc();
    char* p = s.owned_.get();
    auto take = [&](auto*& ptr, size_t width) {
      p = reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(p) + 7) & ~uintptr_t{7});
      ptr = reinterpret_cast<std::remove_reference_t<decltype(ptr)>>(p);
      p += n * width;
    };
    Columns c;
    take(c.reporter, 2);
    take(c.partner, 2);
    take(c.flow, 1);
    take(c.valuation, 1);
    take(c.hs, 4);
    take(c.vintage, 2);
    take(c.period, 4);
    take(c.value, 8);
    take(c.quantity, 8);
    take(c.currency, 2);
    take(c.unit, 2);
    take(c.shipper, 4);
    take(c.consignee, 4);
    s.rows_ = n;
    s.reporter_ = c.reporter;
    s.partner_ = c.partner;
    s.flow_ = c.flow;
    s.valuation_ = c.valuation;
    s.hs_ = c.hs;
    s.vintage_ = c.vintage;
    s.period_ = c.period;
    s.value_ = c.value;
    s.quantity_ = c.quantity;
    s.currency_ = c.currency;
    s.unit_ = c.unit;
    s.shipper_ = c.shipper;
    s.consignee_ = c.consignee;
    return c;
  }

  static void SetDictionaries(TradeStore& s, Dict& countries, Dict& hs, Dict& currencies,
                              Dict& units, Dict& parties) {
    s.countries_ = std::move(countries.values());
    s.hs_codes_ = std::move(hs.values());
    s.currencies_ = std::move(currencies.values());
    s.units_ = std::move(units.values());
    s.parties_ = std::move(parties.values());
    s.Index();
  }

  static std::shared_ptr<TradeStore> New() { return std::shared_ptr<TradeStore>(new TradeStore()); }

  static std::string Encode(const TradeStore& s) {
    std::string out(kMagic, sizeof kMagic);
    PutRaw(out, kVersion);
    PutRaw(out, uint32_t{0});
    PutRaw(out, static_cast<uint64_t>(s.rows_));
    for (const auto* dict : {&s.countries_, &s.hs_codes_, &s.currencies_, &s.units_, &s.parties_}) {
      PutRaw(out, static_cast<uint32_t>(dict->size()));
      for (const auto& str : *dict) {
        PutRaw(out, static_cast<uint32_t>(str.size()));
        out.append(str);
      }
    }
    size_t n = s.rows_;
    PutColumn(out, s.reporter_, n);
    PutColumn(out, s.partner_, n);
    PutColumn(out, s.flow_, n);
    PutColumn(out, s.valuation_, n);
    PutColumn(out, s.hs_, n);
    PutColumn(out, s.vintage_, n);
    PutColumn(out, s.period_, n);
    PutColumn(out, s.value_, n);
    PutColumn(out, s.quantity_, n);
    PutColumn(out, s.currency_, n);
    PutColumn(out, s.unit_, n);
    PutColumn(out, s.shipper_, n);
    PutColumn(out, s.consignee_, n);
    Pad8(out);
    std::string hash = io::Sha256Hex(out);
    out += hash.substr(0, 32);
    return out;
  }

  // Points `s`'s columns into `data` (which must stay alive and be 8-byte
  // aligned). Checks every bound.
  static Status Decode(TradeStore& s, const char* data, size_t size, const std::string& name) {
    auto bad = [&](const std::string& why) {
      return Status::ParseError(name + ": not a valid trade store (" + why + ")");
    };
    if (size < 24 + 32 || std::memcmp(data, kMagic, 8) != 0) return bad("bad magic");
    uint32_t version;
    std::memcpy(&version, data + 8, 4);
    if (version != kVersion) return bad("unsupported version " + std::to_string(version));
    std::string expect = io::Sha256Hex(std::string_view(data, size - 32)).substr(0, 32);
    if (std::memcmp(expect.data(), data + size - 32, 32) != 0) return bad("checksum mismatch");
    uint64_t rows;
    std::memcpy(&rows, data + 16, 8);
    size_t pos = 24;
    size_t end = size - 32;
    for (auto* dict : {&s.countries_, &s.hs_codes_, &s.currencies_, &s.units_, &s.parties_}) {
      if (pos + 4 > end) return bad("truncated dictionary");
      uint32_t count;
      std::memcpy(&count, data + pos, 4);
      pos += 4;
      if (count > end - pos) return bad("dictionary count");
      dict->resize(count);
      for (auto& str : *dict) {
        if (pos + 4 > end) return bad("truncated dictionary");
        uint32_t len;
        std::memcpy(&len, data + pos, 4);
        pos += 4;
        if (len > end - pos) return bad("dictionary string");
        str.assign(data + pos, len);
        pos += len;
      }
    }
    if (rows > end) return bad("row count");
    s.rows_ = rows;
    auto column = [&](auto*& ptr, size_t width) -> bool {
      pos = (pos + 7) & ~size_t{7};
      if (pos > end || rows * width > end - pos) return false;
      ptr = reinterpret_cast<std::remove_reference_t<decltype(ptr)>>(data + pos);
      pos += rows * width;
      return true;
    };
    bool ok = column(s.reporter_, 2) && column(s.partner_, 2) && column(s.flow_, 1) &&
              column(s.valuation_, 1) && column(s.hs_, 4) && column(s.vintage_, 2) &&
              column(s.period_, 4) && column(s.value_, 8) && column(s.quantity_, 8) &&
              column(s.currency_, 2) && column(s.unit_, 2) && column(s.shipper_, 4) &&
              column(s.consignee_, 4);
    if (!ok) return bad("truncated columns");
    // Dictionary codes must be in range.
    for (size_t i = 0; i < rows; ++i) {
      if (s.reporter_[i] >= s.countries_.size() || s.partner_[i] >= s.countries_.size() ||
          s.hs_[i] >= s.hs_codes_.size() || s.currency_[i] >= s.currencies_.size() ||
          s.unit_[i] >= s.units_.size() || s.shipper_[i] >= s.parties_.size() ||
          s.consignee_[i] >= s.parties_.size() || s.flow_[i] > 3) {
        return bad("code out of range in row " + std::to_string(i + 1));
      }
    }
    return Status::Ok();
  }
};

std::string_view FlowName(Flow flow) {
  switch (flow) {
    case Flow::kImport:
      return "import";
    case Flow::kExport:
      return "export";
    case Flow::kReImport:
      return "re-import";
    case Flow::kReExport:
      return "re-export";
  }
  return "export";
}

std::shared_ptr<const TradeStore> TradeStore::Build(const std::vector<TradeRecord>& records) {
  auto s = StoreCodec::New();
  Dict countries, hs, currencies, units, parties;
  parties.Code("");
  units.Code("");
  currencies.Code("");
  const size_t n = records.size();
  Columns c = StoreCodec::Allocate(*s, n);
  for (size_t i = 0; i < n; ++i) {
    const auto& r = records[i];
    c.reporter[i] = static_cast<uint16_t>(countries.Code(r.reporter));
    c.partner[i] = static_cast<uint16_t>(countries.Code(r.partner));
    c.flow[i] = static_cast<uint8_t>(r.flow);
    c.valuation[i] = static_cast<uint8_t>(r.valuation);
    c.hs[i] = hs.Code(r.hs_code);
    c.vintage[i] = r.hs_vintage;
    c.period[i] = r.period;
    c.value[i] = r.value;
    c.quantity[i] = r.quantity;
    c.currency[i] = static_cast<uint16_t>(currencies.Code(r.currency));
    c.unit[i] = static_cast<uint16_t>(units.Code(r.unit));
    c.shipper[i] = parties.Code(r.shipper);
    c.consignee[i] = parties.Code(r.consignee);
  }
  StoreCodec::SetDictionaries(*s, countries, hs, currencies, units, parties);
  return s;
}

std::shared_ptr<const TradeStore> BuildFromChunks(std::vector<TradeChunk> chunks) {
  auto s = StoreCodec::New();
  Dict countries, hs, currencies, units, parties;
  parties.Code("");
  units.Code("");
  currencies.Code("");
  size_t n = 0;
  for (const auto& c : chunks) n += c.size();
  Columns col = StoreCodec::Allocate(*s, n);
  // Merging the chunks' dictionaries in chunk order gives every value the
  // code it would have had in a one-pass Build over the same rows.
  auto remap = [](const std::vector<std::string>& local, Dict& global) {
    std::vector<uint32_t> map(local.size());
    for (size_t k = 0; k < local.size(); ++k) map[k] = global.Code(local[k]);
    return map;
  };
  size_t at = 0;
  for (auto& c : chunks) {
    const size_t m = c.size();
    if (m == 0) continue;
    auto country_map = remap(c.countries, countries);
    auto hs_map = remap(c.hs_codes, hs);
    for (size_t i = 0; i < m; ++i) {
      col.reporter[at + i] = static_cast<uint16_t>(country_map[c.reporter[i]]);
      col.partner[at + i] = static_cast<uint16_t>(country_map[c.partner[i]]);
    }
    std::copy(c.flow.begin(), c.flow.end(), col.flow + at);
    for (size_t i = 0; i < m; ++i) col.hs[at + i] = hs_map[c.hs[i]];
    for (size_t i = 0; i < m; ++i) {
      int32_t p = c.period[i];
      col.period[at + i] = p;
      col.vintage[at + i] = p / 100 >= 2022 ? 2022 : 2017;  // as the readers assign it
    }
    std::copy(c.value.begin(), c.value.end(), col.value + at);
    if (!c.quantity.empty()) std::copy(c.quantity.begin(), c.quantity.end(), col.quantity + at);
    if (c.currency.empty()) {
      std::fill(col.currency + at, col.currency + at + m,
                static_cast<uint16_t>(currencies.Code(c.default_currency)));
    } else {
      auto map = remap(c.currencies, currencies);
      for (size_t i = 0; i < m; ++i)
        col.currency[at + i] = static_cast<uint16_t>(map[c.currency[i]]);
    }
    if (!c.unit.empty()) {
      auto map = remap(c.units, units);
      for (size_t i = 0; i < m; ++i) col.unit[at + i] = static_cast<uint16_t>(map[c.unit[i]]);
    }
    if (!c.shipper.empty() || !c.consignee.empty()) {
      // Build assigns a row's shipper before its consignee.
      std::vector<uint32_t> map(c.parties.size(), UINT32_MAX);
      auto code = [&](uint32_t local) {
        if (map[local] == UINT32_MAX) map[local] = parties.Code(c.parties[local]);
        return map[local];
      };
      for (size_t i = 0; i < m; ++i) {
        if (!c.shipper.empty()) col.shipper[at + i] = code(c.shipper[i]);
        if (!c.consignee.empty()) col.consignee[at + i] = code(c.consignee[i]);
      }
    }
    at += m;
    c = TradeChunk();  // free the chunk's columns before the next one
  }
  StoreCodec::SetDictionaries(*s, countries, hs, currencies, units, parties);
  return s;
}

Result<std::shared_ptr<const TradeStore>> TradeStore::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::NotFound(path + ": cannot open trade store");
  struct stat st;
  if (fstat(fd, &st) != 0 || st.st_size <= 0) {
    ::close(fd);
    return Status::ParseError(path + ": empty trade store file");
  }
  size_t size = static_cast<size_t>(st.st_size);
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return Status::IoError(path + ": mmap failed");
  auto s = std::shared_ptr<TradeStore>(new TradeStore());
  s->map_ = map;
  s->map_size_ = size;
  CHOKEPOINT_RETURN_IF_ERROR(StoreCodec::Decode(*s, static_cast<const char*>(map), size, path));
  s->Index();
  return std::shared_ptr<const TradeStore>(std::move(s));
}

TradeStore::~TradeStore() {
  if (map_ != nullptr) ::munmap(map_, map_size_);
}

Status TradeStore::Write(const std::string& path) const {
  return io::WriteFileAtomic(path, StoreCodec::Encode(*this));
}

TradeRecord TradeStore::Row(size_t i) const {
  TradeRecord r;
  r.reporter = countries_[reporter_[i]];
  r.partner = countries_[partner_[i]];
  r.flow = static_cast<Flow>(flow_[i]);
  r.valuation = static_cast<Valuation>(valuation_[i]);
  r.hs_code = hs_codes_[hs_[i]];
  r.hs_vintage = vintage_[i];
  r.period = period_[i];
  r.value = value_[i];
  r.quantity = quantity_[i];
  r.currency = currencies_[currency_[i]];
  r.unit = units_[unit_[i]];
  r.shipper = parties_[shipper_[i]];
  r.consignee = parties_[consignee_[i]];
  return r;
}

void TradeStore::Index() {
  // A code is a leaf unless another code in the store extends it. Sorting puts
  // every extension of a code right after it.
  std::vector<uint32_t> order(hs_codes_.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return hs_codes_[a] < hs_codes_[b]; });
  hs_leaf_.assign(hs_codes_.size(), true);
  for (size_t k = 0; k + 1 < order.size(); ++k) {
    const std::string& a = hs_codes_[order[k]];
    const std::string& b = hs_codes_[order[k + 1]];
    if (b.size() > a.size() && b.compare(0, a.size(), a) == 0) hs_leaf_[order[k]] = false;
  }
}

}  // namespace chokepoint::trade
