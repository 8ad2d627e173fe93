#include "services/gateway/gateway.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/logging.h"
#include "common/telemetry/http_metrics.h"
#include "services/gateway/cookies.h"
#include "services/gateway/openapi.h"
#include "services/gateway/status_mapping.h"
#include "services/gateway/transcode.h"

namespace zs::gateway {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

constexpr char kCreateSession[] = "zhaoshang.identity.v1.IdentityService.CreateSession";
constexpr char kRefreshSession[] = "zhaoshang.identity.v1.IdentityService.RefreshSession";
constexpr char kDeleteSession[] = "zhaoshang.identity.v1.IdentityService.DeleteSession";

// The request this thread is answering, for its metrics: httplib answers a
// connection's requests one after another on one thread, from the
// pre-routing handler to the logger.
struct RequestInFlight {
  absl::Time start;
  std::string route = "unmatched";  // the route's template: few values, never an id
  bool started = false;
};

RequestInFlight& ThisRequest() {
  thread_local RequestInFlight request;
  return request;
}

void SetRoute(absl::string_view route) { ThisRequest().route = std::string(route); }

// How a sign-in ended, for zs_sign_ins_total (common/telemetry/http_metrics.h).
const char* SignInOutcome(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "succeeded";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "wrong_credentials";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "throttled";
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::PERMISSION_DENIED:
      return "invalid";
    default:
      return "error";
  }
}

// A query string's name or value: '+' is a space, then percent-decoding.
bool DecodeQueryPart(absl::string_view text, std::string* out) {
  std::string spaced(text);
  std::replace(spaced.begin(), spaced.end(), '+', ' ');
  return PercentDecode(spaced, out);
}

void SendStatus(const grpc::Status& status, httplib::Response* response) {
  response->status = HttpStatusOf(status.error_code());
  response->set_content(ErrorBody(status), "application/json");
}

std::string StringField(const Message& message, const char* name) {
  const FieldDescriptor* field = message.GetDescriptor()->FindFieldByName(name);
  if (field == nullptr || field->cpp_type() != FieldDescriptor::CPPTYPE_STRING) return {};
  return message.GetReflection()->GetString(message, field);
}

void ClearField(Message* message, const char* name) {
  const FieldDescriptor* field = message->GetDescriptor()->FindFieldByName(name);
  if (field != nullptr) message->GetReflection()->ClearField(message, field);
}

// Seconds from now until the google.protobuf.Timestamp field `name`, at least 0.
long SecondsUntil(const Message& message, const char* name) {
  const FieldDescriptor* field = message.GetDescriptor()->FindFieldByName(name);
  if (field == nullptr || field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) return 0;
  const Message& time = message.GetReflection()->GetMessage(message, field);
  const auto* d = time.GetDescriptor();
  const int64_t seconds = time.GetReflection()->GetInt64(time, d->FindFieldByName("seconds"));
  return std::max<long>(0, seconds - absl::ToUnixSeconds(absl::Now()));
}

// RFC 6266 / RFC 5987: an ASCII fallback name and the UTF-8 name.
std::string ContentDisposition(const std::string& file_name) {
  std::string ascii, encoded;
  for (unsigned char c : file_name) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '-' || c == '_';
    ascii += (plain || c == ' ') && c < 0x80 ? static_cast<char>(c) : '_';
    if (plain) {
      encoded += static_cast<char>(c);
    } else {
      static const char kHex[] = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  if (ascii.empty()) ascii = "download";
  return absl::StrCat("attachment; filename=\"", ascii, "\"; filename*=UTF-8''", encoded);
}

}  // namespace

Gateway::Gateway(const Contracts& contracts, const RouteTable& routes, const Backends& backends,
                 GatewayConfig config)
    : contracts_(contracts),
      routes_(routes),
      backends_(backends),
      config_(std::move(config)),
      openapi_(OpenApiDocument(routes)),
      static_files_(config_.static_dir),
      rate_limiter_(config_.rate_limit_per_second, config_.rate_limit_burst) {}

