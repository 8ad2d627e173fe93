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
#include "services/lead/queries.h"

namespace zs::lead {
void EnterpriseFromRow(const pqxx::row& row, v1::Enterprise* out) {
  out->set_id(FieldNamed(row, "id").as<int64_t>());
  out->set_name(FieldNamed(row, "name").as<std::string>());
  out->set_credit_code(TextOrEmpty(FieldNamed(row, "credit_code")));
  out->set_type(
      static_cast<zhaoshang::common::v1::EnterpriseType>(FieldNamed(row, "type").as<int>()));
  out->set_industry(
      static_cast<zhaoshang::common::v1::Industry>(FieldNamed(row, "industry").as<int>()));
  out->set_region(FieldNamed(row, "region").as<std::string>());
  out->set_contact_name(FieldNamed(row, "contact_name").as<std::string>());
  out->set_contact_phone(FieldNamed(row, "contact_phone").as<std::string>());
  out->set_merged_into_id(IdOrZero(FieldNamed(row, "merged_into_id")));
  out->set_etag(FormatEtag(FieldNamed(row, "version").as<int64_t>()));
  SetTimestampMicros(FieldNamed(row, "created_micros"), out->mutable_create_time());
  SetTimestampMicros(FieldNamed(row, "updated_micros"), out->mutable_update_time());
}

namespace {

void ReferrerFromRow(const pqxx::row& row, v1::Referrer* out) {
  out->set_id(FieldNamed(row, "id").as<int64_t>());
  out->set_kind(static_cast<v1::Referrer::Kind>(FieldNamed(row, "kind").as<int>()));
  out->set_name(FieldNamed(row, "name").as<std::string>());
  out->set_enterprise_id(IdOrZero(FieldNamed(row, "enterprise_id")));
  out->set_contact(FieldNamed(row, "contact").as<std::string>());
  out->set_etag(FormatEtag(FieldNamed(row, "version").as<int64_t>()));
  SetTimestampMicros(FieldNamed(row, "created_micros"), out->mutable_create_time());
  out->set_referred_lead_count(FieldNamed(row, "referred_lead_count").as<int64_t>());
}

// The enterprise a merged record now lives on.
int64_t SurvivorOf(pqxx::transaction_base& tx, int64_t id) {
  const pqxx::result rows = Exec(tx, queries::kEnterpriseSurvivor, id);
  return rows.empty() ? id : rows[0]["id"].as<int64_t>();
}

}  // namespace

absl::Status EnterpriseStore::CheckIdentity(pqxx::transaction_base& tx, const v1::Enterprise& e,
                                            const EnterpriseNameKey& key, int64_t self_id) const {
  Exec(tx, queries::kEnterpriseLockNameCore, key.core);
  const pqxx::result existing =
      Exec(tx, queries::kEnterpriseSameIdentity, NullIfEmpty(e.credit_code()), key.key, key.core,
           self_id, key.region);
  if (existing.empty()) return absl::OkStatus();
  const int64_t id = existing[0]["id"].as<int64_t>();
  const bool same_code = existing[0]["same_code"].as<bool>();
  const std::string what = same_code ? "credit code" : "name";
  std::string message = absl::StrCat("enterprise ", id, " (", existing[0]["name"].as<std::string>(),
                                     ") already has this ", what);
  int64_t use = id;
  if (!existing[0]["merged_into_id"].is_null()) {
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
  const pqxx::result similar =
      Exec(tx, queries::kEnterpriseSimilar, key.core, kLikelySameSimilarity);
  if (similar.empty()) return absl::OkStatus();
  std::vector<std::string> ids, names;
  for (const pqxx::row& row : similar) {
    ids.push_back(row["id"].c_str());
    names.push_back(absl::StrFormat("%s (%s, similarity %.2f)", row["id"].c_str(),
                                    row["name"].c_str(), row["similarity"].as<double>()));
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
  const pqxx::row row =
      Exec(tx, queries::kEnterpriseCreate, e.name(), key.key, kEnterpriseNameKeyVersion,
           NullIfEmpty(e.credit_code()), static_cast<int>(e.type()), static_cast<int>(e.industry()),
           e.region(), e.contact_name(), e.contact_phone())[0];
  EnterpriseFromRow(row, out);
  return absl::OkStatus();
}

absl::Status EnterpriseStore::Get(pqxx::transaction_base& tx, int64_t id,
                                  v1::Enterprise* out) const {
  const pqxx::result rows = Exec(tx, queries::kEnterpriseGet, id);
  if (rows.empty()) return NotFound("enterprise", id);
  EnterpriseFromRow(rows[0], out);
  return absl::OkStatus();
}

absl::Status EnterpriseStore::RequireActive(pqxx::transaction_base& tx, absl::string_view field,
                                            int64_t id) const {
  const pqxx::row row = ExecPrepared(tx, queries::kEnterpriseMergedInto, id)[0];
  return CheckActive(field, id, row["e_id"], row["e_merged"]);
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
  ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
  const pqxx::result rows =
      Exec(tx, queries::kEnterpriseList, NullIfZero(request.industry()), NullIfZero(request.type()),
           NullIfEmpty(request.name_contains()), page.after_id(), page.fetch_limit(),
           EnterpriseNameKeyOf(request.name_contains()).core);
  page.Fill(rows, out->mutable_enterprises(), out->mutable_next_page_token(), EnterpriseFromRow);
  return absl::OkStatus();
}

absl::Status EnterpriseStore::Update(pqxx::transaction_base& tx,
                                     const v1::UpdateEnterpriseRequest& request,
                                     v1::Enterprise* out) const {
  const int64_t id = request.enterprise().id();
  if (id <= 0) return InvalidField("enterprise.id", "is required");
  const pqxx::result rows = Exec(tx, queries::kEnterpriseLock, id);
  if (rows.empty()) return NotFound("enterprise", id);
  v1::Enterprise current;
  EnterpriseFromRow(rows[0], &current);
  ZS_RETURN_IF_ERROR(
      CheckEtag("enterprise", id, request.enterprise().etag(), rows[0]["version"].as<int64_t>()));
  ZS_RETURN_IF_ERROR(CheckEnterpriseNotMerged(current));
  ZS_RETURN_IF_ERROR(ApplyFieldMask(
      request.enterprise(), request.update_mask(),
      {"name", "credit_code", "type", "industry", "region", "contact_name", "contact_phone"},
      &current));
  current.set_name(TrimText(current.name()));
  ZS_RETURN_IF_ERROR(ValidateEnterprise(current));
  const EnterpriseNameKey key = EnterpriseNameKeyOf(current.name());
  // A rename or a new credit code must not take another record's identity;
  // other changes leave the identity as it was.
  if (key.key != rows[0]["normalised_name"].as<std::string>() ||
      current.credit_code() != TextOrEmpty(rows[0]["credit_code"])) {
    ZS_RETURN_IF_ERROR(CheckIdentity(tx, current, key, id));
  }
  const pqxx::row row =
      Exec(tx, queries::kEnterpriseUpdate, id, current.name(), key.key,
           NullIfEmpty(current.credit_code()), static_cast<int>(current.type()),
           static_cast<int>(current.industry()), current.region(), current.contact_name(),
           current.contact_phone(), kEnterpriseNameKeyVersion)[0];
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
  const int64_t id = Exec(tx, queries::kReferrerCreate, static_cast<int>(r.kind()), r.name(),
                          NullIfZero(r.enterprise_id()), r.contact())[0]["id"]
                         .as<int64_t>();
  return GetReferrer(tx, id, out);
}

absl::Status EnterpriseStore::GetReferrer(pqxx::transaction_base& tx, int64_t id,
                                          v1::Referrer* out) const {
  const pqxx::result rows = Exec(tx, queries::kReferrerGet, id);
  if (rows.empty()) return NotFound("referrer", id);
  ReferrerFromRow(rows[0], out);
  return absl::OkStatus();
}

absl::Status EnterpriseStore::ListReferrers(pqxx::transaction_base& tx,
                                            const v1::ListReferrersRequest& request,
                                            v1::ListReferrersResponse* out) const {
  ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
  const pqxx::result rows = Exec(tx, queries::kReferrerList, NullIfZero(request.kind()),
                                 page.after_id(), page.fetch_limit());
  page.Fill(rows, out->mutable_referrers(), out->mutable_next_page_token(), ReferrerFromRow);
  return absl::OkStatus();
}

}  // namespace zs::lead
