#include "services/supervision/directory_store.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/db/prepared.h"
#include "common/errors.h"
#include "common/etag.h"
#include "common/field_mask.h"
#include "common/sql_row.h"
#include "common/validation.h"
#include "services/supervision/queries.h"

namespace zs::supervision {
namespace {

// The columns of unit.get, unit.list and unit.list_ranked.
void UnitFromRow(const pqxx::row& row, v1::Unit* out) {
  out->set_code(FieldNamed(row, "code").as<std::string>());
  out->set_name(FieldNamed(row, "name").as<std::string>());
  out->set_kind(static_cast<v1::UnitKind>(FieldNamed(row, "kind").as<int>()));
  out->set_parent_code(TextOrEmpty(FieldNamed(row, "parent_code")));
  out->set_category(FieldNamed(row, "category").as<std::string>());
  out->set_active(FieldNamed(row, "active").as<bool>());
  out->set_etag(FormatEtag(FieldNamed(row, "version").as<int64_t>()));
}

absl::Status ValidateCode(absl::string_view field, const std::string& code) {
  if (code.empty() || code.size() > 64) return InvalidField(field, "must be 1..64 characters");
  for (char c : code) {
    if (!(absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-')) {
      return InvalidField(field, "uses lower-case letters, digits and '-' only");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateUnit(pqxx::transaction_base& tx, const v1::Unit& unit) {
  ZS_RETURN_IF_ERROR(ValidateCode("unit.code", unit.code()));
  ZS_RETURN_IF_ERROR(ValidateRequiredText("unit.name", unit.name(), 100));
  if (!v1::UnitKind_IsValid(unit.kind()) || unit.kind() == 0) {
    return InvalidField("unit.kind", unit.kind() == 0 ? "is required" : "unknown value");
  }
  if (unit.kind() == v1::UNIT_KIND_SMALL_TEAM) {
    if (unit.parent_code().empty()) {
      return InvalidField("unit.parent_code", "is required for a small team");
    }
  }
  if (!unit.parent_code().empty() && Exec(tx, queries::kUnitExists, unit.parent_code()).empty()) {
    return InvalidField("unit.parent_code",
                        absl::StrCat("unknown unit '", unit.parent_code(), "'"));
  }
  return ValidateRequiredText("unit.category", unit.category(), 20);
}

}  // namespace

absl::Status DirectoryStore::ListUnits(pqxx::transaction_base& tx,
                                       const v1::ListUnitsRequest& request,
                                       v1::ListUnitsResponse* out) const {
  if (!v1::UnitKind_IsValid(request.kind())) return InvalidField("kind", "unknown value");
  // The directory is small (tens of units): one page holds it all.
  for (const pqxx::row& row : Exec(tx, queries::kUnitList, NullIfZero(request.kind()))) {
    UnitFromRow(row, out->add_units());
  }
  return absl::OkStatus();
}

absl::Status DirectoryStore::GetUnit(pqxx::transaction_base& tx, const std::string& code,
                                     v1::Unit* out) const {
  if (code.empty()) return InvalidField("code", "is required");
  const pqxx::result rows = Exec(tx, queries::kUnitGet, code);
  if (rows.empty()) {
    return absl::NotFoundError(absl::StrCat("unit '", code, "' is not in the directory"));
  }
  UnitFromRow(rows[0], out);
  return absl::OkStatus();
}

absl::Status DirectoryStore::CreateUnit(pqxx::transaction_base& tx,
                                        const v1::CreateUnitRequest& request, v1::Unit* out) const {
  ZS_RETURN_IF_ERROR(ValidateUnit(tx, request.unit()));
  const v1::Unit& unit = request.unit();
  const pqxx::result inserted =
      Exec(tx, queries::kUnitCreate, unit.code(), unit.name(), static_cast<int>(unit.kind()),
           NullIfEmpty(unit.parent_code()), unit.category());
  if (inserted.empty()) {
    return AlreadyExists("UNIT_EXISTS", absl::StrCat("unit '", unit.code(), "' already exists"));
  }
  return GetUnit(tx, unit.code(), out);
}

absl::Status DirectoryStore::UpdateUnit(pqxx::transaction_base& tx,
                                        const v1::UpdateUnitRequest& request, v1::Unit* out) const {
  if (request.unit().code().empty()) return InvalidField("unit.code", "is required");
  v1::Unit current;
  ZS_RETURN_IF_ERROR(GetUnit(tx, request.unit().code(), &current));
  const int64_t version = Exec(tx, queries::kUnitLock, current.code())[0]["version"].as<int64_t>();
  ZS_RETURN_IF_ERROR(CheckEtag("unit", 0, request.unit().etag(), version));
  ZS_RETURN_IF_ERROR(ApplyFieldMask(request.unit(), request.update_mask(),
                                    {"name", "category", "active", "parent_code"}, &current));
  ZS_RETURN_IF_ERROR(ValidateUnit(tx, current));
  Exec(tx, queries::kUnitUpdate, current.code(), current.name(), current.category(),
       current.active(), NullIfEmpty(current.parent_code()));
  return GetUnit(tx, current.code(), out);
}

absl::Status DirectoryStore::ListLeaders(pqxx::transaction_base& tx,
                                         v1::ListLeadersResponse* out) const {
  for (const pqxx::row& row : Exec(tx, queries::kLeaderList)) {
    v1::Leader* leader = out->add_leaders();
    leader->set_code(row["code"].as<std::string>());
    leader->set_name(row["name"].as<std::string>());
    leader->set_title(row["title"].as<std::string>());
    leader->set_body(static_cast<v1::LeadershipBody>(row["body"].as<int>()));
    leader->set_active(row["active"].as<bool>());
  }
  return absl::OkStatus();
}

absl::Status DirectoryStore::CreateLeader(pqxx::transaction_base& tx,
                                          const v1::CreateLeaderRequest& request,
                                          v1::Leader* out) const {
  const v1::Leader& leader = request.leader();
  ZS_RETURN_IF_ERROR(ValidateCode("leader.code", leader.code()));
  ZS_RETURN_IF_ERROR(ValidateRequiredText("leader.name", leader.name(), 100));
  if (!v1::LeadershipBody_IsValid(leader.body()) || leader.body() == 0) {
    return InvalidField("leader.body", "is required (one of the four leadership bodies)");
  }
  const pqxx::result inserted = Exec(tx, queries::kLeaderCreate, leader.code(), leader.name(),
                                     leader.title(), static_cast<int>(leader.body()));
  if (inserted.empty()) {
    return AlreadyExists("LEADER_EXISTS",
                         absl::StrCat("leader '", leader.code(), "' already exists"));
  }
  *out = leader;
  out->set_active(true);
  return absl::OkStatus();
}

std::vector<v1::Unit> DirectoryStore::ActiveUnits(pqxx::transaction_base& tx) const {
  std::vector<v1::Unit> units;
  for (const pqxx::row& row : Exec(tx, queries::kUnitListRanked)) {
    UnitFromRow(row, &units.emplace_back());
  }
  return units;
}

}  // namespace zs::supervision
