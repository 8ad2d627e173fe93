// Applying an update_mask (AIP-134): only top-level fields named in
// `allowed_paths` may be updated; the masked fields of `source` replace those
// of `target` (zero values and empty lists included, so a mask can clear).
#pragma once

#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/message.h>

#include <initializer_list>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace zs {

absl::Status ApplyFieldMask(const google::protobuf::Message& source,
                            const google::protobuf::FieldMask& mask,
                            std::initializer_list<absl::string_view> allowed_paths,
                            google::protobuf::Message* target);

}  // namespace zs
