// Small conversions between PostgreSQL result fields and protobuf fields.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace zs {

// Columns selected as `(extract(epoch FROM t) * 1e6)::bigint`.
void SetTimestampMicros(const pqxx::field& micros, google::protobuf::Timestamp* out);

inline int64_t IdOrZero(const pqxx::field& field) {
  return field.is_null() ? 0 : field.as<int64_t>();
}
inline std::string TextOrEmpty(const pqxx::field& field) {
  return field.is_null() ? std::string() : field.as<std::string>();
}
inline std::optional<std::string> NullIfEmpty(const std::string& value) {
  return value.empty() ? std::nullopt : std::optional<std::string>(value);
}
inline std::optional<int64_t> NullIfZero(int64_t value) {
  return value == 0 ? std::nullopt : std::optional<int64_t>(value);
}

// The field of `row` in the column named `name` (a string literal), as
// row[name] but for the row mappings a list page runs 50 times: the
// column's number is remembered per thread and name and only checked
// against the row's own column name, so each field costs a comparison
// rather than a search of the columns (five times cheaper for a lead).
pqxx::field FieldNamed(const pqxx::row& row, const char* name);

// SQL fragment for a timestamp column as microseconds since the epoch.
#define ZS_MICROS(column) "(extract(epoch FROM " column ") * 1000000)::bigint"

}  // namespace zs
