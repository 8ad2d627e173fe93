#include "common/sql_row.h"

#include <google/protobuf/util/time_util.h>

#include <cstring>

#include "absl/container/flat_hash_map.h"

namespace zs {

void SetTimestampMicros(const pqxx::field& micros, google::protobuf::Timestamp* out) {
  if (micros.is_null()) return;
  *out = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(micros.as<int64_t>());
}

pqxx::field FieldNamed(const pqxx::row& row, const char* name) {
  // Keyed by the literal's address: the same name in another mapping is
  // another entry, and a stale guess is caught by the name check.
  thread_local absl::flat_hash_map<const char*, pqxx::row::size_type> columns;
  auto [it, inserted] = columns.try_emplace(name, 0);
  pqxx::row::size_type& column = it->second;
  if (!inserted && column < row.size()) {
    pqxx::field field = row[column];
    if (std::strcmp(field.name(), name) == 0) return field;
  }
  column = row.column_number(name);  // throws when the row has no such column
  return row[column];
}

}  // namespace zs
