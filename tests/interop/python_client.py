#!/usr/bin/python3
"""Drives the lead service with Python's grpcio and stubs generated from the
.proto files alone: proof that no custom framing or C++ is needed.

usage: python_client.py STUBS_DIR HOST:PORT
"""
import sys
import uuid

sys.path.insert(0, sys.argv[1])

import grpc  # noqa: E402
from google.rpc import error_details_pb2, status_pb2  # noqa: E402
from zhaoshang.common.v1 import common_pb2  # noqa: E402
from zhaoshang.lead.v1 import lead_service_pb2 as lead  # noqa: E402
from zhaoshang.lead.v1 import lead_service_pb2_grpc as lead_grpc  # noqa: E402

METADATA = (("x-zs-principal", "python-script"), ("x-zs-role", "bureau_staff"))


def bad_request_field(error):
    """The field named by the google.rpc.BadRequest detail of an error."""
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            status = status_pb2.Status.FromString(value)
            for detail in status.details:
                bad_request = error_details_pb2.BadRequest()
                if detail.Unpack(bad_request):
                    return bad_request.field_violations[0].field
    return None


def main():
    stub = lead_grpc.LeadServiceStub(grpc.insecure_channel(sys.argv[2]))
    enterprise = stub.CreateEnterprise(
        lead.CreateEnterpriseRequest(
            request_id=str(uuid.uuid4()),
            enterprise=lead.Enterprise(
                name="福建宏达医疗器械有限公司",
                credit_code="91350100M000100Y43",
                industry=common_pb2.INDUSTRY_MEDICAL_DEVICES,
                type=common_pb2.ENTERPRISE_TYPE_GROUP)),
        metadata=METADATA, timeout=10)
    created = stub.CreateLead(
        lead.CreateLeadRequest(
            request_id=str(uuid.uuid4()),
            lead=lead.Lead(
                title="福建宏达医疗器械产业园", enterprise_id=enterprise.id,
                channel=common_pb2.CHANNEL_RESIDENT_OFFICE,
                industry=common_pb2.INDUSTRY_MEDICAL_DEVICES,
                estimated_investment_wan_yuan=80000, office_code="office-fujian",
                collected_date="2026-05-20")),
        metadata=METADATA, timeout=10)
    listed = stub.ListLeads(lead.ListLeadsRequest(office_code="office-fujian"),
                            metadata=METADATA, timeout=10)
    assert [l.id for l in listed.leads] == [created.id], listed
    assert created.status == lead.LEAD_STATUS_NEW

    try:
        stub.CreateEnterprise(
            lead.CreateEnterpriseRequest(
                request_id=str(uuid.uuid4()),
                enterprise=lead.Enterprise(name="坏代码公司", credit_code="91350100M000100Y44",
                                           industry=common_pb2.INDUSTRY_OTHER)),
            metadata=METADATA, timeout=10)
        raise AssertionError("a bad credit code was accepted")
    except grpc.RpcError as error:
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, error
        assert bad_request_field(error) == "enterprise.credit_code", error
    print("python client: ok")


if __name__ == "__main__":
    main()
