#include "services/lead/enterprise_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/db/prepared.h"
#include "common/errors.h"
#include "common/etag.h"
#include "common/field_mask.h"
#include "common/paging.h"
#include "common/sql_row.h"
#include "common/validation.h"
#include "services/lead/lead_rules.h"

namespace zs::lead {

const char kEnterpriseColumns[] =
    "id, name, credit_code, type, industry, region, contact_name, contact_phone, "
    "merged_into_id, version, " ZS_MICROS("created_at") ", " ZS_MICROS("updated_at");

void EnterpriseFromRow(const pqxx::row& row, v1::Enterprise* out) {
  out->set_id(row[0].as<int64_t>());
  out->set_name(row[1].as<std::string>());
  out->set_credit_code(TextOrEmpty(row[2]));
  out->set_type(static_cast<zhaoshang::common::v1::EnterpriseType>(row[3].as<int>()));
  out->set_industry(static_cast<zhaoshang::common::v1::Industry>(row[4].as<int>()));
  out->set_region(row[5].as<std::string>());
  out->set_contact_name(row[6].as<std::string>());
  out->set_contact_phone(row[7].as<std::string>());
  out->set_merged_into_id(IdOrZero(row[8]));
  out->set_etag(FormatEtag(row[9].as<int64_t>()));
  SetTimestampMicros(row[10], out->mutable_create_time());
  SetTimestampMicros(row[11], out->mutable_update_time());
}

namespace {

const char kReferrerColumns[] =
    "r.id, r.kind, r.name, r.enterprise_id, r.contact, r.version, " ZS_MICROS("r.created_at")
    ", (SELECT count(*) FROM leads l WHERE l.referrer_id = r.id AND l.status <> 5)";

void ReferrerFromRow(const pqxx::row& row, v1::Referrer* out) {
  out->set_id(row[0].as<int64_t>());
  out->set_kind(static_cast<v1::Referrer::Kind>(row[1].as<int>()));
  out->set_name(row[2].as<std::string>());
  out->set_enterprise_id(IdOrZero(row[3]));
  out->set_contact(row[4].as<std::string>());
  out->set_etag(FormatEtag(row[5].as<int64_t>()));
  SetTimestampMicros(row[6], out->mutable_create_time());
  out->set_referred_lead_count(row[7].as<int64_t>());
}

}  // namespace

absl::Status EnterpriseStore::CheckNotDuplicate(pqxx::transaction_base& tx, const v1::Enterprise& e,
                                                int64_t except_id) const {
  const pqxx::result existing = tx.exec_params(
      "SELECT id, name, credit_code = $1 FROM enterprises "
      "WHERE merged_into_id IS NULL AND id <> $3 "
      "  AND (credit_code = $1 OR normalised_name = $2) LIMIT 1",
      NullIfEmpty(e.credit_code()), NormaliseEnterpriseName(e.name()), except_id);
  if (existing.empty()) return absl::OkStatus();
  const bool same_code = !existing[0][2].is_null() && existing[0][2].as<bool>();
  return AlreadyExists(same_code ? "ENTERPRISE_CREDIT_CODE_EXISTS" : "ENTERPRISE_NAME_EXISTS",
                       absl::StrCat("enterprise ", existing[0][0].as<int64_t>(), " (",
                                    existing[0][1].as<std::string>(), ") already has this ",
                                    same_code ? "credit code" : "name"));
}

absl::Status EnterpriseStore::Create(pqxx::transaction_base& tx,
                                     const v1::CreateEnterpriseRequest& request,
                                     v1::Enterprise* out) const {
  const v1::Enterprise& e = request.enterprise();
  ZS_RETURN_IF_ERROR(ValidateEnterprise(e));
  ZS_RETURN_IF_ERROR(CheckNotDuplicate(tx, e, 0));
  const pqxx::row row = tx.exec_params1(
      absl::StrCat("INSERT INTO enterprises (name, normalised_name, credit_code, type, "
                   "industry, region, contact_name, contact_phone) "
                   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ",
                   kEnterpriseColumns),
      e.name(), NormaliseEnterpriseName(e.name()), NullIfEmpty(e.credit_code()),
      static_cast<int>(e.type()), static_cast<int>(e.industry()), e.region(), e.contact_name(),
      e.contact_phone());
  EnterpriseFromRow(row, out);
  return absl::OkStatus();
}

absl::Status EnterpriseStore::Get(pqxx::transaction_base& tx, int64_t id,
                                  v1::Enterprise* out) const {
  const pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kEnterpriseColumns, " FROM enterprises WHERE id = $1"), id);
  if (rows.empty()) return NotFound("enterprise", id);
  EnterpriseFromRow(rows[0], out);
  return absl::OkStatus();
}

absl::Status EnterpriseStore::RequireActive(pqxx::transaction_base& tx, absl::string_view field,
                                            int64_t id) const {
  const pqxx::result rows = ExecPrepared(tx,
                                         "SELECT e.id, e.merged_into_id FROM (VALUES (1)) AS one "
                                         "LEFT JOIN enterprises e ON e.id = $1",
                                         id);
  return CheckActive(field, id, rows[0][0], rows[0][1]);
}

absl::Status EnterpriseStore::CheckActive(absl::string_view field, int64_t id,
                                          const pqxx::field& found,
                                          const pqxx::field& merged_into) {
  if (found.is_null()) {
    return InvalidField(field, absl::StrCat("enterprise ", id, " does not exist"));
  }
  if (!merged_into.is_null()) {
    return InvalidField(field, absl::StrCat("enterprise ", id, " was merged into enterprise ",
                                            merged_into.as<int64_t>(), "; use that one"));
  }
  return absl::OkStatus();
}

