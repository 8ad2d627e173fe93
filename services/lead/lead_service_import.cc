// The LeadService RPCs for spreadsheets: imports and their template.
#include "services/lead/lead_service.h"

namespace zs::lead {

using grpc::CallbackServerContext;
using grpc::ServerUnaryReactor;

ServerUnaryReactor* LeadServiceImpl::ImportLeads(CallbackServerContext* context,
                                                 const v1::ImportLeadsRequest* request,
                                                 v1::ImportResponse* response) {
  return executor_.Run(context, *request, [=, this](const CallContext& call, ConnectionSlot& slot) {
    return importer_.Run(call, slot, import::ImportKind::kLeads, ImportRequest::Of(*request),
                         response);
  });
}

ServerUnaryReactor* LeadServiceImpl::ImportActivities(CallbackServerContext* context,
                                                      const v1::ImportActivitiesRequest* request,
                                                      v1::ImportResponse* response) {
  return executor_.Run(context, *request, [=, this](const CallContext& call, ConnectionSlot& slot) {
    return importer_.Run(call, slot, import::ImportKind::kActivities, ImportRequest::Of(*request),
                         response);
  });
}

ServerUnaryReactor* LeadServiceImpl::GetImportTemplate(CallbackServerContext* context,
                                                       const v1::GetImportTemplateRequest* request,
                                                       v1::ImportTemplate* response) {
  return executor_.Run(context, *request, [=, this](const CallContext&, ConnectionSlot&) {
    return importer_.Template(request->kind(), response);
  });
}

}  // namespace zs::lead
