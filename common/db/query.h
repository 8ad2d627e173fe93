// One SQL statement of a service: its text, kept whole in
// services/<service>/queries/<name>.sql and compiled in by
// cmake/EmbedQueries.cmake, and its name, under which it is prepared and
// with which its text begins (/* lead.create */), so the server's log and
// pg_stat_statements say which statement of the code they show.
#pragma once

#include <string>

namespace zs {

struct Query {
  const char* name;  // "lead.create": the file's name, unique in the process
  std::string sql;
};

}  // namespace zs
