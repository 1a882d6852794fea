// Trade stores and their queries for Python, as mergeable partial sums.
//
// Share and surge are computed over a row range [begin, end) of a store
// file: the filter is resolved exactly as the engine's queries do (HS group
// over the store's leaf codes in either HS vintage, reporter, partner, flow,
// period), and the values are accumulated as exact partial sums (Shewchuk's
// non-overlapping partials, the algorithm behind Python's math.fsum). The
// caller adds the partials of every range with math.fsum, which gives the
// correctly rounded total whatever the split, so a store aggregated in one
// piece and in a thousand Dask partitions gives the same figures to the bit.

#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "bindings.h"
#include "chokepoint/trade.h"

namespace chokepoint::python {

namespace {

std::mutex g_store_mu;
std::map<std::string, std::shared_ptr<const trade::TradeStore>>* g_stores =
    new std::map<std::string, std::shared_ptr<const trade::TradeStore>>();  // never destroyed

// Adds x to the non-overlapping partials (Shewchuk 1997, "Adaptive
// precision floating-point arithmetic"; the msum recipe).
void AddExact(std::vector<double>& partials, double x) {
  size_t i = 0;
  for (size_t j = 0; j < partials.size(); ++j) {
    double y = partials[j];
    if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
    double hi = x + y;
    double lo = y - (hi - x);
    if (lo != 0.0) partials[i++] = lo;
    x = hi;
  }
  partials.resize(i);
  partials.push_back(x);
}

// The engine's query filter resolved to dictionary codes (see
// src/trade/query.cc, which this mirrors).
struct Compiled {
  std::vector<uint8_t> hs_ok;
  int reporter = -1;  // -1 any, -2 nothing
  int partner = -1;
  int flow = -1;
};

int CountryIndex(const trade::TradeStore& store, const std::string& cc) {
  if (cc.empty()) return -1;
  std::string up = cc;
  for (char& c : up) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  const auto& c = store.countries();
  for (size_t i = 0; i < c.size(); ++i) {
    if (c[i] == up) return static_cast<int>(i);
  }
  return -2;
}

Compiled Compile(const trade::TradeStore& store, const std::string& hs, const std::string& reporter,
                 const std::string& partner, const std::string& flow) {
  trade::HsGroup group = ValueOrThrow(trade::ParseHsGroup(hs));
  Compiled c;
  const auto& codes = store.hs_codes();
  c.hs_ok.resize(codes.size());
  for (size_t i = 0; i < codes.size(); ++i) {
    c.hs_ok[i] = store.hs_leaf()[i] && group.MatchesAnyVintage(codes[i]) ? 1 : 0;
  }
  c.reporter = CountryIndex(store, reporter);
  c.partner = CountryIndex(store, partner);
  if (flow.empty()) {
    c.flow = -1;
  } else if (flow == "import") {
    c.flow = static_cast<int>(trade::Flow::kImport);
  } else if (flow == "export") {
    c.flow = static_cast<int>(trade::Flow::kExport);
  } else if (flow == "re-export") {
    c.flow = static_cast<int>(trade::Flow::kReExport);
  } else if (flow == "re-import") {
    c.flow = static_cast<int>(trade::Flow::kReImport);
  } else {
    throw StatusError(
        Status::InvalidArgument("flow must be import, export, re-export or re-import"));
  }
  return c;
}

inline bool RowOk(const trade::TradeStore& s, const Compiled& c, size_t i) {
  if (!c.hs_ok[s.hs()[i]]) return false;
  if (c.reporter != -1 && s.reporter()[i] != c.reporter) return false;
  if (c.partner != -1 && s.partner()[i] != c.partner) return false;
  if (c.flow != -1 && s.flow()[i] != c.flow) return false;
  return true;
}

class PyTradeStore {
 public:
  explicit PyTradeStore(std::shared_ptr<const trade::TradeStore> store)
      : store_(std::move(store)) {}

  size_t size() const { return store_->size(); }

