#include "client/field_docs.h"

#include <google/protobuf/descriptor.pb.h>

#include <memory>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

// The descriptor set, linked in as bytes between these two symbols.
asm(".section .rodata\n"
    ".balign 8\n"
    ".global zsctl_contract_docs\n"
    "zsctl_contract_docs:\n"
    ".incbin \"" ZSCTL_CONTRACT_DOCS
    "\"\n"
    ".global zsctl_contract_docs_end\n"
    "zsctl_contract_docs_end:\n"
    ".previous\n");
extern "C" const char zsctl_contract_docs[];
extern "C" const char zsctl_contract_docs_end[];

namespace zs::client {
namespace {

const google::protobuf::DescriptorPool& DocumentedPool() {
  static const auto* const kPool = [] {
    auto* pool = new google::protobuf::DescriptorPool();
    google::protobuf::FileDescriptorSet files;
    if (files.ParseFromArray(zsctl_contract_docs,
                             static_cast<int>(zsctl_contract_docs_end - zsctl_contract_docs))) {
      for (const auto& file : files.file()) pool->BuildFile(file);  // imports come first
    }
    return pool;
  }();
  return *kPool;
}

std::string OneLine(const std::string& comment) {
  std::vector<std::string> lines;
  for (absl::string_view line : absl::StrSplit(comment, '\n', absl::SkipWhitespace())) {
    lines.emplace_back(absl::StripAsciiWhitespace(line));
  }
  return absl::StrJoin(lines, " ");
}

}  // namespace

std::string FieldDoc(const google::protobuf::FieldDescriptor& field) {
  const google::protobuf::FieldDescriptor* documented =
      DocumentedPool().FindFieldByName(field.full_name());
  google::protobuf::SourceLocation location;
  if (documented == nullptr || !documented->GetSourceLocation(&location)) return "";
  return OneLine(location.trailing_comments.empty() ? location.leading_comments
                                                    : location.trailing_comments);
}

}  // namespace zs::client
