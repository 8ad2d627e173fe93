#include "services/gateway/static_files.h"

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/match.h"
#include "services/gateway/routes.h"

namespace zs::gateway {
namespace {

std::string ContentTypeOf(const std::filesystem::path& file) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"},
  };
  auto it = kTypes.find(file.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

// Text compresses; images, fonts and wasm are compressed already or not worth it.
bool IsText(const std::string& content_type) {
  return absl::StartsWith(content_type, "text/") ||
         absl::StartsWith(content_type, "application/json") ||
         absl::StartsWith(content_type, "image/svg+xml");
}

bool AcceptsGzip(const std::string& accept_encoding) {
  // "gzip;q=0" refuses it (RFC 9110 12.5.3); any other mention accepts.
  const size_t at = accept_encoding.find("gzip");
  if (at == std::string::npos) return false;
  const size_t end = accept_encoding.find(',', at);
  const std::string entry = accept_encoding.substr(at, end == std::string::npos ? end : end - at);
  return entry.find("q=0") == std::string::npos || entry.find("q=0.") != std::string::npos;
}

// gzip (RFC 1952) at zlib's best compression.
std::string Gzip(const std::string& content) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return {};
  }
  std::string out(deflateBound(&stream, content.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(content.data()));
  stream.avail_in = static_cast<uInt>(content.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return result == Z_STREAM_END ? out : std::string();
}

bool ReadFile(const std::filesystem::path& file, std::string* out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  *out = text.str();
  return true;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  if (root.empty()) return;
  std::error_code error;
  const auto canonical = std::filesystem::canonical(root, error);
  if (!error && std::filesystem::is_directory(canonical)) root_ = canonical.string();
}

std::shared_ptr<const std::string> StaticFiles::Gzipped(const std::string& file,
                                                        const std::string& content) const {
  const auto key = std::make_pair(file, std::hash<std::string>{}(content));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = gzipped_.find(key); it != gzipped_.end()) return it->second;
  }
  auto compressed = std::make_shared<const std::string>(Gzip(content));
  if (compressed->empty()) return nullptr;
  std::lock_guard<std::mutex> lock(mutex_);
  return gzipped_.try_emplace(key, std::move(compressed)).first->second;
}

// Sends `content` as the body. A text file goes out gzip-compressed when the
// browser takes it; a body of fixed length from a content provider is one
// httplib leaves as it is (it compresses only `set_content` bodies).
void StaticFiles::Send(const std::string& file, const std::string& content, const std::string& type,
                       const std::string& accept_encoding, httplib::Response* response) const {
  response->set_header("Vary", "Accept-Encoding");
  std::shared_ptr<const std::string> gzipped;
  if (IsText(type) && AcceptsGzip(accept_encoding)) gzipped = Gzipped(file, content);
  if (gzipped == nullptr) {
    response->set_content(content, type);
    return;
  }
  response->set_header("Content-Encoding", "gzip");
  response->set_content_provider(gzipped->size(), type,
                                 [gzipped](size_t offset, size_t length, httplib::DataSink& sink) {
                                   return sink.write(gzipped->data() + offset, length);
                                 });
}

bool StaticFiles::Serve(const std::string& raw_path, const std::string& accept_encoding,
                        httplib::Response* response) const {
  if (root_.empty() || absl::StartsWith(raw_path, "/v1/") || raw_path == "/v1") return false;
  std::string path;
  if (!PercentDecode(raw_path, &path) || path.find('\0') != std::string::npos) return false;
  std::filesystem::path file = std::filesystem::path(root_) / path.substr(1);
  std::error_code error;
  file = std::filesystem::weakly_canonical(file, error);
  const bool inside = !error && absl::StartsWith(file.string(), root_ + "/");
  std::string body;
  if (inside && std::filesystem::is_regular_file(file, error) && ReadFile(file, &body)) {
    response->set_header("Cache-Control", absl::StartsWith(path, "/assets/")
                                              ? "public, max-age=31536000, immutable"
                                              : "no-cache");
    Send(file.string(), body, ContentTypeOf(file), accept_encoding, response);
    return true;
  }
  // A missing asset is a 404, not the app: a stale hashed name must not
  // come back as HTML with a script content type expected.
  if (absl::StartsWith(path, "/assets/")) return false;
  const std::filesystem::path index = std::filesystem::path(root_) / "index.html";
  if (!ReadFile(index, &body)) return false;
  response->set_header("Cache-Control", "no-cache");
  Send(index.string(), body, "text/html; charset=utf-8", accept_encoding, response);
  return true;
}

}  // namespace zs::gateway
