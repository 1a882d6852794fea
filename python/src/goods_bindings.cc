// HS codes and the goods classifier for Python.

#include <string>
#include <vector>

#include "bindings.h"
#include "chokepoint/goods.h"

namespace chokepoint::python {

namespace {

goods::HsVintage VintageArg(int vintage) {
  if (vintage == 2017) return goods::HsVintage::k2017;
  if (vintage == 2022) return goods::HsVintage::k2022;
  throw StatusError(Status::InvalidArgument("vintage: " + std::to_string(vintage) +
                                            " is not an HS edition (2017 or 2022)"));
}

py::dict CodeDict(const goods::HsCode& c) {
  py::dict d;
  d["hs6"] = c.hs6;
  d["description"] = c.description;
  d["chpl_tier"] = c.chpl_tier;
  d["fincen_high_priority"] = c.fincen_high_priority;
  return d;
}

}  // namespace

void BindGoods(py::module_& m) {
  m.def(
      "classify",
      [](const std::string& text, size_t top) {
        if (top < 1) throw StatusError(Status::InvalidArgument("top: must be at least 1"));
        goods::ClassifyOptions options;
        options.top_k = top;
        std::vector<goods::GoodsCandidate> cands;
        {
          py::gil_scoped_release release;
          cands = goods::ClassifyGoods(text, options);
        }
        py::list out;
        for (const auto& c : cands) {
          py::dict d = CodeDict(c.code);
          d["score"] = c.score;
          d["evidence"] = c.evidence;
          out.append(std::move(d));
        }
        return out;
      },
      py::arg("text"), py::arg("top") = 5);

  m.def(
      "classify_many",
      [](const std::vector<std::string>& texts, size_t top) {
        if (top < 1) throw StatusError(Status::InvalidArgument("top: must be at least 1"));
        goods::ClassifyOptions options;
        options.top_k = top;
        std::vector<std::vector<goods::GoodsCandidate>> all(texts.size());
        {
          py::gil_scoped_release release;
          for (size_t i = 0; i < texts.size(); ++i)
            all[i] = goods::ClassifyGoods(texts[i], options);
        }
        py::list q, rank, hs6, desc, tier, score, evidence;
        for (size_t i = 0; i < all.size(); ++i) {
          for (size_t k = 0; k < all[i].size(); ++k) {
            const auto& c = all[i][k];
            q.append(i);
            rank.append(k + 1);
            hs6.append(c.code.hs6);
            desc.append(c.code.description);
            tier.append(c.code.chpl_tier);
            score.append(c.score);
            std::string ev;
            for (const auto& e : c.evidence) ev += (ev.empty() ? "" : "; ") + e;
            evidence.append(ev);
          }
        }
        py::dict d;
        d["query"] = q;
        d["rank"] = rank;
        d["hs6"] = hs6;
        d["description"] = desc;
        d["chpl_tier"] = tier;
        d["score"] = score;
        d["evidence"] = evidence;
        return d;
      },
      py::arg("texts"), py::arg("top") = 5);

  m.def(
      "hs",
      [](const std::string& code, int vintage) {
        goods::HsLookup r = ValueOrThrow(goods::NormalizeHs(code, VintageArg(vintage)));
        py::dict d;
        d["input"] = r.input;
        d["digits"] = r.digits;
        d["vintage"] = static_cast<int>(r.vintage);
        d["is_heading"] = r.is_heading;
        d["code"] = CodeDict(r.code);
        d["national_suffix"] = r.national_suffix;
        d["heading"] = r.heading;
        d["heading_description"] = r.heading_description;
        py::list subs;
        for (const auto& s : r.subheadings) subs.append(CodeDict(s));
        d["subheadings"] = subs;
        d["note"] = r.note;
        return d;
      },
      py::arg("code"), py::arg("vintage") = 2022);
}

}  // namespace chokepoint::python
