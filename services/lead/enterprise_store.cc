#include "services/lead/enterprise_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "common/db/prepared.h"
#include "common/enterprise_name.h"
#include "common/errors.h"
#include "common/etag.h"
#include "common/field_mask.h"
#include "common/paging.h"
#include "common/sql_row.h"
#include "common/text.h"
#include "common/validation.h"
#include "services/lead/lead_rules.h"

namespace zs::lead {
namespace {
// The column after kEnterpriseColumns in Update's read.
constexpr int kNormalisedNameColumn = 12;
}  // namespace

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
    // A merged lead's credit stays with its referrer, counted once with
    // the lead it was merged into.
    ", (SELECT count(DISTINCT CASE WHEN l.status = 5 THEN l.merged_into_id ELSE l.id END) "
    "   FROM leads l WHERE l.referrer_id = r.id)";

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

// The enterprise a merged record now lives on: its chain of merges followed
// to the record still in use.
int64_t SurvivorOf(pqxx::transaction_base& tx, int64_t id) {
  const pqxx::result rows = tx.exec_params(
      "WITH RECURSIVE chain(id, next) AS ("
      "  SELECT id, merged_into_id FROM enterprises WHERE id = $1"
      "  UNION ALL SELECT e.id, e.merged_into_id FROM enterprises e JOIN chain c ON e.id = c.next)"
      "SELECT id FROM chain WHERE next IS NULL",
      id);
  return rows.empty() ? id : rows[0][0].as<int64_t>();
}

}  // namespace

absl::Status EnterpriseStore::CheckIdentity(pqxx::transaction_base& tx, const v1::Enterprise& e,
                                            const EnterpriseNameKey& key, int64_t self_id) const {
  // Creates and renames of names sharing a core take turns, so 上海X商贸
  // and X商贸 cannot both pass this check at the same moment.
  tx.exec_params("SELECT pg_advisory_xact_lock(hashtext('enterprise-core:' || $1))", key.core);
  // Merged records keep their identifiers reserved (all but for the record
  // they were merged into, which may take them over).
  const pqxx::result existing = tx.exec_params(
      "SELECT id, name, coalesce(credit_code = $1, false), merged_into_id FROM enterprises "
      "WHERE id <> $4 AND merged_into_id IS DISTINCT FROM $4 AND double_of_id IS DISTINCT FROM $4"
      "  AND (credit_code = $1 OR normalised_name = $2"
      "       OR (name_core = $3 AND (name_region = '' OR $5 = ''))) "
      "ORDER BY 3 DESC, merged_into_id IS NOT NULL, id LIMIT 1",
      NullIfEmpty(e.credit_code()), key.key, key.core, self_id, key.region);
  if (existing.empty()) return absl::OkStatus();
  const int64_t id = existing[0][0].as<int64_t>();
  const bool same_code = existing[0][2].as<bool>();
  const std::string what = same_code ? "credit code" : "name";
  std::string message = absl::StrCat("enterprise ", id, " (", existing[0][1].as<std::string>(),
                                     ") already has this ", what);
  int64_t use = id;
  if (!existing[0][3].is_null()) {
    use = SurvivorOf(tx, id);
    absl::StrAppend(&message, "; it was merged into enterprise ", use, ": use that one");
  }
  return WithErrorMetadata(
      AlreadyExists(same_code ? "ENTERPRISE_CREDIT_CODE_EXISTS" : "ENTERPRISE_NAME_EXISTS",
                    message),
      "enterprise_id", absl::StrCat(use));
}

