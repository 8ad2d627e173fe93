#include "common/db/prepared.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/sha256.h"

namespace zs {

std::string PreparedName(pqxx::connection_base& connection, const std::string& sql) {
  // Named by a digest of the text, so different statements never collide;
  // each worker thread remembers the names it made (the statements are the
  // code's own, so the map stays as small as the code).
  thread_local absl::flat_hash_map<std::string, std::string> names;
  auto [it, inserted] = names.try_emplace(sql);
  if (inserted) it->second = absl::StrCat("zs_", Sha256Hex(sql).substr(0, 24));
  connection.prepare(it->second, sql);  // a no-op once registered with this text
  return it->second;
}

}  // namespace zs
