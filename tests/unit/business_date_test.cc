#include "common/business_date.h"

#include <gtest/gtest.h>

#include "common/errors.h"
#include "common/validation.h"
#include "services/lead/lead_rules.h"
#include "services/project/project_rules.h"

namespace zs {
namespace {

const absl::CivilDay kToday(2026, 11, 30);

TEST(BusinessDate, NotInTheFutureOfChina) {
  EXPECT_TRUE(ValidateBusinessDate("d", "2026-11-30", kToday).ok());
  const absl::Status status = ValidateBusinessDate("lead.collected_date", "2026-12-01", kToday);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorField(status), "lead.collected_date");
  EXPECT_NE(status.message().find("today in China is 2026-11-30"), absl::string_view::npos);
}

TEST(BusinessDate, NotBeforeTheRecordItBelongsTo) {
  const DateFloor floor{.date = "2026-04-15", .what = "the lead's collected_date"};
  EXPECT_TRUE(ValidateBusinessDate("d", "2026-04-15", kToday, floor).ok());
  const absl::Status status = ValidateBusinessDate("d", "2026-04-14", kToday, floor);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("before the lead's collected_date (2026-04-15)"),
            absl::string_view::npos);
  EXPECT_FALSE(ValidateBusinessDate("d", "2026-02-30", kToday).ok());
}

TEST(BusinessDate, LeadsAreNotCollectedNextMonth) {
  lead::v1::Lead lead;
  lead.set_collected_date("2026-12-15");
  EXPECT_EQ(ErrorField(lead::ValidateCollectedDate(lead, kToday)), "lead.collected_date");
  lead.set_collected_date("2026-11-01");
  EXPECT_TRUE(lead::ValidateCollectedDate(lead, kToday).ok());
}

TEST(BusinessDate, FollowUpsFallBetweenTheLeadAndToday) {
  lead::v1::FollowUp follow_up;
  follow_up.set_follow_up_date("2026-04-01");
  EXPECT_EQ(ErrorField(lead::ValidateFollowUpDate(follow_up, "2026-04-15", kToday)),
            "follow_up.follow_up_date");
  follow_up.set_follow_up_date("2026-12-01");
  EXPECT_FALSE(lead::ValidateFollowUpDate(follow_up, "2026-04-15", kToday).ok());
  follow_up.set_follow_up_date("2026-04-15");
  EXPECT_TRUE(lead::ValidateFollowUpDate(follow_up, "2026-04-15", kToday).ok());
}

TEST(BusinessDate, FundsArriveBetweenSigningAndToday) {
  project::v1::FundsRecord funds;
  funds.set_arrival_date("2025-06-01");  // a year before signing
  EXPECT_EQ(ErrorField(project::ValidateFundsDate(funds, "2026-06-01", kToday)),
            "funds.arrival_date");
  funds.set_arrival_date("2026-12-20");  // next month
  EXPECT_FALSE(project::ValidateFundsDate(funds, "2026-06-01", kToday).ok());
  funds.set_arrival_date("2026-07-01");
  EXPECT_TRUE(project::ValidateFundsDate(funds, "2026-06-01", kToday).ok());
}

TEST(BusinessDate, LedgerEntriesAreNotDatedAfterToday) {
  project::v1::LedgerEntry entry;
  entry.set_entry_date("2026-12-20");
  EXPECT_EQ(ErrorField(project::ValidateLedgerEntryDate(entry, kToday)), "entry.entry_date");
  entry.set_entry_date("2024-03-01");  // a measure keyed in late
  EXPECT_TRUE(project::ValidateLedgerEntryDate(entry, kToday).ok());
}

}  // namespace
}  // namespace zs
