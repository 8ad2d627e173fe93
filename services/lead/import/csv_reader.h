// Reads a CSV file as Chinese offices' Excel and their partners' systems
// save it: UTF-8 with or without a byte-order mark, GB18030 (a superset of
// GBK, what simplified-Chinese Excel writes) or Big5 (Taiwan and Hong Kong;
// read as Big5-HKSCS). Decoding is iconv's, parsing libcsv's.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/lead/import/sheet.h"

namespace zs::lead::import {

// The readings worth trying, most likely first. With `encoding` ("utf-8",
// "gb18030" or "gbk", "big5") only that one; otherwise UTF-8 alone when the
// bytes are valid UTF-8 or start with its byte-order mark, else each of
// GB18030 and Big5 that decodes without error. Many byte strings decode
// under both without being text in both: the caller keeps the reading
// whose header row it recognises (see import_plan.h) and refuses the file
// when none has one. INVALID_ARGUMENT naming `encoding` for an unknown
// encoding, `content` when no reading decodes or parses.
absl::StatusOr<std::vector<Sheet>> ReadCsv(const std::string& bytes, const std::string& encoding);

}  // namespace zs::lead::import
