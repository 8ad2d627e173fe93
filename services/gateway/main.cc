// zs-gateway: flags (with env defaults) → contracts and route table →
// channels to the services → HTTP(S) listener; SIGTERM stops accepting and
// lets requests in flight finish.
#include <grpc/grpc.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/support/channel_arguments.h>
#include <httplib.h>
#include <openssl/ssl.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/config.h"
#include "common/logging.h"
#include "common/request_limits.h"
#include "common/security/tls.h"
#include "common/server.h"
#include "common/telemetry/metrics_endpoint.h"
#include "services/gateway/backends.h"
#include "services/gateway/contracts.h"
#include "services/gateway/gateway.h"
#include "services/gateway/openapi.h"
#include "services/gateway/routes.h"

ABSL_FLAG(std::string, listen, zs::EnvOr("ZS_LISTEN", "127.0.0.1:7100"),
          "host:port to serve HTTP(S) on (env ZS_LISTEN)");
ABSL_FLAG(std::string, tls_cert_file, zs::EnvOr("ZS_TLS_CERT_FILE", ""),
          "PEM certificate chain to serve HTTPS with (env ZS_TLS_CERT_FILE)");
ABSL_FLAG(std::string, tls_key_file, zs::EnvOr("ZS_TLS_KEY_FILE", ""),
          "PEM private key of --tls_cert_file (env ZS_TLS_KEY_FILE)");
ABSL_FLAG(bool, allow_plaintext, zs::EnvOr("ZS_ALLOW_PLAINTEXT", 0) != 0,
          "loopback development only: serve plain HTTP (cookies then lack Secure) "
          "(env ZS_ALLOW_PLAINTEXT=1)");
ABSL_FLAG(std::string, static_dir, zs::EnvOr("ZS_STATIC_DIR", ""),
          "directory of the console's built files (web/dist); empty: none (env ZS_STATIC_DIR)");
ABSL_FLAG(std::string, lead_address, zs::EnvOr("ZS_LEAD_ADDRESS", "127.0.0.1:7101"),
          "the lead service (env ZS_LEAD_ADDRESS)");
ABSL_FLAG(std::string, project_address, zs::EnvOr("ZS_PROJECT_ADDRESS", "127.0.0.1:7102"),
          "the project service (env ZS_PROJECT_ADDRESS)");
ABSL_FLAG(std::string, supervision_address, zs::EnvOr("ZS_SUPERVISION_ADDRESS", "127.0.0.1:7103"),
          "the supervision service (env ZS_SUPERVISION_ADDRESS)");
ABSL_FLAG(std::string, reporting_address, zs::EnvOr("ZS_REPORTING_ADDRESS", "127.0.0.1:7104"),
          "the reporting service (env ZS_REPORTING_ADDRESS)");
ABSL_FLAG(std::string, identity_address, zs::EnvOr("ZS_IDENTITY_ADDRESS", "127.0.0.1:7105"),
          "the identity service (env ZS_IDENTITY_ADDRESS)");
ABSL_FLAG(std::string, outbound_tls_ca_file, zs::EnvOr("ZS_OUTBOUND_TLS_CA_FILE", ""),
          "CA the services' certificates are checked against; empty: plaintext to the "
          "services (loopback development) (env ZS_OUTBOUND_TLS_CA_FILE)");
ABSL_FLAG(std::string, outbound_tls_cert_file, zs::EnvOr("ZS_OUTBOUND_TLS_CERT_FILE", ""),
          "client certificate presented to services that demand mutual TLS "
          "(env ZS_OUTBOUND_TLS_CERT_FILE)");
ABSL_FLAG(std::string, outbound_tls_key_file, zs::EnvOr("ZS_OUTBOUND_TLS_KEY_FILE", ""),
          "key of --outbound_tls_cert_file (env ZS_OUTBOUND_TLS_KEY_FILE)");
ABSL_FLAG(int, channels_per_service, zs::EnvOr("ZS_CHANNELS_PER_SERVICE", 4),
          "connections to each service, used in turn (env ZS_CHANNELS_PER_SERVICE)");
ABSL_FLAG(int, call_timeout_seconds, zs::EnvOr("ZS_CALL_TIMEOUT_SECONDS", 30),
          "deadline of each call to a service (env ZS_CALL_TIMEOUT_SECONDS)");
ABSL_FLAG(int, max_request_bytes, zs::EnvOr("ZS_MAX_REQUEST_BYTES", zs::kMaxUploadBytes),
          "largest request body, by default the largest file an import takes (4 MiB); "
          "larger is refused with 413. Above the services' --max_message_bytes a body "
          "passes here and is refused there (env ZS_MAX_REQUEST_BYTES)");
