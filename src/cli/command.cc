#include "cli/command.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "io/file.h"
#include "io/strings.h"

namespace chokepoint::cli {

Result<Args> Args::Parse(const std::vector<std::string>& argv,
                         const std::vector<OptionSpec>& options) {
  Args out;
  bool only_positional = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (only_positional || a.size() < 2 || a[0] != '-' || a == "-") {
      out.positional_.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    std::string name = a, value;
    bool inline_value = false;
    if (size_t eq = a.find('='); eq != std::string::npos && a.rfind("--", 0) == 0) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
      inline_value = true;
    }
    const OptionSpec* spec = nullptr;
    for (const auto& o : options) {
      if (o.name == name) spec = &o;
    }
    if (spec == nullptr) return Status::InvalidArgument("unknown option '" + name + "'");
    if (spec->takes_value) {
      if (!inline_value) {
        if (i + 1 >= argv.size()) {
          return Status::InvalidArgument("option '" + name + "' needs a value");
        }
        value = argv[++i];
      }
      out.values_[name].push_back(value);
    } else {
      if (inline_value) {
        return Status::InvalidArgument("option '" + name + "' takes no value");
      }
      out.values_[name].push_back("");
    }
  }
  return out;
}

std::optional<std::string> Args::Get(std::string_view name) const {
  auto it = values_.find(std::string(name));
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::string Args::GetOr(std::string_view name, std::string_view fallback) const {
  auto v = Get(name);
  return v ? *v : std::string(fallback);
}

std::vector<std::string> Args::GetAll(std::string_view name) const {
  auto it = values_.find(std::string(name));
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

namespace {
std::vector<Command>& Registry() {
  static std::vector<Command> commands;
  return commands;
}
}  // namespace

bool RegisterCommand(Command command) {
  Registry().push_back(std::move(command));
  return true;
}

const std::vector<Command>& Commands() { return Registry(); }

int Fail(const Status& status) {
  std::cerr << "chokepoint: " << status.ToString() << "\n";
  return 1;
}

int UsageError(std::string_view command_name, std::string_view message) {
  std::cerr << "chokepoint " << command_name << ": " << message << "\n"
            << "Run 'chokepoint help " << command_name << "' for usage.\n";
  return 2;
}

int UsageError(const Command& command, std::string_view message) {
  return UsageError(command.name, message);
}

OptionSpec SnapshotOption() {
  return {"--snapshot", true, "SNAP  list snapshot to use (default: the embedded lists)"};
}

bool ReadsLists(const Command& command) {
  const std::string_view name = SnapshotOption().name;
  return std::any_of(command.options.begin(), command.options.end(),
                     [name](const OptionSpec& o) { return o.name == name; });
}

std::string HomeDir() {
  if (const char* h = std::getenv("CHOKEPOINT_HOME"); h && *h) return h;
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return std::string(x) + "/chokepoint";
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.local/share/chokepoint";
  }
  return ".chokepoint";
}

Result<std::shared_ptr<const Snapshot>> OpenSnapshot(const Args& args) {
  if (auto path = args.Get("--snapshot")) return Snapshot::Load(*path);
  if (const char* env = std::getenv("CHOKEPOINT_SNAPSHOT"); env && *env) {
    return Snapshot::Load(env);
  }
  std::string current = HomeDir() + "/current.snap";
  if (io::FileExists(current)) return Snapshot::Load(current);
  return Snapshot::LoadEmbedded();
}

Result<int> ParseIntOption(const std::string& option, const std::string& text, int lo, int hi) {
  if (!io::IsDigits(text) || text.size() > 9) {
    return Status::InvalidArgument(option + ": bad value '" + text + "' (a whole number)");
  }
  int v = std::stoi(text);
  if (v < lo || v > hi) {
    return Status::InvalidArgument(option + ": " + text + " is out of range " + std::to_string(lo) +
                                   ".." + std::to_string(hi));
  }
  return v;
}

Result<double> ParseDoubleOption(const std::string& option, const std::string& text, double lo,
                                 double hi) {
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end == nullptr || *end != '\0' || !(v >= lo && v <= hi)) {
    char range[64];
    std::snprintf(range, sizeof range, " (a number from %g to %g)", lo, hi);
    return Status::InvalidArgument(option + ": bad value '" + text + "'" + range);
  }
  return v;
}

}  // namespace chokepoint::cli
