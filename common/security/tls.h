// Transport security from files: a listener serves TLS with its certificate
// and key, and with a client CA it demands and verifies client certificates
// (mutual TLS). Plaintext is only for loopback development, and only when
// asked for explicitly.
#pragma once

#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace zs {

struct ServerTlsFiles {
  std::string cert_file;       // PEM chain; empty: no TLS
  std::string key_file;        // PEM private key
  std::string client_ca_file;  // non-empty: mutual TLS against this CA
};

// TLS credentials when `files` names a certificate; otherwise plaintext,
// which is refused (FAILED_PRECONDITION) unless `allow_plaintext` and the
// address is loopback.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(
    const ServerTlsFiles& files, absl::string_view listen_address, bool allow_plaintext);

struct ChannelTlsFiles {
  std::string ca_file;    // empty: plaintext (loopback development)
  std::string cert_file;  // client certificate for mutual TLS, optional
  std::string key_file;
};

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> MakeChannelCredentials(
    const ChannelTlsFiles& files);

// 127.0.0.0/8, [::1] or localhost, with a port.
bool IsLoopbackAddress(absl::string_view address);

}  // namespace zs