  // {key: [partials]} and the months with data, for rows [begin, end).
  py::tuple PartialShare(const std::string& hs, const std::string& period_text,
                         const std::string& by, const std::string& reporter,
                         const std::string& partner, const std::string& flow, size_t begin,
                         size_t end) const {
    if (by != "partner" && by != "reporter") {
      throw StatusError(Status::InvalidArgument("by must be partner or reporter"));
    }
    trade::PeriodSpec period = ValueOrThrow(trade::ParsePeriod(period_text));
    const trade::TradeStore& s = *store_;
    Compiled c = Compile(s, hs, reporter, partner, flow);
    Range(begin, end);
    std::vector<std::vector<double>> sums(s.countries().size());
    std::vector<uint8_t> seen_month(13, 0);
    {
      py::gil_scoped_release release;
      const bool by_partner = by == "partner";
      const bool full_year = period.first_month == 1 && period.last_month == 12;
      const int32_t lo = period.year * 100 + period.first_month;
      const int32_t hi = period.year * 100 + period.last_month;
      const int32_t annual = period.year * 100;
      const int32_t* per = s.period();
      for (size_t i = begin; i < end; ++i) {
        int32_t p = per[i];
        bool in = (p >= lo && p <= hi) || (full_year && p == annual);
        if (!in || !RowOk(s, c, i)) continue;
        AddExact(sums[by_partner ? s.partner()[i] : s.reporter()[i]], s.value()[i]);
        seen_month[p % 100] = 1;
      }
    }
    py::dict out;
    for (size_t k = 0; k < sums.size(); ++k) {
      if (!sums[k].empty()) out[py::str(s.countries()[k])] = sums[k];
    }
    std::vector<int> months;
    for (int m = 1; m <= 12; ++m) {
      if (seen_month[m]) months.push_back(m);
    }
    return py::make_tuple(out, months);
  }

  // [(partner, is_period_year, month, [partials])] and the months of
  // period_year present in rows [begin, end) (unfiltered, as the engine's
  // like-for-like rule uses them).
  py::tuple PartialSurge(const std::string& hs, int baseline_year, int period_year,
                         const std::string& reporter, const std::string& partner,
                         const std::string& flow, size_t begin, size_t end) const {
    const trade::TradeStore& s = *store_;
    Compiled c = Compile(s, hs, reporter, partner, flow);
    Range(begin, end);
    // (partner, is_period, month) -> partials
    std::map<std::tuple<uint16_t, bool, int>, std::vector<double>> sums;
    std::vector<uint8_t> month_present(13, 0);
    {
      py::gil_scoped_release release;
      const int32_t* per = s.period();
      for (size_t i = begin; i < end; ++i) {
        int year = per[i] / 100, month = per[i] % 100;
        if (year == period_year) month_present[month] = 1;
        if (year != baseline_year && year != period_year) continue;
        if (!RowOk(s, c, i)) continue;
        AddExact(sums[{s.partner()[i], year == period_year, month}], s.value()[i]);
      }
    }
    py::list rows;
    for (const auto& [key, partials] : sums) {
      const auto& [p, is_period, month] = key;
      rows.append(py::make_tuple(s.countries()[p], is_period, month, partials));
    }
    std::vector<int> months;
    for (int m = 0; m <= 12; ++m) {
      if (month_present[m]) months.push_back(m);
    }
    return py::make_tuple(rows, months);
  }

 private:
  void Range(size_t begin, size_t& end) const {
    if (end > store_->size()) end = store_->size();
    if (begin > end) {
      throw StatusError(Status::InvalidArgument("row range " + std::to_string(begin) + ".." +
                                                std::to_string(end) + " is empty or reversed"));
    }
  }

  std::shared_ptr<const trade::TradeStore> store_;
};

}  // namespace

void BindTrade(py::module_& m) {
  py::class_<PyTradeStore>(m, "TradeStore", "A trade store file, memory-mapped (immutable).")
      .def("__len__", &PyTradeStore::size)
      .def("partial_share", &PyTradeStore::PartialShare, py::arg("hs"), py::arg("period"),
           py::arg("by") = "partner", py::arg("reporter") = "", py::arg("partner") = "",
           py::arg("flow") = "", py::arg("begin") = 0, py::arg("end") = SIZE_MAX)
      .def("partial_surge", &PyTradeStore::PartialSurge, py::arg("hs"), py::arg("baseline"),
           py::arg("period"), py::arg("reporter") = "", py::arg("partner") = "",
           py::arg("flow") = "", py::arg("begin") = 0, py::arg("end") = SIZE_MAX);

  m.def(
      "open_trade_store",
      [](const std::string& path) {
        {
          std::lock_guard<std::mutex> lock(g_store_mu);
          auto it = g_stores->find(path);
          if (it != g_stores->end()) return PyTradeStore(it->second);
        }
        Result<std::shared_ptr<const trade::TradeStore>> r = Status::Internal("not run");
        {
          py::gil_scoped_release release;
          r = trade::TradeStore::Open(path);
        }
        auto store = ValueOrThrow(std::move(r));
        std::lock_guard<std::mutex> lock(g_store_mu);
        auto [it, inserted] = g_stores->emplace(path, std::move(store));
        return PyTradeStore(it->second);
      },
      py::arg("path"), "Opens (memory-maps) a trade store file, once per process and path.");
}

}  // namespace chokepoint::python
