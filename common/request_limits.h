// What every request is held to, whatever the method:
// - a repeated field (list or map) holds at most kMaxRepeatedEntries
//   entries. A call's work grows with its lists, and a call must fit in its
//   deadline: 20,000 holiday dates once kept a transaction running seconds
//   after the caller gave up;
// - every number is finite: an infinite weight or deduction once turned
//   every score into NaN and the ranking into an arbitrary order;
// - every enum holds one of its declared values (proto3 lets any number
//   through), filters included;
// - every calendar date (a string field named `date`, `*_date`, `*_dates`
//   or `working_weekends`) is empty or a real YYYY-MM-DD day: 2026-02-30 is
//   refused wherever it is sent;
// - a list's `page_size` is not negative and its `page_token` is one a
//   service issued (whether it fits the list's filters the list decides).
// (Every mutation's `request_id` is checked by the idempotency layer that
// every mutating path goes through, before the change: common/idempotency.h.)
#pragma once

#include <google/protobuf/message.h>

#include "absl/status/status.h"

namespace zs {

inline constexpr int kMaxRepeatedEntries = 1000;

// The largest file an import takes (ImportLeads, ImportActivities): 4 MiB,
// about 20,000 ledger rows as CSV; zsctl checks it before sending and the
// gateway's --max_request_bytes defaults to it, so a file one client may
// send every client may send.
inline constexpr int kMaxUploadBytes = 4 << 20;
// The services' gRPC message limit (--max_message_bytes): the largest file
// plus room for the request's other fields (file name, sheet, options).
inline constexpr int kMaxMessageBytes = kMaxUploadBytes + (64 << 10);

// INVALID_ARGUMENT naming the first field, at any depth, that breaks one of
// the rules above (a map's entries are named by the map field).
absl::Status ValidateRequestLimits(const google::protobuf::Message& request);

}  // namespace zs
