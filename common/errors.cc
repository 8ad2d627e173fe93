#include "common/errors.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace zs {
namespace {

constexpr absl::string_view kFieldPayload = "zhaoshang/field";
constexpr absl::string_view kReasonPayload = "zhaoshang/reason";
constexpr absl::string_view kErrorDomain = "zhaoshang.gov";
constexpr absl::string_view kMetadataPayloadPrefix = "zhaoshang/metadata/";
// Messages quote what the caller sent ("unknown unit '…'"); a 70,000
// character value once made an answer larger than the client's metadata
// limit. Every answer's message, and the BadRequest description that
// repeats it, keeps this many characters at most.
constexpr size_t kMaxMessageChars = 300;

// The first `max_chars` code points of `text` and an ellipsis, cut on a
// character boundary; `text` itself when short enough.
std::string Bounded(absl::string_view text, size_t max_chars) {
  size_t chars = 0, i = 0;
  for (; i < text.size(); ++chars) {
    if (chars == max_chars) return absl::StrCat(text.substr(0, i), "…");
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    size_t width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    i += std::min(width, text.size() - i);
  }
  return std::string(text);
}

absl::Status WithReason(absl::Status status, absl::string_view reason) {
  status.SetPayload(kReasonPayload, absl::Cord(reason));
  return status;
}

std::string Payload(const absl::Status& status, absl::string_view key) {
  auto value = status.GetPayload(key);
  return value ? std::string(*value) : std::string();
}

}  // namespace

absl::Status InvalidField(absl::string_view field, absl::string_view problem) {
  absl::Status status = absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
  status.SetPayload(kFieldPayload, absl::Cord(field));
  return WithReason(std::move(status), "INVALID_FIELD");
}

absl::Status NotFound(absl::string_view resource, int64_t id) {
  return WithReason(absl::NotFoundError(absl::StrCat(resource, " ", id, " not found")),
                    "NOT_FOUND");
}

absl::Status AlreadyExists(absl::string_view reason, absl::string_view message) {
  return WithReason(absl::AlreadyExistsError(message), reason);
}

absl::Status FailedPrecondition(absl::string_view reason, absl::string_view message) {
  return WithReason(absl::FailedPreconditionError(message), reason);
}

absl::Status ErrorWithReason(absl::Status status, absl::string_view reason) {
  return WithReason(std::move(status), reason);
}

absl::Status StaleEtag(absl::string_view resource, int64_t id) {
  return WithReason(absl::AbortedError(absl::StrCat(
                        resource, " ", id,
                        " was changed by someone else (etag is stale): fetch it again and "
                        "reapply your change")),
                    "STALE_ETAG");
}

absl::Status WithErrorMetadata(absl::Status status, absl::string_view key,
                               absl::string_view value) {
  status.SetPayload(absl::StrCat(kMetadataPayloadPrefix, key), absl::Cord(value));
  return status;
}

std::string ErrorMetadata(const absl::Status& status, absl::string_view key) {
  return Payload(status, absl::StrCat(kMetadataPayloadPrefix, key));
}

absl::Status WithFieldPrefix(const absl::Status& status, absl::string_view prefix) {
  const std::string field = ErrorField(status);
  if (field.empty()) return status;
  const std::string rooted = absl::StrCat(prefix, ".", field);
  absl::string_view message = status.message();
  std::string text = absl::ConsumePrefix(&message, field) ? absl::StrCat(rooted, message)
                                                          : std::string(status.message());
  absl::Status out(status.code(), text);
  status.ForEachPayload(
      [&](absl::string_view key, const absl::Cord& value) { out.SetPayload(key, value); });
  out.SetPayload(kFieldPayload, absl::Cord(rooted));
  return out;
}

std::string ErrorField(const absl::Status& status) { return Payload(status, kFieldPayload); }

std::string ErrorReason(const absl::Status& status) { return Payload(status, kReasonPayload); }

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  google::rpc::Status rich;
  rich.set_code(static_cast<int>(status.code()));
  rich.set_message(Bounded(status.message(), kMaxMessageChars));
  const std::string field = ErrorField(status);
  if (!field.empty()) {
    google::rpc::BadRequest bad_request;
    auto* violation = bad_request.add_field_violations();
    violation->set_field(Bounded(field, kMaxMessageChars));
    violation->set_description(rich.message());
    rich.add_details()->PackFrom(bad_request);
  }
  const std::string reason = ErrorReason(status);
  if (!reason.empty()) {
    google::rpc::ErrorInfo info;
    info.set_reason(reason);
    info.set_domain(std::string(kErrorDomain));
    status.ForEachPayload([&](absl::string_view url, const absl::Cord& value) {
      if (absl::ConsumePrefix(&url, kMetadataPayloadPrefix)) {
        (*info.mutable_metadata())[std::string(url)] = std::string(value);
      }
    });
    rich.add_details()->PackFrom(info);
  }
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), rich.message(),
                      rich.SerializeAsString());
}

}  // namespace zs
