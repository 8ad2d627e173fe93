#include "client/completion.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/cli.h"

namespace zs::client {
namespace {

// Every command path ("" for zsctl itself, "lead", "lead/create-lead") with
// the words that may follow it: its subcommands (and their aliases), then
// its flags.
void Collect(const CLI::App& app, const std::string& path,
             std::vector<std::pair<std::string, std::string>>& entries) {
  std::vector<std::string> words;
  std::vector<const CLI::App*> subcommands =
      app.get_subcommands([](const CLI::App*) { return true; });
  for (const CLI::App* sub : subcommands) {
    words.push_back(sub->get_name());
    for (const std::string& alias : sub->get_aliases()) words.push_back(alias);
  }
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& name : option->get_lnames()) words.push_back("--" + name);
    for (const std::string& name : option->get_snames()) words.push_back("-" + name);
  }
  entries.emplace_back(path, absl::StrJoin(words, " "));
  for (const CLI::App* sub : subcommands) {
    const std::string child = path.empty() ? sub->get_name() : path + "/" + sub->get_name();
    Collect(*sub, child, entries);
    for (const std::string& alias : sub->get_aliases()) {
      entries.emplace_back(path.empty() ? alias : path + "/" + alias, "@" + child);
    }
  }
}

}  // namespace

std::string BashCompletion(const CLI::App& app) {
  std::vector<std::pair<std::string, std::string>> entries;
  Collect(app, "", entries);
  std::string table;
  for (const auto& [path, words] : entries) {
    absl::StrAppend(&table, "  [", path.empty() ? "." : path, "]=\"", words, "\"\n");
  }
  // An alias ("lead create") maps to its command's path ("@lead/create-lead").
  return absl::StrCat("# bash completion for zsctl (zsctl completion bash)\n",
                      "declare -gA _zsctl_words=(\n", table, ")\n", R"bash(
_zsctl() {
  local cur="${COMP_WORDS[COMP_CWORD]}" path="" word key i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="${COMP_WORDS[i]}"
    [[ "$word" == -* ]] && continue
    key="${path:+$path/}$word"
    [[ -n "${_zsctl_words[$key]+set}" ]] || continue
    path="$key"
    [[ "${_zsctl_words[$path]}" == @* ]] && path="${_zsctl_words[$path]#@}"
  done
  case "${COMP_WORDS[COMP_CWORD-1]}" in
    -o|--output) COMPREPLY=($(compgen -W "table json csv" -- "$cur")); return ;;
    -p|--profile)
      local config="${ZSCTL_CONFIG:-${XDG_CONFIG_HOME:-$HOME/.config}/zsctl/config.ini}"
      COMPREPLY=($(compgen -W "$(sed -n 's/^\[profile \(.*\)\]$/\1/p' "$config" 2>/dev/null)" -- "$cur"))
      return ;;
  esac
  COMPREPLY=($(compgen -W "${_zsctl_words[${path:-.}]}" -- "$cur"))
}
complete -F _zsctl zsctl
)bash");
}

void AddCompletionCommand(CLI::App& app) {
  CLI::App* completion = app.add_subcommand("completion", "print a shell completion script");
  completion->require_subcommand(1);
  CLI::App* bash = completion->add_subcommand(
      "bash", "bash: source <(zsctl completion bash), or put it in ~/.bash_completion");
  bash->callback([&app] {
    std::cout << BashCompletion(app);
    g_exit_code = kExitOk;
  });
}

}  // namespace zs::client
