#include "common/field_mask.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "common/errors.h"

namespace zs {

absl::Status ApplyFieldMask(const google::protobuf::Message& source,
                            const google::protobuf::FieldMask& mask,
                            std::initializer_list<absl::string_view> allowed_paths,
                            google::protobuf::Message* target) {
  if (mask.paths().empty()) {
    return InvalidField("update_mask", absl::StrCat("is required; updatable fields: ",
                                                    absl::StrJoin(allowed_paths, ", ")));
  }
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  for (const std::string& path : mask.paths()) {
    if (std::find(allowed_paths.begin(), allowed_paths.end(), path) == allowed_paths.end()) {
      return InvalidField("update_mask",
                          absl::StrCat("'", path, "' cannot be updated; updatable fields: ",
                                       absl::StrJoin(allowed_paths, ", ")));
    }
    const auto* field = target->GetDescriptor()->FindFieldByName(path);
    if (field == nullptr) return absl::InternalError(absl::StrCat("no field ", path));
    fields.push_back(field);
  }
  std::unique_ptr<google::protobuf::Message> copy(source.New());
  copy->CopyFrom(source);
  target->GetReflection()->SwapFields(target, copy.get(), fields);
  return absl::OkStatus();
}

}  // namespace zs
