#include "common/fingerprint.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/sha256.h"

namespace zs {

std::string MessageFingerprint(const google::protobuf::Message& message,
                               std::initializer_list<absl::string_view> ignored_fields) {
  std::unique_ptr<google::protobuf::Message> copy(message.New());
  copy->CopyFrom(message);
  for (absl::string_view name : ignored_fields) {
    const auto* field = copy->GetDescriptor()->FindFieldByName(std::string(name));
    if (field != nullptr) copy->GetReflection()->ClearField(copy.get(), field);
  }
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    copy->SerializeToCodedStream(&coded);
  }
  return absl::StrCat(message.GetDescriptor()->full_name(), ":", Sha256Hex(bytes));
}

}  // namespace zs
