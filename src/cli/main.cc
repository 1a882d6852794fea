// chokepoint: the command-line interface. Dispatches to the registered
// commands; `chokepoint help [COMMAND]` documents each one.

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "io/memory.h"

namespace chokepoint::cli {
namespace {

void PrintCommandHelp(const Command& c) {
  std::cout << "usage: chokepoint " << c.name << " " << c.synopsis << "\n\n" << c.summary << "\n";
  if (!c.options.empty()) {
    std::cout << "\noptions:\n";
    for (const auto& o : c.options) {
      std::string left = "  " + std::string(o.name);
      std::string help(o.help);
      if (o.takes_value) {
        size_t sp = help.find("  ");
        if (sp != std::string::npos) {
          left += " " + help.substr(0, sp);
          help = help.substr(sp + 2);
        }
      }
      if (left.size() < 28)
        left.resize(28, ' ');
      else
        left += "  ";
      std::cout << left << help << "\n";
    }
  }
}

void PrintOverview() {
  std::cout << "chokepoint " << CHOKEPOINT_VERSION
            << ": sanctions and export-control screening, goods and trade-flow analysis\n\n"
               "usage: chokepoint COMMAND [ARGS...]\n\ncommands:\n";
  std::vector<const Command*> sorted;
  for (const auto& c : Commands()) sorted.push_back(&c);
  std::sort(sorted.begin(), sorted.end(),
            [](const Command* a, const Command* b) { return a->name < b->name; });
  for (const auto* c : sorted) {
    std::string left = "  " + std::string(c->name);
    if (left.size() < 22) left.resize(22, ' ');
    std::cout << left << c->summary << "\n";
  }
  std::cout << "\nRun 'chokepoint help COMMAND' for a command's options.\n";
}

const Command* FindCommand(const std::vector<std::string>& words, size_t* used) {
  for (size_t n = std::min<size_t>(2, words.size()); n >= 1; --n) {
    std::string name = words[0];
    for (size_t i = 1; i < n; ++i) name += " " + words[i];
    for (const auto& c : Commands()) {
      if (c.name == name) {
        *used = n;
        return &c;
      }
    }
  }
  return nullptr;
}

int Main(int argc, char** argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "--help" || words[0] == "-h") {
    PrintOverview();
    return words.empty() ? 2 : 0;
  }
  if (words[0] == "--version" || words[0] == "version") {
    std::cout << "chokepoint " << CHOKEPOINT_VERSION << "\n";
    return 0;
  }
  if (words[0] == "help") {
    words.erase(words.begin());
    if (words.empty()) {
      PrintOverview();
      return 0;
    }
    size_t used = 0;
    const Command* c = FindCommand(words, &used);
    if (c == nullptr) {
      std::cerr << "chokepoint: no command '" << words[0] << "'\n";
      return 2;
    }
    PrintCommandHelp(*c);
    return 0;
  }
  size_t used = 0;
  const Command* c = FindCommand(words, &used);
  if (c == nullptr) {
    std::cerr << "chokepoint: unknown command '" << words[0]
              << "'. Run 'chokepoint help' for the list.\n";
    return 2;
  }
  std::vector<std::string> rest(words.begin() + static_cast<long>(used), words.end());
  if (std::find(rest.begin(), rest.end(), "--help") != rest.end()) {
    PrintCommandHelp(*c);
    return 0;
  }
  auto args = Args::Parse(rest, c->options);
  if (!args.ok()) return UsageError(*c, args.status().message());
  // A command that reads the lists builds hundreds of megabytes from them:
  // its memory on huge pages from the start (io/memory.h). The program may
  // start again here, once, before the command has done anything.
  if (ReadsLists(*c)) io::RestartWithMallocHugePages(argv);
  return c->run(*args);
}

}  // namespace
}  // namespace chokepoint::cli

int main(int argc, char** argv) { return chokepoint::cli::Main(argc, argv); }
