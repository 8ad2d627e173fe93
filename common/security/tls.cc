#include "common/security/tls.h"

#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_credentials_options.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"

namespace zs {
namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::FailedPreconditionError(absl::StrCat("cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  if (text.str().find("-----BEGIN") == std::string::npos) {
    return absl::FailedPreconditionError(absl::StrCat(path, " is not PEM"));
  }
  return text.str();
}

}  // namespace

absl::StatusOr<absl::Time> CertificateExpiry(const std::string& cert_file) {
  ZS_ASSIGN_OR_RETURN(std::string pem, ReadPem(cert_file));
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  std::tm not_after{};
  const bool read = cert != nullptr && ASN1_TIME_to_tm(X509_get0_notAfter(cert), &not_after) == 1;
  X509_free(cert);
  if (!read) {
    return absl::FailedPreconditionError(absl::StrCat(cert_file, " holds no readable certificate"));
  }
  return absl::FromTM(not_after, absl::UTCTimeZone());
}

bool IsLoopbackAddress(absl::string_view address) {
  return absl::StartsWith(address, "127.") || absl::StartsWith(address, "[::1]:") ||
         absl::StartsWith(address, "localhost:");
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(
    const ServerTlsFiles& files, absl::string_view listen_address, bool allow_plaintext) {
  if (files.cert_file.empty()) {
    if (!allow_plaintext || !IsLoopbackAddress(listen_address)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "refusing to serve plaintext on ", listen_address,
          ": give --tls_cert_file/--tls_key_file, or --allow_plaintext on a loopback address"));
    }
    return grpc::InsecureServerCredentials();
  }
  // Read once here so a missing or broken file stops the start with its
  // name; the watcher below would only log it.
  for (const std::string* file : {&files.cert_file, &files.key_file, &files.client_ca_file}) {
    if (file->empty()) continue;
    if (absl::StatusOr<std::string> pem = ReadPem(*file); !pem.ok()) return pem.status();
  }
  const bool mutual = !files.client_ca_file.empty();
  auto provider = std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      files.key_file, files.cert_file, files.client_ca_file,
      static_cast<unsigned int>(std::max(1, files.reload_seconds)));
  grpc::experimental::TlsServerCredentialsOptions options(provider);
  options.watch_identity_key_cert_pairs();
  if (mutual) {
    options.watch_root_certs();
    options.set_cert_request_type(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  } else {
    options.set_cert_request_type(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  }
  return grpc::experimental::TlsServerCredentials(options);
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> MakeChannelCredentials(
    const ChannelTlsFiles& files) {
  if (files.ca_file.empty()) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions options;
  ZS_ASSIGN_OR_RETURN(options.pem_root_certs, ReadPem(files.ca_file));
  if (!files.cert_file.empty()) {
    ZS_ASSIGN_OR_RETURN(options.pem_cert_chain, ReadPem(files.cert_file));
    ZS_ASSIGN_OR_RETURN(options.pem_private_key, ReadPem(files.key_file));
  }
  return grpc::SslCredentials(options);
}

}  // namespace zs
