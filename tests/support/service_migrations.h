// The services' schema migrations, compiled into their libraries
// (cmake/EmbedMigrations.cmake), for tests that make their databases.
#pragma once

#include <vector>

#include "common/db/migrations.h"

namespace zs::lead {
extern const std::vector<zs::Migration> kMigrations;
}  // namespace zs::lead

namespace zs::project {
extern const std::vector<zs::Migration> kMigrations;
}  // namespace zs::project

namespace zs::supervision {
extern const std::vector<zs::Migration> kMigrations;
}  // namespace zs::supervision

namespace zs::identity {
extern const std::vector<zs::Migration> kMigrations;
}  // namespace zs::identity
