// Delta re-screening: stored counterparties against a new list snapshot,
// alerting only on what is new or changed.

#include <map>
#include <string>
#include <unordered_map>

#include "chokepoint/casework.h"
#include "io/json_writer.h"
#include "io/strings.h"

namespace chokepoint {
namespace {

std::string Score3(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

std::string JoinList(const std::vector<std::string>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
  return out;
}

// The date to name for a listing: the entity's newest listing date, else the
// list date of its source in the snapshot.
std::string ListingDate(const Entity& e, const std::map<std::string, std::string>& list_dates) {
  PartialDate best;
  for (const auto& d : e.listing_dates) {
    if (best.empty() ||
        std::tie(d.year, d.month, d.day) > std::tie(best.year, best.month, best.day)) {
      best = d;
    }
  }
  if (!best.empty()) return best.ToString();
  auto it = list_dates.find(e.source);
  return it == list_dates.end() ? "" : it->second;
}

std::string ProgramsText(const std::vector<std::string>& programs, const std::string& date) {
  std::string out;
  for (size_t i = 0; i < programs.size(); ++i) {
    out += (i ? "; " : "") + std::string("added to ") + programs[i];
    if (!date.empty()) out += " on " + date;
  }
  return out;
}

ScreenQuery QueryFor(const Counterparty& c, const RescreenOptions& options) {
  ScreenQuery q;
  q.name = c.name;
  if (!c.schema.empty()) q.schema = ParseSchema(c.schema);
  q.country = c.country;
  if (!c.dob.empty()) q.birth_date = ParsePartialDate(c.dob);
  q.identifiers = c.identifiers;
  q.limit = options.limit;
  q.threshold = options.threshold;
  return q;
}

}  // namespace

Result<RescreenReport> Rescreen(CaseStore& store, const Screener& screener, const Snapshot* older,
                                const RescreenOptions& options) {
  const Snapshot& snap = screener.snapshot();
  RescreenReport report;
  report.lists_version = snap.version();
  if (older) report.previous_lists_version = older->version();

  std::map<std::string, std::string> list_dates;
  for (const auto& s : snap.sources()) list_dates[s.source] = s.list_date;

  // What the snapshot diff says about each entity, when the older snapshot
  // is known.
  std::unordered_map<std::string, const DiffEntry*> added, changed;
  SnapshotDiff diff;
  if (older) {
    diff = DiffSnapshots(*older, snap);
    for (const auto& e : diff.added) added[e.source + ":" + e.source_id] = &e;
    for (const auto& e : diff.changed) changed[e.source + ":" + e.source_id] = &e;
  }
  auto why_listed = [&](const ScreenHit& h, const std::string& key) {
    const Entity& e = *h.entity;
    std::string date = ListingDate(e, list_dates);
    std::vector<std::string> programs;
    for (const auto& p : e.programs) programs.push_back(p.code);
    if (older) {
      if (auto it = added.find(key); it != added.end()) {
        std::vector<std::string> progs =
            it->second->programs_added.empty() ? programs : it->second->programs_added;
        std::string text = ProgramsText(progs, date);
        return "newly listed: " + (text.empty() ? "added to " + e.source : text);
      }
      if (auto it = changed.find(key); it != changed.end()) {
        std::string text = "listed entity changed (" + JoinList(it->second->fields) + ")";
        if (!it->second->programs_added.empty()) {
          text += "; " + ProgramsText(it->second->programs_added, date);
        }
        return text;
      }
      return "already listed under " + JoinList(programs) +
             "; matches now (the party's details or the matching rules changed)";
    }
    std::string text = "listed under " + JoinList(programs);
    if (!date.empty()) text += " (list of " + date + ")";
    return text;
  };

  CHOKEPOINT_ASSIGN_OR_RETURN(auto parties, store.ListCounterparties());
  std::vector<ScreeningInput> inputs;
  std::vector<std::vector<std::pair<size_t, RescreenChange>>> pending;  // per input
  for (const auto& c : parties) {
    ScreenQuery q = QueryFor(c, options);
    auto result = screener.Screen(q);
    if (!result.ok()) continue;  // a stored name the engine refuses: nothing to compare
    ++report.parties;
    CHOKEPOINT_ASSIGN_OR_RETURN(auto prev_hits, store.LatestHits(c.party, nullptr));
    std::unordered_map<std::string, const StoredHit*> prev;
    for (const auto& h : prev_hits) prev.emplace(h.entity_id, &h);

    ScreeningInput in = MakeScreeningInput(q, *result);
    in.party = c.party;
    in.party_name = c.name;
    in.counterparty_id = c.id;
    in.user = options.user;
    in.purpose = "rescreen";
    in.alert_reasons.assign(in.hits.size(), "");
    std::vector<std::pair<size_t, RescreenChange>> changes;
    for (size_t i = 0; i < in.hits.size(); ++i) {
      const StoredHit& h = in.hits[i];
      const ScreenHit& sh = result->hits[i];
      ++report.hits;
      RescreenChange ch;
      ch.party = c.party;
      ch.party_name = c.name;
      ch.entity_id = h.entity_id;
      ch.entity_name = h.entity_name;
      ch.score = h.score;
      auto it = prev.find(h.entity_id);
      if (it == prev.end()) {
        ch.kind = "new_hit";
        ch.reason = "new hit scoring " + Score3(h.score) + ": " + why_listed(sh, h.entity_id);
      } else {
        const StoredHit& p = *it->second;
        ch.previous_score = p.score;
        if (ScoreBand(h.score) > ScoreBand(p.score)) {
          ch.kind = "higher_band";
          ch.reason = "score rose from " + Score3(p.score) + " to " + Score3(h.score);
          if (p.entity_hash != h.entity_hash) ch.reason += "; " + why_listed(sh, h.entity_id);
        } else if (p.entity_hash != h.entity_hash) {
          ch.kind = "entity_changed";
          ch.reason = why_listed(sh, h.entity_id);
          if (!older) ch.reason = "listed entity changed since the last screening; " + ch.reason;
        } else {
          ++report.unchanged;
          continue;
        }
      }
      in.alert_reasons[i] = ch.reason;
      changes.emplace_back(i, std::move(ch));
    }
    inputs.push_back(std::move(in));
    pending.push_back(std::move(changes));
  }

  // One transaction for the whole run.
  CHOKEPOINT_ASSIGN_OR_RETURN(auto outcomes, store.RecordScreenings(inputs));
  for (size_t k = 0; k < outcomes.size(); ++k) {
    report.suppressed += outcomes[k].suppressed;
    for (auto& [hit, ch] : pending[k]) {
      ch.alert_id = outcomes[k].hit_alerts.at(hit);
      report.changes.push_back(std::move(ch));
    }
  }

  io::JsonWriter w;
  w.BeginObject();
  w.Field("lists_version", report.lists_version);
  w.Field("previous_lists_version", report.previous_lists_version);
  w.FieldInt("parties", report.parties);
  w.FieldInt("hits", report.hits);
  w.FieldInt("unchanged", report.unchanged);
  w.FieldInt("suppressed", report.suppressed);
  w.FieldInt("changes", static_cast<int64_t>(report.changes.size()));
  w.Field("user", options.user);
  w.EndObject();
  CHOKEPOINT_ASSIGN_OR_RETURN(report.audit_seq, store.AppendAudit("rescreen", w.str()));
  return report;
}

std::string RescreenReportJson(const RescreenReport& r, bool pretty) {
  io::JsonWriter w(pretty);
  w.BeginObject();
  w.Field("lists_version", r.lists_version);
  w.Field("previous_lists_version", r.previous_lists_version);
  w.FieldInt("parties", r.parties);
  w.FieldInt("hits", r.hits);
  w.FieldInt("unchanged", r.unchanged);
  w.FieldInt("suppressed", r.suppressed);
  int64_t raised = 0;
  for (const auto& c : r.changes) raised += c.alert_id ? 1 : 0;
  w.FieldInt("alerts_raised", raised);
  w.FieldInt("audit_seq", r.audit_seq);
  w.Key("changes");
  w.BeginArray();
  for (const auto& c : r.changes) {
    w.BeginObject();
    w.Field("party", c.party);
    w.Field("party_name", c.party_name);
    w.Field("entity_id", c.entity_id);
    w.Field("entity_name", c.entity_name);
    w.Key("score");
    w.Double(c.score);
    w.Key("previous_score");
    if (c.previous_score < 0) {
      w.Null();
    } else {
      w.Double(c.previous_score);
    }
    w.Field("kind", c.kind);
    w.Field("reason", c.reason);
    w.Key("alert_id");
    if (c.alert_id) {
      w.Int(c.alert_id);
    } else {
      w.Null();
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

}  // namespace chokepoint