absl::Status EnterpriseStore::List(pqxx::transaction_base& tx,
                                   const v1::ListEnterprisesRequest& request,
                                   v1::ListEnterprisesResponse* out) const {
  ZS_RETURN_IF_ERROR(ValidateOptionalText("name_contains", request.name_contains(), 100));
  const std::string fingerprint = ListFingerprint(request);
  absl::StatusOr<PageRequest> page =
      ParsePageRequest(request.page_size(), request.page_token(), fingerprint);
  if (!page.ok()) return page.status();
  const pqxx::result rows =
      tx.exec_params(absl::StrCat("SELECT ", kEnterpriseColumns,
                                  " FROM enterprises "
                                  "WHERE merged_into_id IS NULL "
                                  "  AND ($1::int IS NULL OR industry = $1) "
                                  "  AND ($2::int IS NULL OR type = $2) "
                                  "  AND ($3::text IS NULL OR strpos(name, $3) > 0) "
                                  "  AND ($4::bigint IS NULL OR id < $4) "
                                  "ORDER BY id DESC LIMIT $5"),
                     NullIfZero(request.industry()), NullIfZero(request.type()),
                     NullIfEmpty(request.name_contains()), page->after_id, page->limit + 1);
  FillPage(rows, *page, fingerprint, out->mutable_enterprises(), out->mutable_next_page_token(),
           EnterpriseFromRow);
  return absl::OkStatus();
}

absl::Status EnterpriseStore::Update(pqxx::transaction_base& tx,
                                     const v1::UpdateEnterpriseRequest& request,
                                     v1::Enterprise* out) const {
  const int64_t id = request.enterprise().id();
  if (id <= 0) return InvalidField("enterprise.id", "is required");
  const pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kEnterpriseColumns, " FROM enterprises WHERE id = $1 FOR UPDATE"),
      id);
  if (rows.empty()) return NotFound("enterprise", id);
  v1::Enterprise current;
  EnterpriseFromRow(rows[0], &current);
  ZS_RETURN_IF_ERROR(
      CheckEtag("enterprise", id, request.enterprise().etag(), rows[0][9].as<int64_t>()));
  if (current.merged_into_id() != 0) {
    return FailedPrecondition("ENTERPRISE_MERGED",
                              absl::StrCat("enterprise ", id, " was merged into ",
                                           current.merged_into_id(), "; update that one"));
  }
  ZS_RETURN_IF_ERROR(ApplyFieldMask(
      request.enterprise(), request.update_mask(),
      {"name", "credit_code", "type", "industry", "region", "contact_name", "contact_phone"},
      &current));
  ZS_RETURN_IF_ERROR(ValidateEnterprise(current));
  ZS_RETURN_IF_ERROR(CheckNotDuplicate(tx, current, id));
  const pqxx::row row =
      tx.exec_params1(absl::StrCat("UPDATE enterprises SET name = $2, normalised_name = $3, "
                                   "credit_code = $4, type = $5, industry = $6, region = $7, "
                                   "contact_name = $8, contact_phone = $9, version = version + 1, "
                                   "updated_at = now() WHERE id = $1 RETURNING ",
                                   kEnterpriseColumns),
                      id, current.name(), NormaliseEnterpriseName(current.name()),
                      NullIfEmpty(current.credit_code()), static_cast<int>(current.type()),
                      static_cast<int>(current.industry()), current.region(),
                      current.contact_name(), current.contact_phone());
  EnterpriseFromRow(row, out);
  return absl::OkStatus();
}

absl::Status EnterpriseStore::CreateReferrer(pqxx::transaction_base& tx,
                                             const v1::CreateReferrerRequest& request,
                                             v1::Referrer* out) const {
  const v1::Referrer& r = request.referrer();
  ZS_RETURN_IF_ERROR(ValidateReferrer(r));
  if (r.enterprise_id() != 0) {
    ZS_RETURN_IF_ERROR(RequireActive(tx, "referrer.enterprise_id", r.enterprise_id()));
  }
  const int64_t id =
      tx.exec_params1(
            "INSERT INTO referrers (kind, name, enterprise_id, contact) "
            "VALUES ($1, $2, $3, $4) RETURNING id",
            static_cast<int>(r.kind()), r.name(), NullIfZero(r.enterprise_id()), r.contact())[0]
          .as<int64_t>();
  return GetReferrer(tx, id, out);
}

absl::Status EnterpriseStore::GetReferrer(pqxx::transaction_base& tx, int64_t id,
                                          v1::Referrer* out) const {
  const pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kReferrerColumns, " FROM referrers r WHERE r.id = $1"), id);
  if (rows.empty()) return NotFound("referrer", id);
  ReferrerFromRow(rows[0], out);
  return absl::OkStatus();
}

absl::Status EnterpriseStore::ListReferrers(pqxx::transaction_base& tx,
                                            const v1::ListReferrersRequest& request,
                                            v1::ListReferrersResponse* out) const {
  const std::string fingerprint = ListFingerprint(request);
  absl::StatusOr<PageRequest> page =
      ParsePageRequest(request.page_size(), request.page_token(), fingerprint);
  if (!page.ok()) return page.status();
  const pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kReferrerColumns,
                   " FROM referrers r "
                   "WHERE ($1::int IS NULL OR r.kind = $1) "
                   "  AND ($2::bigint IS NULL OR r.id < $2) ORDER BY r.id DESC LIMIT $3"),
      NullIfZero(request.kind()), page->after_id, page->limit + 1);
  FillPage(rows, *page, fingerprint, out->mutable_referrers(), out->mutable_next_page_token(),
           ReferrerFromRow);
  return absl::OkStatus();
}

}  // namespace zs::lead
