// The console's files from --static_dir: hashed build assets under /assets/
// cached for a year (their names change when their content does), every
// other file revalidated, and index.html for any other GET path that names
// no file, so the console's client-side routes (/leads/42) load the app.
// Never used for /v1/: an unknown API path is a JSON 404.
#pragma once

#include <httplib.h>

#include <string>

namespace zs::gateway {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);
  bool enabled() const { return !root_.empty(); }
  // Answers a GET/HEAD for `path`; false if nothing is served there.
  bool Serve(const std::string& path, httplib::Response* response) const;

 private:
  std::string root_;  // canonical, empty when no directory is served
};

}  // namespace zs::gateway
