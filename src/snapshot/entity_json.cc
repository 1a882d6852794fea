#include "snapshot/entity_json.h"

#include <algorithm>

namespace chokepoint {

namespace {

void Strings(io::JsonWriter& w, std::string_view key, const std::vector<std::string>& v) {
  if (v.empty()) return;
  w.Key(key);
  w.StringArray(v);
}

void Opt(io::JsonWriter& w, std::string_view key, const std::string& v) {
  if (!v.empty()) w.Field(key, v);
}

void Dates(io::JsonWriter& w, std::string_view key, const std::vector<PartialDate>& v) {
  if (v.empty()) return;
  w.Key(key);
  w.BeginArray();
  for (const auto& d : v) w.String(d.circa ? "~" + d.ToString() : d.ToString());
  w.EndArray();
}

}  // namespace

void WriteEntityJson(io::JsonWriter& w, const Entity& e) {
  w.BeginObject();
  w.Field("source", e.source);
  w.Field("source_id", e.source_id);
  w.Field("schema", SchemaName(e.schema));
  w.Field("caption", e.caption());
  w.Key("names");
  w.BeginArray();
  for (const auto& n : e.names) {
    w.BeginObject();
    w.Field("full", n.full);
    w.Field("kind", NameKindName(n.kind));
    w.Field("script", ScriptName(n.script));
    Opt(w, "lang", n.lang);
    Opt(w, "given", n.given);
    Opt(w, "middle", n.middle);
    Opt(w, "family", n.family);
    Opt(w, "patronymic", n.patronymic);
    w.EndObject();
  }
  w.EndArray();
  if (!e.addresses.empty()) {
    w.Key("addresses");
    w.BeginArray();
    for (const auto& a : e.addresses) {
      w.BeginObject();
      Opt(w, "full", a.full);
      Opt(w, "street", a.street);
      Opt(w, "city", a.city);
      Opt(w, "region", a.region);
      Opt(w, "postal_code", a.postal_code);
      Opt(w, "country", a.country);
      w.EndObject();
    }
    w.EndArray();
  }
  if (!e.identifiers.empty()) {
    w.Key("identifiers");
    w.BeginArray();
    for (const auto& id : e.identifiers) {
      w.BeginObject();
      w.Field("type", IdTypeName(id.type));
      w.Field("value", id.value);
      Opt(w, "country", id.country);
      Opt(w, "label", id.label);
      Opt(w, "note", id.note);
      w.EndObject();
    }
    w.EndArray();
  }
  Dates(w, "birth_dates", e.birth_dates);
  Strings(w, "birth_places", e.birth_places);
  Strings(w, "nationalities", e.nationalities);
  Strings(w, "countries", e.countries);
  Opt(w, "gender", e.gender);
  Strings(w, "titles", e.titles);
  if (!e.programs.empty()) {
    w.Key("programs");
    w.BeginArray();
    for (const auto& p : e.programs) {
      w.BeginObject();
      w.Field("code", p.code);
      Opt(w, "license_requirement", p.license_requirement);
      Opt(w, "license_policy", p.license_policy);
      w.EndObject();
    }
    w.EndArray();
  }
  Dates(w, "listing_dates", e.listing_dates);
  if (!e.incorporation_date.empty()) w.Field("incorporation_date", e.incorporation_date.ToString());
  Strings(w, "remarks", e.remarks);
  if (!e.relations.empty()) {
    w.Key("relations");
    w.BeginArray();
    for (const auto& r : e.relations) {
      w.BeginObject();
      w.Field("kind", RelationKindName(r.kind));
      w.Field("target_name", r.target_name);
      Opt(w, "target_id", r.target_id);
      w.EndObject();
    }
    w.EndArray();
  }
  Strings(w, "websites", e.websites);
  Strings(w, "emails", e.emails);
  Strings(w, "phones", e.phones);
  Strings(w, "sanctions_risks", e.sanctions_risks);
  if (!e.properties.empty()) {
    // Keys in first-seen order; a key given more than once maps to an array.
    std::vector<std::string> keys;
    for (const auto& [k, v] : e.properties) {
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    }
    w.Key("properties");
    w.BeginObject();
    for (const auto& key : keys) {
      std::vector<const std::string*> values;
      for (const auto& [k, v] : e.properties) {
        if (k == key) values.push_back(&v);
      }
      w.Key(key);
      if (values.size() == 1) {
        w.String(*values[0]);
      } else {
        w.BeginArray();
        for (const auto* v : values) w.String(*v);
        w.EndArray();
      }
    }
    w.EndObject();
  }
  w.EndObject();
}

}  // namespace chokepoint
