// Request-body helpers shared by the route files: JSON parsing with 400
// errors that name the field, and the ScreenRequest shape of /v1/screen.
//
// ScreenRequest: {"name" (required), "schema", "country", "dob", "ids" (or
// "identifiers"), "sources", "limit" (1..1000), "threshold" (0..1), "ofac"
// (bool: OFAC-parity scoring)}. Unknown fields are ignored.
//
// Thread safety: pure functions.

#ifndef CHOKEPOINT_SERVER_API_UTIL_H_
#define CHOKEPOINT_SERVER_API_UTIL_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "chokepoint/screen.h"
#include "chokepoint/snapshot.h"
#include "chokepoint/status.h"
#include "server/router.h"

namespace chokepoint::server {

inline constexpr size_t kMaxBatch = 1000;
inline constexpr size_t kMaxNameBytes = 1024;
inline constexpr int kMaxLimit = 1000;

// The body as a JSON object (InvalidArgument otherwise).
Result<nlohmann::json> ParseJsonBody(const Request& req);

// body[key] as a string; `fallback` when absent or null; an error when it has
// another type.
Result<std::string> GetString(const nlohmann::json& body, const char* key,
                              const std::string& fallback);

// body["schema"]: a schema name, "any" or absent (nullopt).
Result<std::optional<Schema>> GetSchema(const nlohmann::json& body, const std::string& where);

// Builds a query from a ScreenRequest object. `where` prefixes errors (e.g.
// "queries[3]"). Sources are checked against `snapshot`.
Result<ScreenQuery> ParseScreenRequest(const nlohmann::json& body, const Snapshot& snapshot,
                                       const std::string& where);

}  // namespace chokepoint::server

#endif  // CHOKEPOINT_SERVER_API_UTIL_H_
