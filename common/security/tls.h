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
#include "absl/time/time.h"

namespace zs {

struct ServerTlsFiles {
  std::string cert_file;       // PEM chain; empty: no TLS
  std::string key_file;        // PEM private key
  std::string client_ca_file;  // non-empty: mutual TLS against this CA
  // How often the files are checked for change; a renewed certificate (a
  // Kubernetes Secret updated in place) is served from then on, with no
  // restart. Connections already open keep the certificate they began with.
  int reload_seconds = 10;
};

// TLS credentials when `files` names a certificate (checked readable now,
// then re-read as they change); otherwise plaintext,
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

// When the first certificate in the PEM file `cert_file` stops being valid
// (its notAfter); FAILED_PRECONDITION when it cannot be read.
absl::StatusOr<absl::Time> CertificateExpiry(const std::string& cert_file);

// 127.0.0.0/8, [::1] or localhost, with a port.
bool IsLoopbackAddress(absl::string_view address);

}  // namespace zs
