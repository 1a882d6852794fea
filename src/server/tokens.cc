#include "server/tokens.h"

#include <sys/stat.h>

#include <openssl/rand.h>
#include <nlohmann/json.hpp>

#include "io/file.h"
#include "io/json_writer.h"

namespace chokepoint::server {

std::string TokensPath(const std::string& data_dir) { return data_dir + "/tokens.json"; }

Result<std::vector<TokenRecord>> LoadTokens(const std::string& path) {
  std::vector<TokenRecord> out;
  if (!io::FileExists(path)) return out;
  CHOKEPOINT_ASSIGN_OR_RETURN(std::string text, io::ReadFile(path));
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_array()) {
    return Status::ParseError(path + ": not a JSON array of tokens");
  }
  for (const auto& t : j) {
    if (!t.is_object()) return Status::ParseError(path + ": a token entry is not an object");
    TokenRecord r;
    r.id = t.value("id", "");
    r.user = t.value("user", "");
    r.role = t.value("role", "");
    r.sha256 = t.value("sha256", "");
    r.created = t.value("created", "");
    if (r.id.empty() || r.sha256.size() != 64 || !ParseRole(r.role)) {
      return Status::ParseError(path + ": a token entry lacks id, role or sha256");
    }
    out.push_back(std::move(r));
  }
  return out;
}

Status SaveTokens(const std::string& path, const std::vector<TokenRecord>& tokens) {
  io::JsonWriter w(true);
  w.BeginArray();
  for (const auto& t : tokens) {
    w.BeginObject();
    w.Field("id", t.id);
    w.Field("user", t.user);
    w.Field("role", t.role);
    w.Field("sha256", t.sha256);
    w.Field("created", t.created);
    w.EndObject();
  }
  w.EndArray();
  std::string text = w.Take() + "\n";
  return io::WriteFileAtomic(path, text);
}

Result<std::string> RandomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1) {
    return Status::Internal("the random number generator failed");
  }
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

Result<std::pair<TokenRecord, std::string>> CreateToken(const std::string& data_dir, Role role,
                                                        const std::string& user) {
  std::string path = TokensPath(data_dir);
  CHOKEPOINT_ASSIGN_OR_RETURN(auto tokens, LoadTokens(path));
  CHOKEPOINT_ASSIGN_OR_RETURN(std::string secret, RandomHex(20));
  CHOKEPOINT_ASSIGN_OR_RETURN(std::string id, RandomHex(4));
  std::string token = "cpt_" + secret;
  TokenRecord r;
  r.id = id;
  r.user = user.empty() ? "token-" + id : user;
  r.role = std::string(RoleName(role));
  r.sha256 = io::Sha256Hex(token);
  r.created = io::NowUtc();
  tokens.push_back(r);
  CHOKEPOINT_RETURN_IF_ERROR(SaveTokens(path, tokens));
  return std::make_pair(r, token);
}

Status RevokeToken(const std::string& data_dir, const std::string& id_or_token) {
  std::string path = TokensPath(data_dir);
  CHOKEPOINT_ASSIGN_OR_RETURN(auto tokens, LoadTokens(path));
  std::string hash = io::Sha256Hex(id_or_token);
  size_t before = tokens.size();
  std::erase_if(tokens,
                [&](const TokenRecord& t) { return t.id == id_or_token || t.sha256 == hash; });
  if (tokens.size() == before) return Status::NotFound("no token with id '" + id_or_token + "'");
  return SaveTokens(path, tokens);
}

void TokenStore::MaybeReload() {
  auto now = std::chrono::steady_clock::now();
  if (checked_ != std::chrono::steady_clock::time_point{} &&
      now - checked_ < std::chrono::seconds(1)) {
    return;
  }
  checked_ = now;
  struct stat st {};
  int64_t mtime = -1, size = -1;
  if (::stat(path_.c_str(), &st) == 0) {
    mtime = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    size = static_cast<int64_t>(st.st_size);
  }
  if (mtime == mtime_ns_ && size == size_) return;
  auto tokens = LoadTokens(path_);
  if (!tokens.ok()) return;  // keep the last good set
  mtime_ns_ = mtime;
  size_ = size;
  by_hash_.clear();
  for (const auto& t : *tokens) {
    by_hash_[t.sha256] = Principal{*ParseRole(t.role), t.user, t.id};
  }
}

std::optional<Principal> TokenStore::Authenticate(std::string_view token) {
  if (token.empty() || token.size() > 256) return std::nullopt;
  std::string hash = io::Sha256Hex(token);
  std::lock_guard<std::mutex> lock(mu_);
  MaybeReload();
  auto it = by_hash_.find(hash);
  if (it == by_hash_.end()) return std::nullopt;
  return it->second;
}

}  // namespace chokepoint::server