void Gateway::Install(httplib::Server* server) {
  server->set_payload_max_length(config_.max_request_bytes);
  server->set_pre_routing_handler(
      [this](const httplib::Request& request, httplib::Response& response) {
        RequestInFlight& current = ThisRequest();
        // A request before this one on the thread that never reached the
        // logger (its connection broke while its body was read) ends here.
        if (current.started) metrics::HttpRequestAbandoned();
        current = {.start = absl::Now(), .route = "unmatched", .started = true};
        metrics::HttpRequestStarted();
        AddSecurityHeaders(config_.tls, &response);
        if (request.path == "/healthz" || request.path == "/readyz") {
          SetRoute("health");
          response.set_content("ok\n", "text/plain");
          return httplib::Server::HandlerResponse::Handled;
        }
        if (HeaderBytes(request) > config_.max_header_bytes) {
          SendStatus(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "request headers too large"),
                     &response);
          response.status = 431;
          return httplib::Server::HandlerResponse::Handled;
        }
        if (!rate_limiter_.Admit(request.remote_addr)) {
          metrics::CountHttpRateLimited();
          SendStatus(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                  "too many requests from " + request.remote_addr),
                     &response);
          response.set_header("Retry-After", "1");
          return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
      });
  auto api = [this](const httplib::Request& request, httplib::Response& response) {
    HandleApi(request, &response);
  };
  server->Get("/v1/openapi.json", [this](const httplib::Request&, httplib::Response& response) {
    SetRoute("/v1/openapi.json");
    response.set_header("Cache-Control", "no-cache");
    response.set_content(openapi_, "application/json");
  });
  const std::string v1 = "/v1/.*";
  server->Get(v1, api).Post(v1, api).Put(v1, api).Patch(v1, api).Delete(v1, api);
  server->Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
    SetRoute("static");
    if (!static_files_.Serve(request.path, request.get_header_value("Accept-Encoding"),
                             &response)) {
      response.status = 404;
      response.set_content("not found\n", "text/plain; charset=utf-8");
    }
  });
  // httplib's own refusals (413 over the size limit, 400 unparsable, 404 for
  // a method it has no handler for) get a google.rpc.Status body too.
  server->set_error_handler([](const httplib::Request&, httplib::Response& response) {
    if (!response.body.empty()) return;
    grpc::StatusCode code = grpc::StatusCode::INVALID_ARGUMENT;
    std::string message = "bad request";
    if (response.status == 413) {
      code = grpc::StatusCode::RESOURCE_EXHAUSTED;
      message = "request body too large";
    } else if (response.status == 404 || response.status == 405) {
      code = grpc::StatusCode::NOT_FOUND;
      message = "no such resource";
    }
    response.set_content(ErrorBody(grpc::Status(code, message)), "application/json");
  });
  // Every answer, the handlers' and httplib's own refusals alike.
  server->set_logger([](const httplib::Request& request, const httplib::Response& response) {
    RequestInFlight& current = ThisRequest();
    metrics::HttpRequestFinished(
        current.route, request.method, response.status,
        current.started ? absl::Now() - current.start : absl::ZeroDuration(), current.started);
    current = {};  // a request refused before routing has no route of its own
  });
  server->set_exception_handler(
      [](const httplib::Request&, httplib::Response& response, const std::exception_ptr&) {
        response.status = 500;
        response.set_content(ErrorBody(grpc::Status(grpc::StatusCode::INTERNAL, "internal error")),
                             "application/json");
      });
}

