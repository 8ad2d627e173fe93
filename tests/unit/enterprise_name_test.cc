#include "common/enterprise_name.h"

#include <gtest/gtest.h>

namespace zs {
namespace {

std::string Key(const char* name) { return EnterpriseNameKeyOf(name).key; }

TEST(EnterpriseNameKey, InvisibleAndUnusualCharactersDoNotMakeANewEnterprise) {
  const std::string key = Key("示例恒通电子（深圳）有限公司");
  EXPECT_EQ(key, "示例恒通电子@深圳");
  for (const char* variant : {
           "示例恒通电子\u00a0（深圳）有限公司",  // no-break space
           "示例恒\u200b通电子（深圳）有限公司",  // zero-width space
           "示例恒通\ufeff电子（深圳）有限公司",  // byte-order mark inside
           "示例恒通电子〔深圳〕有限公司",        // tortoise-shell brackets
           "示例恒通电子﹙深圳﹚有限公司",        // small parentheses
           "示例恒通电子【深圳】有限公司",
           "示例恒通电子(深圳)有限公司",
           "示例恒通电子（深圳市）有限公司",
           "\u3000示例恒通电子（深圳）有限责任公司\u3000",
           "深圳市示例恒通电子有限公司",  // the region written first
           "深圳示例恒通电子有限公司",
           "广东省深圳市示例恒通电子有限公司",
       }) {
    EXPECT_EQ(Key(variant), key) << variant;
  }
}

TEST(EnterpriseNameKey, RegionIsSeparateFromTheCore) {
  const EnterpriseNameKey with_region = EnterpriseNameKeyOf("上海X商贸有限公司");
  EXPECT_EQ(with_region.core, "x商贸");
  EXPECT_EQ(with_region.region, "上海");
  const EnterpriseNameKey without = EnterpriseNameKeyOf("X商贸有限公司");
  EXPECT_EQ(without.core, "x商贸");
  EXPECT_EQ(without.region, "");
  EXPECT_EQ(without.key, "x商贸");
  EXPECT_EQ(EnterpriseNameKeyOf("上海市X商贸有限公司").key, "x商贸@上海");
  EXPECT_EQ(EnterpriseNameKeyOf("X商贸（上海）有限公司").key, "x商贸@上海");
  // The most specific place counts.
  const EnterpriseNameKey district = EnterpriseNameKeyOf("广东省深圳市南山区X科技有限公司");
  EXPECT_EQ(district.core, "x科技");
  EXPECT_EQ(district.region, "南山区");
  EXPECT_EQ(EnterpriseNameKeyOf("河南省驻马店市X医疗器械有限公司").key, "x医疗器械@驻马店");
  EXPECT_EQ(EnterpriseNameKeyOf("湖北X药业有限公司").key, "x药业@湖北");
  EXPECT_EQ(EnterpriseNameKeyOf("X（中国）有限公司").key, "x");
}

TEST(EnterpriseNameKey, LegalFormsWidthAndCase) {
  EXPECT_EQ(Key("美的物流有限公司"), "美的物流");
  EXPECT_EQ(Key("美的物流 股份有限公司"), "美的物流");
  EXPECT_EQ(Key("曙光健士医疗器械集团股份有限公司"), "曙光健士医疗器械");
  EXPECT_EQ(Key("ＡＢＣ Tech, Co., Ltd."), "abctech");
  EXPECT_EQ(Key("abc tech inc"), "abctech");
  EXPECT_EQ(Key("美的物流园"), "美的物流园");
  // A name that is only a legal form keeps it rather than becoming empty.
  EXPECT_EQ(Key("有限公司"), "有限公司");
  EXPECT_EQ(Key("上海有限公司"), "上海");
}

TEST(EnterpriseNameKey, PlaceLikeWordsInsideANameStay) {
  EXPECT_EQ(EnterpriseNameKeyOf("北京区块链科技有限公司").core, "区块链科技");
  EXPECT_EQ(EnterpriseNameKeyOf("深圳市华联超市有限公司").core, "华联超市");
  EXPECT_EQ(EnterpriseNameKeyOf("深圳市智慧园区科技有限公司").core, "智慧园区科技");
  EXPECT_EQ(EnterpriseNameKeyOf("华联超市连锁有限公司").core, "华联超市连锁");
  // Bracketed words that are no place lose only their brackets.
  EXPECT_EQ(Key("X（集团）医药有限公司"), "x集团医药");
}

}  // namespace
}  // namespace zs
