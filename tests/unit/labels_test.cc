// Labels: every enum value a contract defines has Chinese and English words,
// and codes, aggregate keys and people's spellings map both ways.
#include "common/labels.h"

#include <gtest/gtest.h>

#include <functional>

#include "zhaoshang/lead/v1/lead_service.pb.h"
#include "zhaoshang/project/v1/project_service.pb.h"
#include "zhaoshang/reporting/v1/reporting_service.pb.h"
#include "zhaoshang/supervision/v1/supervision_service.pb.h"

namespace zs {
namespace {

namespace cv1 = ::zhaoshang::common::v1;
using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FileDescriptor;

// Every enum of the v1 contracts, nested ones included.
std::vector<const EnumDescriptor*> AllContractEnums() {
  std::vector<const EnumDescriptor*> enums;
  std::function<void(const Descriptor&)> nested = [&](const Descriptor& message) {
    for (int i = 0; i < message.enum_type_count(); ++i) enums.push_back(message.enum_type(i));
    for (int i = 0; i < message.nested_type_count(); ++i) nested(*message.nested_type(i));
  };
  for (const FileDescriptor* file :
       {cv1::Industry_descriptor()->file(), zhaoshang::lead::v1::Lead::descriptor()->file(),
        zhaoshang::project::v1::Project::descriptor()->file(),
        zhaoshang::supervision::v1::Unit::descriptor()->file(),
        zhaoshang::reporting::v1::PeriodReport::descriptor()->file()}) {
    for (int i = 0; i < file->enum_type_count(); ++i) enums.push_back(file->enum_type(i));
    for (int i = 0; i < file->message_type_count(); ++i) nested(*file->message_type(i));
  }
  return enums;
}

TEST(LabelsTest, EveryContractEnumValueHasBothLabels) {
  const std::vector<const EnumDescriptor*> enums = AllContractEnums();
  ASSERT_GE(enums.size(), 20u);
  for (const EnumDescriptor* type : enums) {
    for (int i = 0; i < type->value_count(); ++i) {
      const auto& value = *type->value(i);
      if (value.number() == 0) continue;
      ASSERT_TRUE(value.options().HasExtension(cv1::label))
          << value.full_name() << " has no (zhaoshang.common.v1.label)";
      const cv1::Label& label = value.options().GetExtension(cv1::label);
      EXPECT_FALSE(label.zh().empty()) << value.full_name();
      EXPECT_FALSE(label.en().empty()) << value.full_name();
      EXPECT_NE(EnumValueLabel(value), value.name());
      // Within one enum a label names one value, so a typed label reads back.
      EXPECT_EQ(EnumValueByText(*type, label.zh()), &value) << value.full_name();
      EXPECT_EQ(EnumValueByText(*type, label.en()), &value) << value.full_name();
    }
  }
}

TEST(LabelsTest, EnumLabelsInBothLanguages) {
  EXPECT_EQ(EnumLabel(cv1::INDUSTRY_COMMERCE_LOGISTICS), "商贸物流");
  EXPECT_EQ(EnumLabel(cv1::CHANNEL_FAIR, LabelLanguage::kEn), "Fairs and expos");
  EXPECT_EQ(EnumLabel(zhaoshang::supervision::v1::METRIC_OUTBOUND_TRIPS), "外出招商");
  EXPECT_EQ(EnumLabel(cv1::INDUSTRY_UNSPECIFIED), "未填写");
  EXPECT_EQ(EnumLabel(cv1::INDUSTRY_UNSPECIFIED, LabelLanguage::kEn), "not set");
}

TEST(LabelsTest, PeoplesSpellingsOfEnumValues) {
  const EnumDescriptor& industry = *cv1::Industry_descriptor();
  EXPECT_EQ(EnumValueByText(industry, " 医疗器械 ")->number(), cv1::INDUSTRY_MEDICAL_DEVICES);
  EXPECT_EQ(EnumValueByText(industry, "medical_devices")->number(), cv1::INDUSTRY_MEDICAL_DEVICES);
  EXPECT_EQ(EnumValueByText(industry, "INDUSTRY_OTHER")->number(), cv1::INDUSTRY_OTHER);
  EXPECT_EQ(EnumValueByText(industry, "unspecified"), nullptr);
  EXPECT_EQ(EnumValueByText(industry, "医疗"), nullptr);
}

TEST(LabelsTest, DirectoryCodesBecomeNames) {
  const Directory& d = Directory::Seeded();
  EXPECT_EQ(OrgLabel(d, "dept-investment"), "区投资促进局");
  EXPECT_EQ(OrgLabel(d, "leader-party-secretary"), "区委书记");
  EXPECT_EQ(OrgLabel(d, "office-fujian", LabelLanguage::kEn), "福建驻外招商办事处");
  EXPECT_EQ(OrgLabel(d, ""), "未填写");
  EXPECT_EQ(OrgLabel(d, "none"), "未填写");
  EXPECT_EQ(OrgLabel(d, "town-gone"), "town-gone");  // unknown: the code is all there is
  EXPECT_EQ(OrgCodeByName(d, "福建驻外招商办事处", {OrgKind::kRemoteOffice}), "office-fujian");
  EXPECT_EQ(OrgCodeByName(d, "福建驻外招商办事处", {OrgKind::kTown}), std::nullopt);
  EXPECT_EQ(OrgCodeByName(d, "区长", {OrgKind::kLeader}), "leader-district-head");
}

TEST(LabelsTest, DuplicateDirectoryNamesAreNotGuessed) {
  Directory d({{"town-a", "新城街道", OrgKind::kTown}, {"town-b", "新城街道", OrgKind::kTown}});
  EXPECT_EQ(OrgCodeByName(d, "新城街道", {OrgKind::kTown}), std::nullopt);
}

TEST(LabelsTest, AggregateKeys) {
  const Directory& d = Directory::Seeded();
  EXPECT_EQ(AggregateKeyLabel(cv1::GROUP_BY_UNIT, "park-medical", d), "医疗器械产业园");
  EXPECT_EQ(AggregateKeyLabel(cv1::GROUP_BY_UNIT, "none", d), "未填写");
  EXPECT_EQ(AggregateKeyLabel(cv1::GROUP_BY_INDUSTRY, "INDUSTRY_ELECTRONIC_INFORMATION", d),
            "电子信息");
  EXPECT_EQ(AggregateKeyLabel(cv1::GROUP_BY_STAGE, "LEAD_STATUS_FOLLOWING", d), "跟进中");
  EXPECT_EQ(AggregateKeyLabel(cv1::GROUP_BY_STAGE, "STAGE_SIGNED", d), "签约");
  EXPECT_EQ(AggregateKeyLabel(cv1::GROUP_BY_ACTIVITY_KIND, "ACTIVITY_KIND_FAIR", d), "节会展会");
  EXPECT_EQ(AggregateKeyLabel(cv1::GROUP_BY_MONTH, "2026-03", d), "2026年3月");
  EXPECT_EQ(AggregateKeyLabel(cv1::GROUP_BY_MONTH, "2026-11", d, LabelLanguage::kEn), "Nov 2026");
  EXPECT_EQ(AggregateKeyLabel(cv1::GROUP_BY_INVESTMENT_BAND, "ge_10yi", d), "10亿元以上");
  EXPECT_EQ(AggregateKeyLabel(cv1::GROUP_BY_UNSPECIFIED, "total", d), "合计");
  EXPECT_EQ(AggregateKeyLabel(cv1::GROUP_BY_ACTIVITY, "12", d), "活动#12");
}

}  // namespace
}  // namespace zs
