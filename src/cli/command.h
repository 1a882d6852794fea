// The CLI's command registry and argument parsing.
//
// Each command lives in its own file and registers itself with
// CHOKEPOINT_COMMAND; main.cc dispatches on the first one or two words
// ("lists import", "screen"). Arguments are parsed against the command's
// declared options, so an unknown or misspelt option is an error, not a
// silently ignored word.
//
// Exit codes: 0 success, 1 the work failed (bad input, I/O), 2 usage error.

#ifndef CHOKEPOINT_CLI_COMMAND_H_
#define CHOKEPOINT_CLI_COMMAND_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/snapshot.h"
#include "chokepoint/status.h"

namespace chokepoint::cli {

struct OptionSpec {
  std::string_view name;  // "--out"
  bool takes_value;
  std::string_view help;  // "FILE  where to write the snapshot"
};

class Args {
 public:
  // Parses argv against `options`. Returns an error naming an unknown option
  // or a missing value.
  static Result<Args> Parse(const std::vector<std::string>& argv,
                            const std::vector<OptionSpec>& options);

  bool Has(std::string_view name) const { return values_.count(std::string(name)) > 0; }
  // The last value given for an option, or nullopt.
  std::optional<std::string> Get(std::string_view name) const;
  std::string GetOr(std::string_view name, std::string_view fallback) const;
  // Every value given for a repeatable option, in order.
  std::vector<std::string> GetAll(std::string_view name) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

struct Command {
  std::string_view name;      // "lists import"
  std::string_view synopsis;  // "--out SNAP FORMAT:PATH..."
  std::string_view summary;   // one line
  std::vector<OptionSpec> options;
  int (*run)(const Args& args);
};

// Registers a command at static-initialisation time.
bool RegisterCommand(Command command);
const std::vector<Command>& Commands();

// Prints "chokepoint: <status>" to stderr and returns 1.
int Fail(const Status& status);
// Prints a usage error for `command` and returns 2.
int UsageError(const Command& command, std::string_view message);
int UsageError(std::string_view command_name, std::string_view message);

// Options every snapshot-reading command accepts.
OptionSpec SnapshotOption();
// Whether `command` reads the lists: it accepts SnapshotOption().
bool ReadsLists(const Command& command);

// The snapshot to use: --snapshot FILE, else $CHOKEPOINT_SNAPSHOT, else
// $CHOKEPOINT_HOME/current.snap when it exists (written by `lists update`),
// else the embedded default.
Result<std::shared_ptr<const Snapshot>> OpenSnapshot(const Args& args);

// Where `lists update` keeps its snapshots: $CHOKEPOINT_HOME, else
// $XDG_DATA_HOME/chokepoint, else ~/.local/share/chokepoint.
std::string HomeDir();

// Parses an option's whole-number value in [lo, hi]; the error names the
// option ("--limit: bad value 'x' (a whole number)", "... is out of range").
Result<int> ParseIntOption(const std::string& option, const std::string& text, int lo, int hi);
// The same for a number in [lo, hi]: "--threshold: bad value 'x' (a number
// from 0 to 1)".
Result<double> ParseDoubleOption(const std::string& option, const std::string& text, double lo,
                                 double hi);

}  // namespace chokepoint::cli

#define CHOKEPOINT_COMMAND(ident, ...) \
  static const bool ident##_registered = ::chokepoint::cli::RegisterCommand(__VA_ARGS__)

#endif  // CHOKEPOINT_CLI_COMMAND_H_
