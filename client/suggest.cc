#include "client/suggest.h"

#include <algorithm>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace zs::client {
namespace {

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

const CLI::App* Child(const CLI::App& app, const std::string& word) {
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->check_name(word)) return sub;
  }
  return nullptr;
}

// The flags `app` and the commands above it take (global options may come
// after the command).
std::vector<std::string> FlagNames(const CLI::App* app) {
  std::vector<std::string> names;
  for (; app != nullptr; app = app->get_parent()) {
    for (const CLI::Option* option : app->get_options()) {
      for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
    }
  }
  return names;
}

// Up to four of `names` spelled like `word`, closest first.
std::vector<std::string> Closest(const std::string& word, const std::vector<std::string>& names) {
  std::vector<std::pair<size_t, std::string>> close;
  for (const std::string& name : names) {
    const size_t distance = EditDistance(word, name);
    if (distance <= std::max<size_t>(2, word.size() / 3) ||
        (word.size() >= 3 && absl::StartsWith(name, word))) {
      close.emplace_back(distance, name);
    }
  }
  std::sort(close.begin(), close.end());
  std::vector<std::string> closest;
  for (const auto& [distance, name] : close) {
    if (closest.size() < 4 && std::find(closest.begin(), closest.end(), name) == closest.end()) {
      closest.push_back(name);
    }
  }
  return closest;
}

}  // namespace

std::string UnknownCommandMessage(const CLI::App& app, int argc, const char* const* argv) {
  const CLI::App* at = &app;
  std::string path = app.get_name();
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (absl::StartsWith(word, "-")) {
      // A global option's value is not a command either.
      if (i + 1 < argc && !absl::StrContains(word, "=") &&
          (word == "-p" || word == "--profile" || word == "-o" || word == "--output" ||
           word == "--config" || word == "--columns" || word == "--timeout" ||
           word == "--retries")) {
        ++i;
      }
      continue;
    }
    if (const CLI::App* child = Child(*at, word)) {
      at = child;
      absl::StrAppend(&path, " ", child->get_name());
      continue;
    }
    std::vector<const CLI::App*> subcommands =
        at->get_subcommands([](const CLI::App*) { return true; });
    if (subcommands.empty()) break;  // a positional argument of a command
    std::vector<std::string> candidates;
    for (const CLI::App* sub : subcommands) {
      candidates.push_back(sub->get_name());
      for (const std::string& alias : sub->get_aliases()) candidates.push_back(alias);
    }
    const std::vector<std::string> names = Closest(word, candidates);
    std::string message = absl::StrCat("zsctl: \"", word, "\" is not a command of ", path);
    if (!names.empty())
      absl::StrAppend(&message, "; did you mean ", absl::StrJoin(names, ", "), "?");
    return absl::StrCat(message, "\n  (", path, " --help lists them)\n");
  }
  // Every word names a command: perhaps a flag does not.
  const std::vector<std::string> flags = FlagNames(at);
  for (int i = 1; i < argc; ++i) {
    const std::string word = std::string(argv[i]).substr(0, std::string(argv[i]).find('='));
    if (!absl::StartsWith(word, "--") ||
        std::find(flags.begin(), flags.end(), word) != flags.end()) {
      continue;
    }
    const std::vector<std::string> names = Closest(word, flags);
    std::string message = absl::StrCat("zsctl: ", path, " has no flag ", word);
    if (!names.empty())
      absl::StrAppend(&message, "; did you mean ", absl::StrJoin(names, ", "), "?");
    return absl::StrCat(message, "\n  (", path, " --help lists them)\n");
  }
  return "";
}

}  // namespace zs::client
