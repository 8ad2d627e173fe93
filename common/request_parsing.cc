#include "common/request_parsing.h"

#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/unknown_field_set.h>
#include <google/protobuf/wire_format_lite.h>
#include <grpc/byte_buffer.h>
#include <grpc/byte_buffer_reader.h>
#include <grpc/slice.h>
#include <grpcpp/impl/rpc_service_method.h>
#include <grpcpp/support/message_allocator.h>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/validation.h"

namespace zs {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::internal::WireFormatLite;
using google::protobuf::io::CodedInputStream;

// The largest field number: no request declares it, so the mark cannot
// collide with a field of the contract.
constexpr int kMarkField = 536870911;
// The mark of bytes that are not a protobuf message at all.
constexpr char kMalformed[] = "\x01";
constexpr int kMaxDepth = 64;

// nullopt: every string is valid UTF-8; "": the bytes are malformed;
// otherwise the first offending field's path.
std::optional<std::string> Walk(const Descriptor& type, CodedInputStream& in,
                                const std::string& prefix, int depth) {
  if (depth > kMaxDepth) return "";
  for (;;) {
    const uint32_t tag = in.ReadTag();
    if (tag == 0) return std::nullopt;  // the end, or an error the caller tells apart
    const FieldDescriptor* field = type.FindFieldByNumber(WireFormatLite::GetTagFieldNumber(tag));
    if (field == nullptr ||
        WireFormatLite::GetTagWireType(tag) != WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
      if (!WireFormatLite::SkipField(&in, tag)) return "";
      continue;
    }
    uint32_t length = 0;
    if (!in.ReadVarint32(&length)) return "";
    // A map entry's key and value are reported as the map field.
    const std::string path = type.options().map_entry() ? prefix
                             : prefix.empty()           ? field->name()
                                                        : absl::StrCat(prefix, ".", field->name());
    if (field->type() == FieldDescriptor::TYPE_STRING) {
      std::string value;
      if (!in.ReadString(&value, static_cast<int>(length))) return "";
      if (Utf8Length(value) < 0) return path;
    } else if (field->type() == FieldDescriptor::TYPE_MESSAGE) {
      const CodedInputStream::Limit limit = in.PushLimit(static_cast<int>(length));
      std::optional<std::string> inner = Walk(*field->message_type(), in, path, depth + 1);
      if (inner.has_value()) return inner;
      if (in.BytesUntilLimit() != 0) return "";
      in.PopLimit(limit);
    } else if (!in.Skip(static_cast<int>(length))) {
      return "";
    }
  }
}

std::string ReadAll(grpc_byte_buffer* buffer) {
  grpc_byte_buffer_reader reader;
  if (!grpc_byte_buffer_reader_init(&reader, buffer)) return {};
  grpc_slice all = grpc_byte_buffer_reader_readall(&reader);
  std::string bytes(reinterpret_cast<const char*>(GRPC_SLICE_START_PTR(all)),
                    GRPC_SLICE_LENGTH(all));
  grpc_slice_unref(all);
  grpc_byte_buffer_reader_destroy(&reader);
  return bytes;
}

// Delegates to the generated handler; only when it cannot parse a request
// does it step in, giving the handler an empty request with the mark.
class LenientHandler : public grpc::internal::MethodHandler {
 public:
  explicit LenientHandler(grpc::internal::MethodHandler* generated) : generated_(generated) {}

  void RunHandler(const HandlerParameter& param) override { generated_->RunHandler(param); }

  void* Deserialize(grpc_call* call, grpc_byte_buffer* req, grpc::Status* status,
                    void** handler_data) override {
    // The generated handler consumes `req`; a copy (slices shared, not
    // copied) keeps the bytes for the rare request that does not parse.
    grpc_byte_buffer* kept = req == nullptr ? nullptr : grpc_byte_buffer_copy(req);
    void* request = generated_->Deserialize(call, req, status, handler_data);
    if (request != nullptr || kept == nullptr) {
      if (kept != nullptr) grpc_byte_buffer_destroy(kept);
      return request;
    }
    const std::string bytes = ReadAll(kept);
    grpc_byte_buffer_destroy(kept);
    // Give back the request the failed attempt allocated, then parse none.
    // The holder lives in the call's arena (no custom allocator is used), so
    // destroying it is what its Release() would do.
    if (*handler_data != nullptr) {
      static_cast<grpc::RpcAllocatorState*>(*handler_data)->~RpcAllocatorState();
    }
    grpc_byte_buffer* empty = grpc_raw_byte_buffer_create(nullptr, 0);
    request = generated_->Deserialize(call, empty, status, handler_data);
    if (request == nullptr) return nullptr;
    // Generated messages derive from Message alone, at offset 0.
    auto* message = static_cast<google::protobuf::Message*>(request);
    const std::string mark = InvalidUtf8Path(*message->GetDescriptor(), bytes).value_or(kMalformed);
    message->GetReflection()->MutableUnknownFields(message)->AddLengthDelimited(
        kMarkField, mark.empty() ? kMalformed : mark);
    return request;
  }

 private:
  grpc::internal::MethodHandler* const generated_;  // owned by the generated service
};

// Reaches the generated service's handlers (GetHandler is protected).
struct HandlerAccess : grpc::Service {
  static grpc::internal::MethodHandler* Of(grpc::Service& service, int index) {
    return (service.*(&HandlerAccess::GetHandler))(index);
  }
};

}  // namespace

LenientService::LenientService(grpc::Service& generated,
                               const google::protobuf::ServiceDescriptor& descriptor) {
  names_.reserve(descriptor.method_count());  // method names point into it
  for (int i = 0; i < descriptor.method_count(); ++i) {
    names_.push_back(absl::StrCat("/", descriptor.full_name(), "/", descriptor.method(i)->name()));
    AddMethod(new grpc::internal::RpcServiceMethod(names_.back().c_str(),
                                                   grpc::internal::RpcMethod::NORMAL_RPC, nullptr));
    MarkMethodCallback(i, new LenientHandler(HandlerAccess::Of(generated, i)));
  }
}

absl::Status UnparsedRequestStatus(const google::protobuf::Message& request) {
  const google::protobuf::UnknownFieldSet& unknown =
      request.GetReflection()->GetUnknownFields(request);
  for (int i = 0; i < unknown.field_count(); ++i) {
    const google::protobuf::UnknownField& field = unknown.field(i);
    if (field.number() != kMarkField ||
        field.type() != google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
      continue;
    }
    if (field.length_delimited() == kMalformed) {
      return absl::InvalidArgumentError(
          absl::StrCat("the request is not a well-formed ", request.GetDescriptor()->full_name()));
    }
    return InvalidField(field.length_delimited(), "is not valid UTF-8");
  }
  return absl::OkStatus();
}

std::optional<std::string> InvalidUtf8Path(const Descriptor& type, const std::string& bytes) {
  CodedInputStream in(reinterpret_cast<const uint8_t*>(bytes.data()),
                      static_cast<int>(bytes.size()));
  std::optional<std::string> found = Walk(type, in, "", 0);
  if (found.has_value()) return found;
  if (in.CurrentPosition() != static_cast<int>(bytes.size())) return "";
  return std::nullopt;
}

}  // namespace zs
