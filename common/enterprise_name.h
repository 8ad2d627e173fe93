// The key two enterprise names share when they name the same enterprise
// (the duplicate key of README "Lead rules"). One normaliser, used by every
// path that creates, renames, imports or looks up an enterprise.
#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace zs {

// Bumped whenever EnterpriseNameKeyOf changes what it returns, so stored
// keys made by an older version are made again (the lead service re-keys
// its enterprises at start).
inline constexpr int kEnterpriseNameKeyVersion = 2;

// What identifies an enterprise by its name: the name's core (trade name,
// line of business) and the place it names, if any. Chinese names are
// region + trade name + line + legal form, and the same trade name may be
// registered in two cities; so two names are the same enterprise when their
// cores are equal and their places are equal or one of them names none
// (上海X商贸有限公司 is X商贸有限公司; 苏州X商贸有限公司 is only similar).
struct EnterpriseNameKey {
  std::string core;    // letters, digits and ideographs, e.g. x恒通电子
  std::string region;  // the most specific place named, short form: 深圳, 南山区; or empty
  // core, or core@region: the stored key, unique among enterprises in use.
  std::string key;
};

// The name's key, in steps:
//  1. Unicode NFKC with case folding (ICU): full-width letters and digits
//     become ASCII, compatibility forms such as ﹙﹚ become plain brackets,
//     letters are case-folded, default-ignorable characters (zero-width
//     space, byte-order mark, soft hyphen …) vanish.
//  2. White space, format and control characters are removed anywhere.
//  3. A bracketed part (any bracket form: （）〔〕【】「」《》[] …) naming a
//     place (示例恒通电子（深圳）有限公司) is taken out as the region;
//     (中国) and the like name no region; other bracketed text keeps its
//     characters without the brackets.
//  4. Everything but letters, digits and ideographs is removed.
//  5. Trailing legal forms are cut, repeatedly (股份有限公司, 有限责任公司,
//     有限公司, 集团, 公司, Co. Ltd., Inc. …).
//  6. Leading administrative regions are taken out, repeatedly: a province,
//     municipality, autonomous region or major city, with or without its
//     suffix (河南省, 河南, 上海市, 上海, 深圳市), then a 2-character district
//     or county after a city (南山区) and a city after a province
//     (驻马店市); a province named by the pattern X省 needs no list.
// A step that would leave nothing is skipped, so no name has an empty core.
// Examples: 深圳市X恒通电子有限公司 and X恒通电子（深圳）有限公司 → x恒通电子@深圳;
// 上海X商贸有限公司 → x商贸@上海, X商贸有限公司 → x商贸.
EnterpriseNameKey EnterpriseNameKeyOf(absl::string_view name);

}  // namespace zs
