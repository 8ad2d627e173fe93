// Tables a person reads for the answers that are otherwise hundreds of
// flattened `units[7].metrics[2].completion` lines: progress and ranking
// snapshots (one row per unit: each metric done/target and %, score,
// rank; the caller's own unit marked), period reports (one row per figure,
// then each breakdown), lead lists with enterprise names and overdue leads
// (which deadline, overdue by how long). -o json and -o csv still print
// every field.
#pragma once

#include <google/protobuf/message.h>

#include <map>
#include <optional>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/directory.h"

namespace zs::client {

// Enum values print as their labels and unit, office and leader codes as
// the directory's names (common/labels.h): a table a person reads shows no
// codes.
struct ReadableContext {
  std::string own_unit;  // the caller's unit or office code: its row is marked
  const Directory* directory = &Directory::Seeded();  // names behind the codes
  absl::Time now = absl::Now();
  std::map<int64_t, std::string> enterprise_names;  // beside enterprise ids
};

// The table for `response`, or nullopt when its type has no readable form
// (the generic table is used then).
std::optional<std::string> RenderReadable(const google::protobuf::Message& response,
                                          const ReadableContext& context);

// "3d 4h", "5h 20m", "12m": how long, to the precision a person needs.
std::string HumanDuration(absl::Duration duration);

// A time as people in the district read it: China Standard Time,
// "2026-11-30 17:49".
std::string ChinaTime(absl::Time time);

}  // namespace zs::client
