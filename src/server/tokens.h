// API tokens: created by `chokepoint token create`, checked by the server.
//
// A token is "cpt_" followed by 40 random hex digits. Only its SHA-256 is
// stored, in DATA/tokens.json (a JSON array of {"id", "user", "role",
// "sha256", "created"}), written atomically. The id is a separate short
// random name for listing and revoking a token and for logs; it does not
// reveal the token.
//
// Thread safety: TokenStore::Authenticate() may be called from any thread;
// it re-reads the file (at most once a second) when it changed, so a token
// created or revoked while the server runs takes effect within a second.

#ifndef CHOKEPOINT_SERVER_TOKENS_H_
#define CHOKEPOINT_SERVER_TOKENS_H_

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "chokepoint/status.h"
#include "server/router.h"

namespace chokepoint::server {

struct TokenRecord {
  std::string id;
  std::string user;
  std::string role;    // "viewer", "analyst", "reviewer" or "admin"
  std::string sha256;  // of the token text
  std::string created;
};

// DATA/tokens.json.
std::string TokensPath(const std::string& data_dir);

// Reads the tokens file; a missing file is an empty list.
Result<std::vector<TokenRecord>> LoadTokens(const std::string& path);
Status SaveTokens(const std::string& path, const std::vector<TokenRecord>& tokens);

// `bytes` random bytes as lower-case hex (from the operating system's CSPRNG).
Result<std::string> RandomHex(size_t bytes);

// Creates a token for `user` with `role`, adds its record to the file and
// returns {record, token text}.
Result<std::pair<TokenRecord, std::string>> CreateToken(const std::string& data_dir, Role role,
                                                        const std::string& user);

// Removes the token with this id (or whose text is `id_or_token`).
Status RevokeToken(const std::string& data_dir, const std::string& id_or_token);

class TokenStore {
 public:
  explicit TokenStore(std::string path) : path_(std::move(path)) {}

  // The principal for a bearer token, or nullopt when it is unknown.
  std::optional<Principal> Authenticate(std::string_view token);

 private:
  void MaybeReload();

  std::string path_;
  std::mutex mu_;
  std::unordered_map<std::string, Principal> by_hash_;
  std::chrono::steady_clock::time_point checked_{};
  int64_t mtime_ns_ = -1;
  int64_t size_ = -1;
};

}  // namespace chokepoint::server

#endif  // CHOKEPOINT_SERVER_TOKENS_H_
