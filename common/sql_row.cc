#include "common/sql_row.h"

#include <google/protobuf/util/time_util.h>

namespace zs {

void SetTimestampMicros(const pqxx::field& micros, google::protobuf::Timestamp* out) {
  if (micros.is_null()) return;
  *out = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(micros.as<int64_t>());
}

}  // namespace zs