ABSL_FLAG(int, max_header_bytes, zs::EnvOr("ZS_MAX_HEADER_BYTES", 16 << 10),
          "largest total of request headers; larger is refused with 431; one header line "
          "is limited to 8 KiB by the HTTP library (env ZS_MAX_HEADER_BYTES)");
ABSL_FLAG(int, rate_limit_per_second, zs::EnvOr("ZS_HTTP_RATE_LIMIT_PER_SECOND", 50),
          "requests per second per client address; 0: unlimited "
          "(env ZS_HTTP_RATE_LIMIT_PER_SECOND)");
ABSL_FLAG(int, rate_limit_burst, zs::EnvOr("ZS_HTTP_RATE_LIMIT_BURST", 100),
          "requests a client may make at once above its rate (env ZS_HTTP_RATE_LIMIT_BURST)");
ABSL_FLAG(int, threads, zs::EnvOr("ZS_HTTP_THREADS", 64),
          "connections served at once (one thread each while a connection is open) "
          "(env ZS_HTTP_THREADS)");
ABSL_FLAG(int, keep_alive_seconds, zs::EnvOr("ZS_HTTP_KEEP_ALIVE_SECONDS", 5),
          "how long an idle keep-alive connection is kept (env ZS_HTTP_KEEP_ALIVE_SECONDS)");
ABSL_FLAG(std::string, allowed_origins, zs::EnvOr("ZS_ALLOWED_ORIGINS", ""),
          "comma-separated origins (https://host:port) besides the gateway's own whose "
          "cookie-authenticated changes are accepted (env ZS_ALLOWED_ORIGINS)");
ABSL_FLAG(int, shutdown_grace_seconds, zs::EnvOr("ZS_SHUTDOWN_GRACE_SECONDS", 20),
          "time requests in flight get to finish on SIGTERM (env ZS_SHUTDOWN_GRACE_SECONDS)");
ABSL_FLAG(std::string, metrics_listen, zs::EnvOr("ZS_METRICS_LISTEN", ""),
          "host:port serving Prometheus metrics over plain HTTP at /metrics, apart from "
          "--listen; empty: none (env ZS_METRICS_LISTEN)");
ABSL_FLAG(bool, print_openapi, false,
          "print the OpenAPI 3 document (what GET /v1/openapi.json serves) and exit");