void Gateway::HandleApi(const httplib::Request& request, httplib::Response* response) const {
  const absl::Time start = absl::Now();
  response->set_header("Cache-Control", "no-store");
  const std::string raw_path = request.target.substr(0, request.target.find('?'));
  RouteTable::Match match = routes_.Find(request.method, raw_path);
  if (match.route == nullptr) {
    if (match.path_known) {
      SendStatus(grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                              request.method + " is not allowed on " + raw_path),
                 response);
      response->status = 405;
    } else {
      SendStatus(grpc::Status(grpc::StatusCode::NOT_FOUND, "no API at " + raw_path), response);
    }
    return;
  }
  const Route& route = *match.route;
  const std::string& method_name = route.method->full_name();
  SetRoute(route.path);

  // Credentials: a program's bearer token, else the browser's session cookie.
  CallerMetadata caller{.authorization = request.get_header_value("Authorization"),
                        .client_address = request.remote_addr,
                        .user_agent = request.get_header_value("User-Agent"),
                        .traceparent = request.get_header_value("traceparent")};
  const std::string access_cookie = CookieValue(request, kAccessCookie);
  const std::string session_cookie = CookieValue(request, kSessionCookie);
  const bool uses_cookies = caller.authorization.empty() &&
                            (!access_cookie.empty() ||
                             ((method_name == kRefreshSession || method_name == kDeleteSession) &&
                              !session_cookie.empty()));
  // Signing in, renewing and signing out carry their credential in the body;
  // an expired access cookie sent along must not get them refused.
  const bool session_call = method_name == kCreateSession || method_name == kRefreshSession ||
                            method_name == kDeleteSession;
  if (uses_cookies && !access_cookie.empty() && !session_call) {
    caller.authorization = "Bearer " + access_cookie;
  }
  if (IsUnsafeMethod(request.method) && (uses_cookies || method_name == kCreateSession)) {
    std::string refusal = CsrfRefusal(request, config_.allowed_origins);
    // Signing in has no CSRF token yet; its Origin (if a browser sent one) must still match.
    if (method_name == kCreateSession && absl::StrContains(refusal, "X-CSRF-Token"))
      refusal.clear();
    if (method_name == kCreateSession && !request.has_header("Origin")) refusal.clear();
    if (!refusal.empty()) {
      if (method_name == kCreateSession) metrics::CountSignIn("invalid");
      SendStatus(grpc::Status(grpc::StatusCode::PERMISSION_DENIED, refusal), response);
      return;
    }
  }

  // The request message: body, then path variables, then query parameters.
  std::unique_ptr<Message> rpc_request = contracts_.New(route.method->input_type());
  std::optional<BadInput> bad;
  // An empty body is no body: the request (or its body field) stays unset.
  if (!route.body.empty() && !request.body.empty()) {
    const FieldDescriptor* upload = rpc_request->GetDescriptor()->FindFieldByName(route.body);
    if (route.body == "*") {
      bad = ParseJsonInto(request.body, "", rpc_request.get());
    } else if (upload != nullptr && upload->type() == FieldDescriptor::TYPE_BYTES) {
      // An upload (a spreadsheet to import): a bytes body field takes the
      // request body as it is; the other fields come from the query.
      rpc_request->GetReflection()->SetString(rpc_request.get(), upload, request.body);
    } else {
      bad =
          ParseJsonInto(request.body, route.body, MutableMessageAt(route.body, rpc_request.get()));
    }
  }
  for (const auto& [field, value] : match.bindings) {
    if (bad) break;
    bad = SetFieldFromText(field, value, rpc_request.get());
  }
  // From the target's query string only: httplib also parses a form-encoded
  // body into params, and a body is JSON here (curl -d sends JSON labelled
  // as a form).
  const size_t question = request.target.find('?');
  if (question != std::string::npos) {
    for (absl::string_view pair : absl::StrSplit(
             absl::string_view(request.target).substr(question + 1), '&', absl::SkipEmpty())) {
      if (bad) break;
      const size_t eq = pair.find('=');
      std::string name, value;
      if (!DecodeQueryPart(pair.substr(0, eq), &name) ||
          !DecodeQueryPart(eq == absl::string_view::npos ? "" : pair.substr(eq + 1), &value)) {
        bad = BadInput{std::string(pair.substr(0, eq)), "malformed percent-encoding"};
        break;
      }
      bad = SetFieldFromText(name, value, rpc_request.get());
    }
  }
  if (!bad && (method_name == kRefreshSession || method_name == kDeleteSession) &&
      StringField(*rpc_request, "session_secret").empty() && !session_cookie.empty()) {
    bad = SetFieldFromText("session_secret", session_cookie, rpc_request.get());
  }
  if (bad) {
    if (method_name == kCreateSession) metrics::CountSignIn("invalid");
    SendStatus(BadRequestStatus(*bad), response);
    return;
  }

  std::unique_ptr<Message> answer = contracts_.New(route.method->output_type());
  const grpc::Status status = backends_.Call(route.method->service()->full_name(),
                                             route.grpc_method, *rpc_request, caller, answer.get());
  if (method_name == kCreateSession) metrics::CountSignIn(SignInOutcome(status.error_code()));
  if (status.ok()) {
    if (method_name == kCreateSession || method_name == kRefreshSession) {
      SetSessionCookies(*answer, response);
      // The secrets live in HttpOnly cookies; page scripts never see them.
      ClearField(answer.get(), "access_token");
      ClearField(answer.get(), "session_secret");
    } else if (method_name == kDeleteSession) {
      ClearSessionCookies(response);
    }
    Answer(request, route, *answer, response);
  } else {
    if (method_name == kRefreshSession &&
        status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
      ClearSessionCookies(response);
    }
    SendStatus(status, response);
  }
  // The services log every call with who made it; the gateway adds a line
  // for what HTTP asked only when it failed or was slow (a line per success
  // cost a tenth of the gateway's time).
  const absl::Duration took = absl::Now() - start;
  if (status.ok() && took < absl::Seconds(1)) return;
  const std::string what = absl::StrCat(request.method, " ", route.path, " → ", route.grpc_method);
  const std::string http_status = std::to_string(response->status < 0 ? 200 : response->status);
  LogCall({.method = what,
           .code = http_status,
           .latency_ms = absl::ToDoubleMilliseconds(took),
           .principal = "",
           .request_id = "",
           .error = status.error_message()});
}