absl::Status EnterpriseStore::CheckNotSimilar(pqxx::transaction_base& tx,
                                              const EnterpriseNameKey& key) const {
  const pqxx::result similar = tx.exec_params(
      "SELECT id, name, bigram_similarity(name_bigrams, bigrams_of($1)) AS s "
      "FROM enterprises WHERE merged_into_id IS NULL AND name_bigrams && bigrams_of($1) "
      "  AND bigram_similarity(name_bigrams, bigrams_of($1)) >= $2 "
      "ORDER BY s DESC, id LIMIT 5",
      key.core, kLikelySameSimilarity);
  if (similar.empty()) return absl::OkStatus();
  std::vector<std::string> ids, names;
  for (const pqxx::row& row : similar) {
    ids.push_back(row[0].c_str());
    names.push_back(absl::StrFormat("%s (%s, similarity %.2f)", row[0].c_str(), row[1].c_str(),
                                    row[2].as<double>()));
  }
  return WithErrorMetadata(
      FailedPrecondition(
          "SIMILAR_ENTERPRISES_EXIST",
          absl::StrCat("enterprise.name: likely the same as enterprise ",
                       absl::StrJoin(names, ", "),
                       "; use that one, or send again with allow_similar if it is another "
                       "enterprise")),
      "candidate_ids", absl::StrJoin(ids, ","));
}

absl::Status EnterpriseStore::Create(pqxx::transaction_base& tx,
                                     const v1::CreateEnterpriseRequest& request,
                                     v1::Enterprise* out) const {
  v1::Enterprise e = request.enterprise();
  e.set_name(TrimText(e.name()));
  ZS_RETURN_IF_ERROR(ValidateEnterprise(e));
  const EnterpriseNameKey key = EnterpriseNameKeyOf(e.name());
  ZS_RETURN_IF_ERROR(CheckIdentity(tx, e, key, 0));
  if (!request.allow_similar()) ZS_RETURN_IF_ERROR(CheckNotSimilar(tx, key));
  const pqxx::row row = tx.exec_params1(
      absl::StrCat("INSERT INTO enterprises (name, normalised_name, name_key_version, credit_code, "
                   "type, industry, region, contact_name, contact_phone) "
                   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ",
                   kEnterpriseColumns),
      e.name(), key.key, kEnterpriseNameKeyVersion, NullIfEmpty(e.credit_code()),
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
                                  "  AND ($3::text IS NULL OR strpos(name, $3) > 0 "
                                  "       OR ($6 <> '' AND strpos(name_core, $6) > 0)) "
                                  "  AND ($4::bigint IS NULL OR id < $4) "
                                  "ORDER BY id DESC LIMIT $5"),
                     NullIfZero(request.industry()), NullIfZero(request.type()),
                     NullIfEmpty(request.name_contains()), page->after_id, page->limit + 1,
                     EnterpriseNameKeyOf(request.name_contains()).core);
  FillPage(rows, *page, fingerprint, out->mutable_enterprises(), out->mutable_next_page_token(),
           EnterpriseFromRow);
  return absl::OkStatus();
}

absl::Status EnterpriseStore::Update(pqxx::transaction_base& tx,
                                     const v1::UpdateEnterpriseRequest& request,
                                     v1::Enterprise* out) const {
  const int64_t id = request.enterprise().id();
  if (id <= 0) return InvalidField("enterprise.id", "is required");
  const pqxx::result rows =
      tx.exec_params(absl::StrCat("SELECT ", kEnterpriseColumns,
                                  ", normalised_name FROM enterprises WHERE id = $1 FOR UPDATE"),
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
  current.set_name(TrimText(current.name()));
  ZS_RETURN_IF_ERROR(ValidateEnterprise(current));
  const EnterpriseNameKey key = EnterpriseNameKeyOf(current.name());
  // A rename or a new credit code must not take another record's identity;
  // other changes leave the identity as it was.
  if (key.key != rows[0][kNormalisedNameColumn].as<std::string>() ||
      current.credit_code() != TextOrEmpty(rows[0][2])) {
    ZS_RETURN_IF_ERROR(CheckIdentity(tx, current, key, id));
  }
  const pqxx::row row = tx.exec_params1(
      absl::StrCat("UPDATE enterprises SET name = $2, normalised_name = $3, "
                   "name_key_version = $10, credit_code = $4, type = $5, industry = $6, "
                   "region = $7, contact_name = $8, contact_phone = $9, version = version + 1, "
                   "updated_at = now() WHERE id = $1 RETURNING ",
                   kEnterpriseColumns),
      id, current.name(), key.key, NullIfEmpty(current.credit_code()),
      static_cast<int>(current.type()), static_cast<int>(current.industry()), current.region(),
      current.contact_name(), current.contact_phone(), kEnterpriseNameKeyVersion);
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
