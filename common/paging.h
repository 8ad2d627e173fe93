// The keyset list pattern every list method shares: parse the page request,
// fetch limit + 1 rows ordered by id descending, emit `limit` of them and a
// next_page_token only when another row exists (so the token is empty
// exactly at the end).
#pragma once

#include <google/protobuf/repeated_ptr_field.h>

#include <pqxx/pqxx>
#include <string>

#include "common/fingerprint.h"
#include "common/page_token.h"

namespace zs {

// The fingerprint that binds a list request's page tokens to its filters.
inline std::string ListFingerprint(const google::protobuf::Message& request) {
  return MessageFingerprint(request, {"page_size", "page_token"});
}

template <typename Item, typename FromRow>
void FillPage(const pqxx::result& rows, const PageRequest& page, const std::string& fingerprint,
              google::protobuf::RepeatedPtrField<Item>* items, std::string* next_page_token,
              FromRow from_row) {
  const int shown = std::min<int>(static_cast<int>(rows.size()), page.limit);
  for (int i = 0; i < shown; ++i) from_row(rows[i], items->Add());
  if (static_cast<int>(rows.size()) > page.limit) {
    *next_page_token = MakePageToken(items->Get(shown - 1).id(), fingerprint);
  }
}

}  // namespace zs
