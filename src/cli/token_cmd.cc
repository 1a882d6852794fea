// `chokepoint token create|list|revoke`: the service's API tokens
// (src/server/tokens.h). A token is printed once, when created; only its
// SHA-256 is stored, in DATA/tokens.json.

#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "io/json_writer.h"
#include "server/router.h"
#include "server/tokens.h"

namespace chokepoint::cli {
namespace {

OptionSpec DataOption() {
  return {"--data", true,
          "DIR  the service's data folder (default $CHOKEPOINT_HOME, else "
          "~/.local/share/chokepoint)"};
}

int RunCreate(const Args& args) {
  if (!args.positional().empty()) {
    return UsageError("token create", "unexpected argument '" + args.positional()[0] + "'");
  }
  auto role_name = args.Get("--role");
  if (!role_name) return UsageError("token create", "give --role viewer|analyst|reviewer|admin");
  auto role = server::ParseRole(*role_name);
  if (!role) {
    return UsageError("token create",
                      "unknown role '" + *role_name + "' (viewer, analyst, reviewer or admin)");
  }
  std::string user = args.GetOr("--user", "");
  for (char c : user) {
    if (static_cast<unsigned char>(c) < 0x21 || c == 0x7f) {
      return UsageError("token create", "--user: no spaces or control characters");
    }
  }
  std::string data = args.GetOr("--data", HomeDir());
  std::error_code ec;
  std::filesystem::create_directories(data, ec);
  auto created = server::CreateToken(data, *role, user);
  if (!created.ok()) return Fail(created.status());
  const auto& [record, token] = *created;
  std::cerr << "created token " << record.id << " for user " << record.user << " with role "
            << record.role << " in " << server::TokensPath(data)
            << "\nthe token is shown only now; keep it secret:\n";
  std::cout << token << "\n";
  return 0;
}

int RunList(const Args& args) {
  std::string data = args.GetOr("--data", HomeDir());
  auto tokens = server::LoadTokens(server::TokensPath(data));
  if (!tokens.ok()) return Fail(tokens.status());
  if (args.Has("--json")) {
    io::JsonWriter w(true);
    w.BeginArray();
    for (const auto& t : *tokens) {
      w.BeginObject();
      w.Field("id", t.id);
      w.Field("user", t.user);
      w.Field("role", t.role);
      w.Field("created", t.created);
      w.EndObject();
    }
    w.EndArray();
    std::cout << w.str() << "\n";
    return 0;
  }
  for (const auto& t : *tokens) {
    std::cout << t.id << "  " << t.role << "  " << t.user << "  " << t.created << "\n";
  }
  return 0;
}

int RunRevoke(const Args& args) {
  if (args.positional().size() != 1) return UsageError("token revoke", "give one token ID");
  std::string data = args.GetOr("--data", HomeDir());
  if (Status st = server::RevokeToken(data, args.positional()[0]); !st.ok()) return Fail(st);
  std::cerr << "revoked token " << args.positional()[0] << "\n";
  return 0;
}

CHOKEPOINT_COMMAND(token_create_cmd,
                   {"token create",
                    "--role viewer|analyst|reviewer|admin [--user NAME] [--data DIR]",
                    "Create an API token for the service; the token is printed once, alone on "
                    "the last line, and only its hash is stored.",
                    {{"--role", true, "ROLE  viewer < analyst < reviewer < admin"},
                     {"--user", true, "NAME  who uses the token (default token-ID)"},
                     DataOption()},
                    &RunCreate});

CHOKEPOINT_COMMAND(token_list_cmd,
                   {"token list",
                    "[--data DIR] [--json]",
                    "List the service's API tokens (id, role, user, created; never the token).",
                    {DataOption(), {"--json", false, "print JSON"}},
                    &RunList});

CHOKEPOINT_COMMAND(token_revoke_cmd, {"token revoke",
                                      "ID [--data DIR]",
                                      "Revoke an API token by its id (as shown by `token list`).",
                                      {DataOption()},
                                      &RunRevoke});

}  // namespace
}  // namespace chokepoint::cli