void Gateway::Answer(const httplib::Request&, const Route& route, const Message& answer,
                     httplib::Response* response) const {
  if (route.response_body.empty()) {
    response->set_content(ToJson(answer), "application/json");
    return;
  }
  // A download: the named bytes field is the body; its siblings content_type
  // and file_name, when the message has them, say what it is.
  std::string content_type = StringField(answer, "content_type");
  if (content_type.empty()) content_type = "application/octet-stream";
  const std::string file_name = StringField(answer, "file_name");
  if (!file_name.empty())
    response->set_header("Content-Disposition", ContentDisposition(file_name));
  response->set_content(StringField(answer, route.response_body.c_str()), content_type);
}

void Gateway::SetSessionCookies(const Message& session, httplib::Response* response) const {
  const bool secure = config_.tls;
  const std::string access = StringField(session, "access_token");
  const std::string secret = StringField(session, "session_secret");
  const long access_ttl = SecondsUntil(session, "access_token_expire_time");
  const long session_ttl = SecondsUntil(session, "session_expire_time");
  response->headers.emplace(
      "Set-Cookie", SetCookieHeader({kAccessCookie, access, "/", access_ttl, true, secure}));
  if (!secret.empty()) {  // CreateSession; RefreshSession keeps the secret it was sent
    for (const char* path : {kRefreshPath, kSignOutPath}) {
      response->headers.emplace(
          "Set-Cookie", SetCookieHeader({kSessionCookie, secret, path, session_ttl, true, secure}));
    }
    response->headers.emplace("Set-Cookie", SetCookieHeader({kCsrfCookie, NewCsrfToken(), "/",
                                                             session_ttl, false, secure}));
  }
}

void Gateway::ClearSessionCookies(httplib::Response* response) const {
  const bool secure = config_.tls;
  response->headers.emplace("Set-Cookie",
                            SetCookieHeader({kAccessCookie, "", "/", 0, true, secure}));
  for (const char* path : {kRefreshPath, kSignOutPath}) {
    response->headers.emplace("Set-Cookie",
                              SetCookieHeader({kSessionCookie, "", path, 0, true, secure}));
  }
  response->headers.emplace("Set-Cookie",
                            SetCookieHeader({kCsrfCookie, "", "/", 0, false, secure}));
}

}  // namespace zs::gateway
