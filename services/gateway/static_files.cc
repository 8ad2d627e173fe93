#include "services/gateway/static_files.h"

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

bool ReadFile(const std::filesystem::path& file, std::string* out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  *out = text.str();
  return true;
}

}  // namespace

StaticFiles::StaticFiles(std::string root) {
  if (root.empty()) return;
  std::error_code error;
  const auto canonical = std::filesystem::canonical(root, error);
  if (!error && std::filesystem::is_directory(canonical)) root_ = canonical.string();
}

bool StaticFiles::Serve(const std::string& raw_path, httplib::Response* response) const {
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
    response->set_content(std::move(body), ContentTypeOf(file));
    return true;
  }
  // A missing asset is a 404, not the app: a stale hashed name must not
  // come back as HTML with a script content type expected.
  if (absl::StartsWith(path, "/assets/")) return false;
  if (!ReadFile(std::filesystem::path(root_) / "index.html", &body)) return false;
  response->set_header("Cache-Control", "no-cache");
  response->set_content(std::move(body), "text/html; charset=utf-8");
  return true;
}

}  // namespace zs::gateway
