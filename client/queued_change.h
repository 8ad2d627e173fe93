// What a change queued offline carries beyond its request, and how that is
// made good at sync:
// - local references: `--ref ent1` names a queued create, `--enterprise-id
//   @ent1` uses the id it will get; the field is filled in when the
//   create has landed (Journal remembers NAME → id);
// - business dates the services would fill with "today" on arrival (a
//   lead's collected_date, a follow-up's date) are filled in when the
//   change is queued, in China Standard Time: the day it happened, not the
//   day the link came back.
#pragma once

#include <google/protobuf/message.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "client/journal.h"

namespace zs::client {

using QueuedReferences =
    google::protobuf::RepeatedPtrField<zhaoshang::zsctl::v1::QueuedCall::Reference>;

// Whether `value` names a local reference ("@ent1").
bool IsReference(const std::string& value);

// Sets every referenced field of `request` whose references have all
// landed; returns the names still waiting (empty: all set).
// INVALID_ARGUMENT for a field that cannot take them.
absl::StatusOr<std::vector<std::string>> ResolveReferences(google::protobuf::Message& request,
                                                           const QueuedReferences& references,
                                                           const Journal& journal);

// Fills the business dates a create leaves to the services with `today`.
void StampBusinessDates(google::protobuf::Message& request, const std::string& today);

// "name=福州医疗 industry=medical_devices enterprise_id=@ent1": the record a
// queued change is about and its main fields, for `zsctl queue list`.
std::string DescribeChange(const google::protobuf::Message& request,
                           const QueuedReferences& references);

// The id the services gave a created record (its int64 `id`), or 0.
int64_t CreatedId(const google::protobuf::Message& response);

}  // namespace zs::client
