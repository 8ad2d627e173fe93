// What each request field means, from the comments in the contracts, for
// `--help`. The generated descriptors carry no comments, so the build
// embeds a descriptor set protoc wrote with --include_source_info
// (client/CMakeLists.txt) and this reads the comments from it.
#pragma once

#include <google/protobuf/descriptor.h>

#include <string>

namespace zs::client {

// The field's comment (trailing, else leading) on one line; empty when the
// contract has none.
std::string FieldDoc(const google::protobuf::FieldDescriptor& field);

}  // namespace zs::client
