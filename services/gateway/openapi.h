// The OpenAPI 3.0 document of everything the gateway serves, generated from
// the same route table and descriptors it transcodes with: paths and
// operations from the google.api.http rules, schemas from the messages (JSON
// names in lowerCamel, int64 as strings, enums by name, as the gateway
// answers), descriptions from the proto comments.
#pragma once

#include <string>

#include "services/gateway/routes.h"

namespace zs::gateway {

std::string OpenApiDocument(const RouteTable& routes);

}  // namespace zs::gateway
