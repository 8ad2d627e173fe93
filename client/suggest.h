// "did you mean": when a command line names no command, the commands at
// that level spelled most like what was typed (kubectl and git do the same).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace zs::client {

// The message for a command line whose words after the last command they
// reach name no command of it ("zsctl lead creat" → create, create-lead),
// or that gives a flag the command does not take ("--titel" → --title);
// empty when the command line is not like that.
std::string UnknownCommandMessage(const CLI::App& app, int argc, const char* const* argv);

}  // namespace zs::client
