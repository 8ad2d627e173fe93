// The console's files from --static_dir: hashed build assets under /assets/
// cached for a year (their names change when their content does), every
// other file revalidated, and index.html for any other GET path that names
// no file, so the console's client-side routes (/leads/42) load the app.
// Never used for /v1/: an unknown API path is a JSON 404.
//
// Text files go out gzip-compressed, compressed once per file and kept:
// httplib would otherwise compress every answer itself, choosing Brotli at
// its default quality (11) whenever the browser accepts it, which took
// 2.7 s of CPU for ECharts' 570 kB and held back the cockpit's charts.
#pragma once

#include <httplib.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace zs::gateway {

class StaticFiles {
 public:
  explicit StaticFiles(const std::string& root);
  bool enabled() const { return !root_.empty(); }
  // Answers a GET/HEAD for `path`; false if nothing is served there.
  // `accept_encoding` is the request's Accept-Encoding header.
  bool Serve(const std::string& path, const std::string& accept_encoding,
             httplib::Response* response) const;

 private:
  void Send(const std::string& file, const std::string& content, const std::string& type,
            const std::string& accept_encoding, httplib::Response* response) const;
  // The gzip form of a text file's content, made on first use.
  std::shared_ptr<const std::string> Gzipped(const std::string& file,
                                             const std::string& content) const;

  std::string root_;  // canonical, empty when no directory is served
  mutable std::mutex mutex_;
  // By file path and a hash of its content: a rebuilt file is compressed anew.
  mutable std::map<std::pair<std::string, size_t>, std::shared_ptr<const std::string>> gzipped_;
};

}  // namespace zs::gateway
