// `zsctl completion bash`: a bash completion script made from the command
// tree itself, so every RPC's command and flags complete without a list to
// keep up to date. The .deb installs its output under
// /usr/share/bash-completion/completions/zsctl.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace zs::client {

std::string BashCompletion(const CLI::App& app);

void AddCompletionCommand(CLI::App& app);

}  // namespace zs::client
