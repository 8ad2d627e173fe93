// The keyset list pattern every list method shares (AIP-158): read the page
// a request asks for, fetch limit + 1 rows ordered by id descending, emit
// `limit` of them and a next_page_token only when another row exists (so
// the token is empty exactly at the end). A list method reads
//
//   ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
//   const pqxx::result rows = Exec(tx, queries::kLeadList, ..., page.after_id(),
//                                  page.fetch_limit());
//   page.Fill(rows, out->mutable_leads(), out->mutable_next_page_token(), LeadFromRow);
#pragma once

#include <google/protobuf/message.h>
#include <google/protobuf/repeated_ptr_field.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/errors.h"
#include "common/fingerprint.h"
#include "common/page_token.h"

namespace zs {

// The fingerprint that binds a list request's page tokens to its filters.
inline std::string ListFingerprint(const google::protobuf::Message& request) {
  return MessageFingerprint(request, {"page_size", "page_token"});
}

class ListPage {
 public:
  // The page `request` (any message with page_size and page_token) asks
  // for: page_size 0 means 50, more than 500 means 500; a token must have
  // been issued for the same filters. INVALID_ARGUMENT names page_size or
  // page_token.
  template <typename Request>
  static absl::StatusOr<ListPage> Of(const Request& request) {
    std::string fingerprint = ListFingerprint(request);
    ZS_ASSIGN_OR_RETURN(PageRequest page,
                        ParsePageRequest(request.page_size(), request.page_token(), fingerprint));
    return ListPage(std::move(fingerprint), page);
  }

  // The query's keyset parameters: ids below after_id() (none on the first
  // page), at most fetch_limit() rows, one more than the page shows.
  std::optional<int64_t> after_id() const { return page_.after_id; }
  int32_t fetch_limit() const { return page_.limit + 1; }

  // Adds the page's rows to `items` through `from_row(row, item)` and sets
  // `next_page_token` after the last item's id when another row was fetched.
  template <typename Item, typename FromRow>
  void Fill(const pqxx::result& rows, google::protobuf::RepeatedPtrField<Item>* items,
            std::string* next_page_token, FromRow from_row) const {
    const int shown = Shown(rows);
    for (int i = 0; i < shown; ++i) from_row(rows[i], items->Add());
    if (shown < static_cast<int>(rows.size())) {
      *next_page_token = MakePageToken(items->Get(items->size() - 1).id(), fingerprint_);
    }
  }

  // The same for rows keyed by another column than their item's id (an
  // account's `number`).
  template <typename Item, typename FromRow>
  void FillKeyedBy(absl::string_view key_column, const pqxx::result& rows,
                   google::protobuf::RepeatedPtrField<Item>* items, std::string* next_page_token,
                   FromRow from_row) const {
    const int shown = Shown(rows);
    for (int i = 0; i < shown; ++i) from_row(rows[i], items->Add());
    if (shown < static_cast<int>(rows.size())) {
      *next_page_token =
          MakePageToken(rows[shown - 1][std::string(key_column)].as<int64_t>(), fingerprint_);
    }
  }

 private:
  ListPage(std::string fingerprint, PageRequest page)
      : fingerprint_(std::move(fingerprint)), page_(page) {}
  int Shown(const pqxx::result& rows) const {
    return std::min<int>(static_cast<int>(rows.size()), page_.limit);
  }

  std::string fingerprint_;
  PageRequest page_;
};

}  // namespace zs
