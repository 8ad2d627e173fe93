// A stable digest of a protobuf message with some fields cleared: used to
// recognise the same request under a reused request_id, and to tie page
// tokens to the filters they were issued for.
#pragma once

#include <google/protobuf/message.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include "absl/strings/string_view.h"

namespace zs {

std::string MessageFingerprint(const google::protobuf::Message& message,
                               std::initializer_list<absl::string_view> ignored_fields);

}  // namespace zs
