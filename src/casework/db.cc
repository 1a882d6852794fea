// The SQLite and PostgreSQL connections of the casework store.

#include "casework/db.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <unordered_map>

namespace chokepoint::casework {

std::string Param::Text() const {
  switch (type) {
    case Type::kInt:
      return std::to_string(i);
    case Type::kDouble: {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.17g", d);
      return buf;
    }
    case Type::kText:
      return s;
    case Type::kNull:
      break;
  }
  return "";
}

const std::string& Row::S(size_t i) const {
  static const std::string kEmpty;
  return cols[i] ? *cols[i] : kEmpty;
}

int64_t Row::I(size_t i) const { return cols[i] ? std::strtoll(cols[i]->c_str(), nullptr, 10) : 0; }

double Row::D(size_t i) const { return cols[i] ? std::strtod(cols[i]->c_str(), nullptr) : 0; }

namespace {

// --- SQLite -------------------------------------------------------------------

class SqliteDb : public Db {
 public:
  explicit SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteDb() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  std::string_view backend() const override { return "sqlite"; }

  Status Error(std::string_view what) const {
    return Status::IoError(path_ + ": " + std::string(what) + ": " + sqlite3_errmsg(db_));
  }

  Result<std::vector<Row>> Query(const std::string& sql,
                                 const std::vector<Param>& params) override {
    // Statements are prepared once and kept (the store runs a few dozen
    // distinct ones); each use resets it afterwards.
    sqlite3_stmt* stmt = nullptr;
    if (auto it = cache_.find(sql); it != cache_.end()) {
      stmt = it->second;
    } else {
      if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) !=
          SQLITE_OK) {
        return Error("prepare");
      }
      if (cache_.size() < 256) cache_.emplace(sql, stmt);
    }
    struct Reset {
      sqlite3_stmt* stmt;
      bool cached;
      ~Reset() {
        if (cached) {
          sqlite3_reset(stmt);
          sqlite3_clear_bindings(stmt);
        } else {
          sqlite3_finalize(stmt);
        }
      }
    } guard{stmt, cache_.count(sql) > 0};
    for (size_t k = 0; k < params.size(); ++k) {
      std::string name(1, '$');
      name += std::to_string(k + 1);
      int idx = sqlite3_bind_parameter_index(stmt, name.c_str());
      if (idx == 0) continue;  // not used by this statement
      const Param& p = params[k];
      int rc = SQLITE_OK;
      switch (p.type) {
        case Param::Type::kNull:
          rc = sqlite3_bind_null(stmt, idx);
          break;
        case Param::Type::kInt:
          rc = sqlite3_bind_int64(stmt, idx, p.i);
          break;
        case Param::Type::kDouble:
          rc = sqlite3_bind_double(stmt, idx, p.d);
          break;
        case Param::Type::kText:
          rc = sqlite3_bind_text(stmt, idx, p.s.data(), static_cast<int>(p.s.size()),
                                 SQLITE_TRANSIENT);
          break;
      }
      if (rc != SQLITE_OK) return Error("bind");
    }
    std::vector<Row> rows;
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return Error("step");
      Row row;
      int n = sqlite3_column_count(stmt);
      row.cols.resize(n);
      for (int c = 0; c < n; ++c) {
        int type = sqlite3_column_type(stmt, c);
        if (type == SQLITE_NULL) continue;
        if (type == SQLITE_FLOAT) {
          char buf[40];
          std::snprintf(buf, sizeof buf, "%.17g", sqlite3_column_double(stmt, c));
          row.cols[c] = buf;
          continue;
        }
        const unsigned char* text = sqlite3_column_text(stmt, c);
        int len = sqlite3_column_bytes(stmt, c);
        row.cols[c] = std::string(reinterpret_cast<const char*>(text), len);
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  Status ExecScript(const std::string& sql) override {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "error";
      sqlite3_free(err);
      return Status::IoError(path_ + ": " + msg);
    }
    return Status::Ok();
  }

  Status BeginWrite() override { return ExecScript("BEGIN IMMEDIATE"); }
  Status Commit() override { return ExecScript("COMMIT"); }
  void Rollback() override {
    if (!sqlite3_get_autocommit(db_)) (void)ExecScript("ROLLBACK");
  }

