#include "services/supervision/directory_store.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/etag.h"
#include "common/field_mask.h"
#include "common/sql_row.h"
#include "common/validation.h"

namespace zs::supervision {
namespace {

const char kUnitColumns[] = "code, name, kind, parent_code, category, active, version";

void UnitFromRow(const pqxx::row& row, v1::Unit* out) {
  out->set_code(row[0].as<std::string>());
  out->set_name(row[1].as<std::string>());
  out->set_kind(static_cast<v1::UnitKind>(row[2].as<int>()));
  out->set_parent_code(TextOrEmpty(row[3]));
  out->set_category(row[4].as<std::string>());
  out->set_active(row[5].as<bool>());
  out->set_etag(FormatEtag(row[6].as<int64_t>()));
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
  if (!unit.parent_code().empty() &&
      tx.exec_params("SELECT 1 FROM units WHERE code = $1", unit.parent_code()).empty()) {
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
  for (const pqxx::row& row : tx.exec_params(
           absl::StrCat("SELECT ", kUnitColumns,
                        " FROM units WHERE ($1::int IS NULL OR kind = $1) ORDER BY code"),
           NullIfZero(request.kind()))) {
    UnitFromRow(row, out->add_units());
  }
  return absl::OkStatus();
}

absl::Status DirectoryStore::GetUnit(pqxx::transaction_base& tx, const std::string& code,
                                     v1::Unit* out) const {
  if (code.empty()) return InvalidField("code", "is required");
  const pqxx::result rows =
      tx.exec_params(absl::StrCat("SELECT ", kUnitColumns, " FROM units WHERE code = $1"), code);
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
  const pqxx::result inserted = tx.exec_params(
      "INSERT INTO units (code, name, kind, parent_code, category) VALUES ($1, $2, $3, $4, $5) "
      "ON CONFLICT (code) DO NOTHING RETURNING code",
      unit.code(), unit.name(), static_cast<int>(unit.kind()), NullIfEmpty(unit.parent_code()),
      unit.category());
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
  const int64_t version =
      tx.exec_params1("SELECT version FROM units WHERE code = $1 FOR UPDATE", current.code())[0]
          .as<int64_t>();
  ZS_RETURN_IF_ERROR(CheckEtag("unit", 0, request.unit().etag(), version));
  ZS_RETURN_IF_ERROR(ApplyFieldMask(request.unit(), request.update_mask(),
                                    {"name", "category", "active", "parent_code"}, &current));
  ZS_RETURN_IF_ERROR(ValidateUnit(tx, current));
  tx.exec_params0(
      "UPDATE units SET name = $2, category = $3, active = $4, parent_code = $5, "
      "version = version + 1 WHERE code = $1",
      current.code(), current.name(), current.category(), current.active(),
      NullIfEmpty(current.parent_code()));
  return GetUnit(tx, current.code(), out);
}

absl::Status DirectoryStore::ListLeaders(pqxx::transaction_base& tx,
                                         v1::ListLeadersResponse* out) const {
  for (const pqxx::row& row :
       tx.exec("SELECT code, name, title, body, active FROM leaders ORDER BY code")) {
    v1::Leader* leader = out->add_leaders();
    leader->set_code(row[0].as<std::string>());
    leader->set_name(row[1].as<std::string>());
    leader->set_title(row[2].as<std::string>());
    leader->set_body(static_cast<v1::LeadershipBody>(row[3].as<int>()));
    leader->set_active(row[4].as<bool>());
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
  const pqxx::result inserted = tx.exec_params(
      "INSERT INTO leaders (code, name, title, body) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (code) DO NOTHING RETURNING code",
      leader.code(), leader.name(), leader.title(), static_cast<int>(leader.body()));
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
  for (const pqxx::row& row : tx.exec(absl::StrCat(
           "SELECT ", kUnitColumns, " FROM units WHERE active AND kind <> 5 ORDER BY code"))) {
    UnitFromRow(row, &units.emplace_back());
  }
  return units;
}

}  // namespace zs::supervision
