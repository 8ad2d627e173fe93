#include "common/readiness.h"

#include "absl/strings/str_cat.h"

namespace zs {

Readiness& Readiness::Process() {
  static Readiness* const readiness = new Readiness();
  return *readiness;
}

bool Readiness::Block(absl::string_view key, absl::string_view reason) {
  std::lock_guard lock(mu_);
  auto [it, inserted] = reasons_.try_emplace(std::string(key), reason);
  const bool changed = inserted || it->second != reason;
  it->second = std::string(reason);
  blocked_.store(static_cast<int>(reasons_.size()), std::memory_order_relaxed);
  return changed;
}

bool Readiness::Unblock(absl::string_view key) {
  std::lock_guard lock(mu_);
  auto it = reasons_.find(key);
  if (it == reasons_.end()) return false;
  reasons_.erase(it);
  blocked_.store(static_cast<int>(reasons_.size()), std::memory_order_relaxed);
  return true;
}

std::string Readiness::Reasons() const {
  std::lock_guard lock(mu_);
  std::string out;
  for (const auto& [key, reason] : reasons_) {
    absl::StrAppend(&out, out.empty() ? "" : "; ", reason);
  }
  return out;
}

}  // namespace zs
