// A minimal SQL connection used by the casework store, with one SQLite and
// one PostgreSQL implementation.
//
// Statements use PostgreSQL's numbered placeholders ($1, $2, ...) for both
// backends (SQLite accepts them as named parameters). Result columns are
// returned as text (NULL as nullopt), which both backends produce exactly for
// integers and shortest-round-trip for doubles.
//
// Thread safety: none; the store serialises access to one connection.

#ifndef CHOKEPOINT_CASEWORK_DB_H_
#define CHOKEPOINT_CASEWORK_DB_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/status.h"

namespace chokepoint::casework {

// A statement parameter.
struct Param {
  enum class Type : uint8_t { kNull, kInt, kDouble, kText } type = Type::kNull;
  int64_t i = 0;
  double d = 0;
  std::string s;

  Param() = default;
  Param(int64_t v) : type(Type::kInt), i(v) {}                  // NOLINT: implicit by design
  Param(int v) : type(Type::kInt), i(v) {}                      // NOLINT
  Param(double v) : type(Type::kDouble), d(v) {}                // NOLINT
  Param(std::string v) : type(Type::kText), s(std::move(v)) {}  // NOLINT
  Param(std::string_view v) : type(Type::kText), s(v) {}        // NOLINT
  Param(const char* v) : type(Type::kText), s(v) {}             // NOLINT
  // The value as text (for PostgreSQL); REQUIRES: type != kNull.
  std::string Text() const;
};

struct Row {
  std::vector<std::optional<std::string>> cols;

  bool IsNull(size_t i) const { return !cols[i].has_value(); }
  // The column as text ("" for NULL), integer (0 for NULL) or double.
  const std::string& S(size_t i) const;
  int64_t I(size_t i) const;
  double D(size_t i) const;
};

class Db {
 public:
  virtual ~Db() = default;
  virtual std::string_view backend() const = 0;

  // Runs one statement; returns its rows (none for statements without).
  virtual Result<std::vector<Row>> Query(const std::string& sql,
                                         const std::vector<Param>& params = {}) = 0;
  // Runs several ';'-separated statements without parameters.
  virtual Status ExecScript(const std::string& sql) = 0;

  // A write transaction that excludes other writers (SQLite: BEGIN
  // IMMEDIATE; PostgreSQL: BEGIN and a transaction-scoped advisory lock).
  virtual Status BeginWrite() = 0;
  virtual Status Commit() = 0;
  virtual void Rollback() = 0;
};

// Opens (creating) an SQLite database file in WAL mode with synchronous=FULL.
Result<std::unique_ptr<Db>> OpenSqlite(const std::string& path);
// Connects to PostgreSQL with a libpq connection URI.
Result<std::unique_ptr<Db>> OpenPostgres(const std::string& url);

}  // namespace chokepoint::casework

#endif  // CHOKEPOINT_CASEWORK_DB_H_
