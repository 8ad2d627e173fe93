// What `zsctl --version` says: this client's version and the version of the
// contracts it was built from, so a bureau can tell which offices run a
// client that predates a contract change.
#pragma once

#include <string>

namespace zs::client {

// "1.0.0" (the CMake project version).
std::string ClientVersion();

// "v1 (a1b2c3d4e5f6)": the contracts' major version and a digest of the
// four services' descriptors; two builds with the same digest speak the
// same contract to the field.
std::string ContractVersion();

// Both, one per line, as --version prints them.
std::string VersionText();

}  // namespace zs::client
