#!/usr/bin/python3
"""Writes the fuzzers' seed corpus: for each service a few valid requests,
each file one byte of method index (in .proto order) plus the serialized
request. Run after changing the contracts:
  protoc -I proto --python_out=OUT proto/zhaoshang/*/v1/*.proto
  tests/fuzz/make_seeds.py OUT tests/fuzz/corpus
"""
import os
import sys

sys.path.insert(0, sys.argv[1])
from zhaoshang.common.v1 import common_pb2 as c  # noqa: E402
from zhaoshang.lead.v1 import lead_service_pb2 as lead  # noqa: E402
from zhaoshang.project.v1 import project_service_pb2 as project  # noqa: E402
from zhaoshang.reporting.v1 import reporting_service_pb2 as reporting  # noqa: E402
from zhaoshang.supervision.v1 import supervision_service_pb2 as supervision  # noqa: E402

H1 = c.DateRange(start_date="2026-01-01", end_date="2026-06-30")


def write(root, module, service, seeds):
    methods = [m.name for m in module.DESCRIPTOR.services_by_name[service].methods]
    os.makedirs(root, exist_ok=True)
    for i, (method, message) in enumerate(seeds):
        with open(os.path.join(root, f"{i:02d}-{method}"), "wb") as f:
            f.write(bytes([methods.index(method)]) + message.SerializeToString())


def main():
    out = sys.argv[2]
    write(f"{out}/lead", lead, "LeadService", [
        ("CreateEnterprise", lead.CreateEnterpriseRequest(request_id="s1", enterprise=lead.Enterprise(
            name="曙光健士医疗器械", credit_code="91350100M000100Y43",
            industry=c.INDUSTRY_MEDICAL_DEVICES, type=c.ENTERPRISE_TYPE_GROUP))),
        ("CreateLead", lead.CreateLeadRequest(request_id="s2", lead=lead.Lead(
            title="线索", enterprise_id=1, channel=c.CHANNEL_SMALL_TEAM,
            industry=c.INDUSTRY_MEDICAL_DEVICES, estimated_investment_wan_yuan=10000,
            office_code="office-fujian", collected_date="2026-03-01"))),
        ("CreateActivity", lead.CreateActivityRequest(request_id="s3", activity=lead.Activity(
            kind=lead.ACTIVITY_KIND_OUTBOUND_TRIP, title="赴上海", unit_code="town-daliu",
            start_date="2026-03-01", end_date="2026-03-02", enterprise_ids=[1]))),
        ("ListLeads", lead.ListLeadsRequest(page_size=5, unit_code="town-daliu",
                                            collected_date_range=H1)),
        ("AddFollowUp", lead.AddFollowUpRequest(request_id="s5", follow_up=lead.FollowUp(
            lead_id=1, kind=lead.FollowUp.KIND_ASSESSMENT, content="评估"))),
        ("AggregateLeads", lead.AggregateLeadsRequest(collected_date_range=H1,
                                                      group_by=c.GROUP_BY_CHANNEL)),
        ("FindDuplicateEnterprises", lead.FindDuplicateEnterprisesRequest(min_similarity=0.4)),
    ])
    write(f"{out}/project", project, "ProjectService", [
        ("CreateProject", project.CreateProjectRequest(request_id="p1", project=project.Project(
            name="项目", enterprise_id=1, industry=c.INDUSTRY_OTHER, unit_code="town-daliu",
            total_investment_wan_yuan=20000))),
        ("AddLedgerEntry", project.AddLedgerEntryRequest(request_id="p2", entry=project.LedgerEntry(
            project_id=1, kind=project.LedgerEntry.KIND_MEASURE, content="措施"))),
        ("SignProject", project.SignProjectRequest(request_id="p3", project_id=1,
                                                   signed_investment_wan_yuan=20000)),
        ("AggregateTransitions", project.AggregateTransitionsRequest(
            effective_date_range=H1, to_stage=project.STAGE_SIGNED,
            group_by=c.GROUP_BY_INVESTMENT_BAND)),
        ("CreateEnterpriseRequest", project.CreateEnterpriseRequestRequest(
            request_id="p5", enterprise_request=project.EnterpriseRequest(
                project_id=1, category="用地", content="指标", unit_code="dept-development",
                time_limit_working_days=3))),
        ("ListProjects", project.ListProjectsRequest(page_size=3, stale_ledger_days=30)),
    ])
    write(f"{out}/supervision", supervision, "SupervisionService", [
        ("GetProgress", supervision.GetProgressRequest(period=c.DateRange(
            start_date="2026-03-01", end_date="2026-03-31"))),
        ("CreateTask", supervision.CreateTaskRequest(request_id="t1", task=supervision.Task(
            unit_code="park-medical", title="任务", required_result="结果", due_date="2026-12-01"))),
        ("SetUnitTargets", supervision.SetUnitTargetsRequest(request_id="t2", targets=supervision.UnitTargets(
            unit_code="town-daliu", year=2026,
            overrides=[supervision.MetricTarget(metric=supervision.METRIC_LEADS, yearly_value=9)]))),
        ("PublishMonthlyRanking", supervision.PublishMonthlyRankingRequest(request_id="t3", month="2026-03")),
        ("ListUnits", supervision.ListUnitsRequest()),
    ])
    write(f"{out}/reporting", reporting, "ReportingService", [
        ("GetPeriodReport", reporting.GetPeriodReportRequest(
            period=H1, breakdowns=[c.GROUP_BY_UNIT], with_comparison=True)),
        ("GetBulletinText", reporting.GetBulletinTextRequest(period=H1, language=reporting.LANGUAGE_EN)),
        ("ListFigureRecords", reporting.ListFigureRecordsRequest(
            period=H1, figure=reporting.FIGURE_LEADS, page_size=3)),
        ("ExportPeriodReport", reporting.ExportPeriodReportRequest(
            report=reporting.GetPeriodReportRequest(period=H1), format=reporting.EXPORT_FORMAT_CSV)),
    ])


if __name__ == "__main__":
    main()