 private:
  sqlite3* db_;
  std::string path_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// --- PostgreSQL ---------------------------------------------------------------

// Hides the password of a connection URI in messages.
std::string RedactUrl(const std::string& url) {
  size_t scheme = url.find("://");
  size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

class PostgresDb : public Db {
 public:
  PostgresDb(PGconn* conn, std::string name) : conn_(conn), name_(std::move(name)) {}
  ~PostgresDb() override { PQfinish(conn_); }

  std::string_view backend() const override { return "postgresql"; }

  Status Error(std::string_view what, PGresult* res) const {
    std::string msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn_);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return Status::IoError(name_ + ": " + std::string(what) + ": " + msg);
  }

  Result<std::vector<Row>> Query(const std::string& sql,
                                 const std::vector<Param>& params) override {
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t k = 0; k < params.size(); ++k) {
      if (params[k].type == Param::Type::kNull) continue;
      texts[k] = params[k].Text();
      values[k] = texts[k].c_str();
    }
    PGresult* res = PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr,
                                 values.data(), nullptr, nullptr, 0);
    std::unique_ptr<PGresult, void (*)(PGresult*)> guard(res, PQclear);
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return Error("query", res);
    std::vector<Row> rows;
    if (st == PGRES_TUPLES_OK) {
      int n = PQntuples(res), m = PQnfields(res);
      rows.resize(n);
      for (int r = 0; r < n; ++r) {
        rows[r].cols.resize(m);
        for (int c = 0; c < m; ++c) {
          if (PQgetisnull(res, r, c)) continue;
          rows[r].cols[c] = std::string(PQgetvalue(res, r, c), PQgetlength(res, r, c));
        }
      }
    }
    return rows;
  }

  Status ExecScript(const std::string& sql) override {
    PGresult* res = PQexec(conn_, sql.c_str());
    std::unique_ptr<PGresult, void (*)(PGresult*)> guard(res, PQclear);
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return Error("exec", res);
    return Status::Ok();
  }

  Status BeginWrite() override {
    // One writer at a time, across processes: the audit chain is sequential.
    return ExecScript("BEGIN; SELECT pg_advisory_xact_lock(7236188310422)");
  }
  Status Commit() override { return ExecScript("COMMIT"); }
  void Rollback() override {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) (void)ExecScript("ROLLBACK");
  }

 private:
  PGconn* conn_;
  std::string name_;
};

void QuietNotice(void*, const char*) {}

}  // namespace

Result<std::unique_ptr<Db>> OpenSqlite(const std::string& path) {
  std::error_code ec;
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  sqlite3* db = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Status::IoError(path + ": cannot open the casework database: " + msg);
  }
  sqlite3_busy_timeout(db, 30000);
  auto out = std::make_unique<SqliteDb>(db, path);
  // WAL: readers do not block the writer; synchronous=FULL: a committed
  // transaction is on disk (WAL fsynced) before COMMIT returns.
  auto mode = out->Query("PRAGMA journal_mode=WAL", {});
  if (!mode.ok()) return mode.status();
  if (mode->empty() || mode->front().S(0) != "wal") {
    return Status::IoError(path + ": cannot switch the database to WAL mode");
  }
  CHOKEPOINT_RETURN_IF_ERROR(out->ExecScript("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"));
  return std::unique_ptr<Db>(std::move(out));
}

Result<std::unique_ptr<Db>> OpenPostgres(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string msg = conn ? PQerrorMessage(conn) : "out of memory";
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    PQfinish(conn);
    return Status::Unavailable(RedactUrl(url) + ": cannot connect to PostgreSQL: " + msg);
  }
  PQsetNoticeProcessor(conn, QuietNotice, nullptr);
  auto out = std::make_unique<PostgresDb>(conn, RedactUrl(url));
  CHOKEPOINT_RETURN_IF_ERROR(out->ExecScript("SET client_min_messages = warning"));
  return std::unique_ptr<Db>(std::move(out));
}

}  // namespace chokepoint::casework