namespace zs::gateway {
namespace {

[[noreturn]] void Fail(absl::string_view message) {
  LogError(message);
  std::exit(2);
}

std::string AddressFor(const std::string& service) {
  if (service == "lead") return absl::GetFlag(FLAGS_lead_address);
  if (service == "project") return absl::GetFlag(FLAGS_project_address);
  if (service == "supervision") return absl::GetFlag(FLAGS_supervision_address);
  if (service == "reporting") return absl::GetFlag(FLAGS_reporting_address);
  if (service == "identity") return absl::GetFlag(FLAGS_identity_address);
  return {};
}

std::unique_ptr<httplib::Server> MakeServer(const std::string& listen) {
  const std::string cert = absl::GetFlag(FLAGS_tls_cert_file);
  const std::string key = absl::GetFlag(FLAGS_tls_key_file);
  if (cert.empty()) {
    if (!absl::GetFlag(FLAGS_allow_plaintext) || !IsLoopbackAddress(listen)) {
      Fail("--tls_cert_file is required (plain HTTP only with --allow_plaintext on loopback)");
    }
    return std::make_unique<httplib::Server>();
  }
  auto server = std::make_unique<httplib::SSLServer>([&](SSL_CTX& context) {
    SSL_CTX_set_min_proto_version(&context, TLS1_2_VERSION);
    return SSL_CTX_use_certificate_chain_file(&context, cert.c_str()) == 1 &&
           SSL_CTX_use_PrivateKey_file(&context, key.c_str(), SSL_FILETYPE_PEM) == 1 &&
           SSL_CTX_check_private_key(&context) == 1;
  });
  if (!server->is_valid()) Fail("cannot load --tls_cert_file / --tls_key_file");
  return server;
}

int Main(int argc, char** argv) {
  BlockTerminationSignals();
  absl::SetProgramUsageMessage("zs-gateway: HTTP/JSON front door of the Zhaoshang services");
  absl::ParseCommandLine(argc, argv);

  absl::StatusOr<std::unique_ptr<Contracts>> contracts = Contracts::Load();
  if (!contracts.ok()) Fail(contracts.status().message());
  absl::StatusOr<RouteTable> routes = RouteTable::Build((*contracts)->services());
  if (!routes.ok()) Fail(routes.status().message());
  if (absl::GetFlag(FLAGS_print_openapi)) {
    std::cout << OpenApiDocument(*routes) << "\n";
    return 0;
  }
  InitLogging("gateway");
  absl::StatusOr<std::unique_ptr<MetricsEndpoint>> metrics_endpoint =
      MetricsEndpoint::Start(absl::GetFlag(FLAGS_metrics_listen));
  if (!metrics_endpoint.ok()) Fail(metrics_endpoint.status().message());

  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      MakeChannelCredentials({.ca_file = absl::GetFlag(FLAGS_outbound_tls_ca_file),
                              .cert_file = absl::GetFlag(FLAGS_outbound_tls_cert_file),
                              .key_file = absl::GetFlag(FLAGS_outbound_tls_key_file)});
  if (!credentials.ok()) Fail(credentials.status().message());
  std::map<std::string, std::vector<std::shared_ptr<grpc::Channel>>> channels;
  for (const auto* service : (*contracts)->services()) {
    const std::string address = AddressFor(ServiceShortName(*service));
    if (address.empty()) {
      LogWarning(
          absl::StrCat("no backend address for ", service->full_name(), "; its routes answer 501"));
      continue;
    }
    for (int i = 0; i < absl::GetFlag(FLAGS_channels_per_service); ++i) {
      grpc::ChannelArguments args;
      args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // a connection of its own
      channels[service->full_name()].push_back(
          grpc::CreateCustomChannel(address, *credentials, args));
    }
  }
  Backends backends(std::move(channels), absl::Seconds(absl::GetFlag(FLAGS_call_timeout_seconds)));

  const std::string listen = absl::GetFlag(FLAGS_listen);
  std::unique_ptr<httplib::Server> server = MakeServer(listen);
  GatewayConfig config{
      .tls = !absl::GetFlag(FLAGS_tls_cert_file).empty(),
      .static_dir = absl::GetFlag(FLAGS_static_dir),
      .max_request_bytes = static_cast<size_t>(absl::GetFlag(FLAGS_max_request_bytes)),
      .max_header_bytes = static_cast<size_t>(absl::GetFlag(FLAGS_max_header_bytes)),
      .rate_limit_per_second = static_cast<double>(absl::GetFlag(FLAGS_rate_limit_per_second)),
      .rate_limit_burst = absl::GetFlag(FLAGS_rate_limit_burst),
      .allowed_origins = {}};
  for (absl::string_view origin :
       absl::StrSplit(absl::GetFlag(FLAGS_allowed_origins), ',', absl::SkipEmpty())) {
    config.allowed_origins.emplace_back(origin);
  }
  if (!config.static_dir.empty() && !StaticFiles(config.static_dir).enabled()) {
    LogWarning(absl::StrCat("--static_dir ", config.static_dir, " is not a directory; no console"));
  }
  Gateway gateway(**contracts, *routes, backends, config);
  gateway.Install(server.get());
  const int threads = absl::GetFlag(FLAGS_threads);
  // httplib owns the queue it is given (its API takes a raw pointer).
  server->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server->set_keep_alive_timeout(absl::GetFlag(FLAGS_keep_alive_seconds));
  server->set_keep_alive_max_count(1000);
  server->set_read_timeout(10);
  server->set_write_timeout(30);
  server->set_tcp_nodelay(true);

  const size_t colon = listen.rfind(':');
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  int port = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(listen.substr(colon + 1), &port)) {
    Fail("--listen must be host:port");
  }
  if (port == 0) {
    port = server->bind_to_any_port(host);
  } else if (!server->bind_to_port(host, port)) {
    port = -1;
  }
  if (port < 0) Fail(absl::StrCat("cannot listen on ", listen));
  LogInfo(absl::StrCat("serving ", config.tls ? "https" : "http", " on ", host, ":", port, " (",
                       routes->routes().size(), " routes)"));
  std::thread serving([&] { server->listen_after_bind(); });

  WaitForTerminationSignal();
  LogInfo("stopping: finishing requests in flight");
  server->stop();  // stops accepting; the thread pool joins its workers
  serving.join();
  return 0;
}

}  // namespace
}  // namespace zs::gateway

int main(int argc, char** argv) { return zs::gateway::Main(argc, argv); }
