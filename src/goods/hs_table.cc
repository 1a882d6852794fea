#include "goods/hs_table.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "io/file.h"

namespace chokepoint::goods {

namespace {
#include "goods/hs_table.inc"

// RFC 4648 base64 (the payload has no line breaks or padding errors; any
// other byte is a build defect).
std::string DecodeBase64(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  out.reserve(in.size() / 4 * 3);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    int v = value(c);
    if (v < 0) continue;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

[[noreturn]] void Corrupt(const char* why) {
  std::fprintf(stderr, "chokepoint: internal error: HS table payload corrupt: %s\n", why);
  std::abort();
}

}  // namespace

struct HsTablesBuilder {
  std::string text;  // decoded payload; rows point into it
  HsNomenclature hs2017;
  HsNomenclature hs2022;

  HsTablesBuilder() {
    auto xz = DecodeBase64(kHsTableXzBase64);
    auto plain = io::DecompressXz(xz, "hs_table.inc");
    if (!plain.ok()) Corrupt(plain.status().ToString().c_str());
    text = std::move(plain).value();
    if (text.size() != kHsPayloadBytes) Corrupt("size mismatch");
    std::string_view all(text);
    size_t pos = 0;
    while (pos < all.size()) {
      size_t end = all.find('\n', pos);
      if (end == std::string_view::npos) end = all.size();
      std::string_view line = all.substr(pos, end - pos);
      pos = end + 1;
      if (line.empty()) continue;
      std::string_view f[4];
      size_t start = 0;
      for (int i = 0; i < 4; ++i) {
        size_t tab = i < 3 ? line.find('\t', start) : line.size();
        if (tab == std::string_view::npos) Corrupt("short line");
        f[i] = line.substr(start, tab - start);
        start = tab + 1;
      }
      if (f[1].size() != 1) Corrupt("bad mask");
      int mask = f[1][0] - '0';
      if (mask & 2) hs2022.rows_.push_back({f[0], f[2]});
      if (mask & 1) hs2017.rows_.push_back({f[0], f[3].empty() ? f[2] : f[3]});
    }
    if (hs2017.rows_.size() != kHs2017Codes || hs2022.rows_.size() != kHs2022Codes) {
      Corrupt("row count mismatch");
    }
  }
};

const HsNomenclature& HsNomenclature::Get(HsVintage vintage) {
  static const HsTablesBuilder* tables = new HsTablesBuilder();
  return vintage == HsVintage::k2017 ? tables->hs2017 : tables->hs2022;
}

const HsRow* HsNomenclature::Find(std::string_view code) const {
  auto it = std::lower_bound(rows_.begin(), rows_.end(), code,
                             [](const HsRow& r, std::string_view c) { return r.code < c; });
  if (it == rows_.end() || it->code != code) return nullptr;
  return &*it;
}

std::vector<const HsRow*> HsNomenclature::Under(std::string_view prefix, size_t length) const {
  std::vector<const HsRow*> out;
  auto it = std::lower_bound(rows_.begin(), rows_.end(), prefix,
                             [](const HsRow& r, std::string_view c) { return r.code < c; });
  for (; it != rows_.end() && it->code.substr(0, prefix.size()) == prefix; ++it) {
    if (it->code.size() == length) out.push_back(&*it);
  }
  return out;
}

}  // namespace chokepoint::goods
