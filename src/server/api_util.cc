#include "server/api_util.h"

#include "io/strings.h"

namespace chokepoint::server {
namespace {

std::string Where(const std::string& where, const char* key) {
  return where.empty() ? std::string(key) : where + "." + key;
}

}  // namespace

Result<nlohmann::json> ParseJsonBody(const Request& req) {
  auto j = nlohmann::json::parse(req.body, nullptr, false);
  if (j.is_discarded()) return Status::InvalidArgument("the body is not valid JSON");
  if (!j.is_object()) return Status::InvalidArgument("the body must be a JSON object");
  return j;
}

Result<std::string> GetString(const nlohmann::json& body, const char* key,
                              const std::string& fallback) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_string()) return Status::InvalidArgument(std::string(key) + " must be a string");
  return it->get<std::string>();
}

Result<std::optional<Schema>> GetSchema(const nlohmann::json& body, const std::string& where) {
  auto it = body.find("schema");
  if (it == body.end() || it->is_null()) return std::optional<Schema>();
  if (!it->is_string())
    return Status::InvalidArgument(Where(where, "schema") + " must be a string");
  auto schema = ParseSchemaFilter(it->get_ref<const std::string&>());
  if (!schema.ok()) {
    return Status::InvalidArgument(Where(where, "schema") + ": " + schema.status().message());
  }
  return schema;
}

Result<ScreenQuery> ParseScreenRequest(const nlohmann::json& body, const Snapshot& snapshot,
                                       const std::string& where) {
  if (!body.is_object()) {
    return Status::InvalidArgument((where.empty() ? std::string("the query") : where) +
                                   " must be a JSON object");
  }
  ScreenQuery q;
  auto str = [&](const char* key) -> Result<std::string> {
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) return std::string();
    if (!it->is_string()) return Status::InvalidArgument(Where(where, key) + " must be a string");
    return it->get<std::string>();
  };
  auto strings = [&](const char* key) -> Result<std::vector<std::string>> {
    std::vector<std::string> out;
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) return out;
    if (it->is_string()) {
      out.push_back(it->get<std::string>());
      return out;
    }
    if (!it->is_array() || it->size() > 100) {
      return Status::InvalidArgument(Where(where, key) +
                                     " must be an array of at most 100 strings");
    }
    for (const auto& v : *it) {
      if (!v.is_string()) {
        return Status::InvalidArgument(Where(where, key) + " must be an array of strings");
      }
      out.push_back(v.get<std::string>());
    }
    return out;
  };
  CHOKEPOINT_ASSIGN_OR_RETURN(q.name, str("name"));
  if (io::Trim(q.name).empty())
    return Status::InvalidArgument(Where(where, "name") + " is required");
  if (io::Trim(q.name).size() > kMaxNameBytes) {
    return Status::InvalidArgument(Where(where, "name") + " is longer than 1,024 bytes");
  }
  CHOKEPOINT_ASSIGN_OR_RETURN(q.schema, GetSchema(body, where));
  CHOKEPOINT_ASSIGN_OR_RETURN(std::string country, str("country"));
  q.country = std::string(io::Trim(country));
  CHOKEPOINT_ASSIGN_OR_RETURN(std::string dob, str("dob"));
  if (!io::Trim(dob).empty()) {
    q.birth_date = ParsePartialDate(io::Trim(dob));
    if (!q.birth_date) {
      return Status::InvalidArgument(Where(where, "dob") + ": bad date '" + dob +
                                     "' (use YYYY, YYYY-MM or YYYY-MM-DD)");
    }
  }
  CHOKEPOINT_ASSIGN_OR_RETURN(std::string gender, str("gender"));
  if (!gender.empty() && gender != "male" && gender != "female") {
    return Status::InvalidArgument(Where(where, "gender") + " is \"male\" or \"female\"");
  }
  q.gender = gender;
  std::vector<std::string> ids;
  CHOKEPOINT_ASSIGN_OR_RETURN(ids, strings(body.contains("ids") ? "ids" : "identifiers"));
  for (const auto& id : ids) {
    if (!io::Trim(id).empty()) q.identifiers.emplace_back(io::Trim(id));
  }
  CHOKEPOINT_ASSIGN_OR_RETURN(q.sources, strings("sources"));
  if (Status st = snapshot.CheckSourceIds(q.sources); !st.ok()) {
    return Status::InvalidArgument(Where(where, "sources") + ": " + st.message());
  }
  if (auto it = body.find("limit"); it != body.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 1 || it->get<int64_t>() > kMaxLimit) {
      return Status::InvalidArgument(Where(where, "limit") + " must be a whole number from 1 to " +
                                     std::to_string(kMaxLimit));
    }
    q.limit = static_cast<int>(it->get<int64_t>());
  }
  if (auto it = body.find("threshold"); it != body.end() && !it->is_null()) {
    if (!it->is_number() || !(it->get<double>() >= 0 && it->get<double>() <= 1)) {
      return Status::InvalidArgument(Where(where, "threshold") + " must be a number from 0 to 1");
    }
    q.threshold = it->get<double>();
  }
  if (auto it = body.find("ofac"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean())
      return Status::InvalidArgument(Where(where, "ofac") + " must be a boolean");
    if (it->get<bool>()) q.mode = ScoringMode::kOfacParity;
  }
  return q;
}

}  // namespace chokepoint::server
