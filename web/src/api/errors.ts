// What the gateway answers when a call is refused: the google.rpc.Status
// JSON body (code, message, details) under the HTTP status of
// google/rpc/code.proto's table. Field violations (google.rpc.BadRequest)
// name the request field, so a form can show the message beside it.

/**
 * One google.rpc.BadRequest.FieldViolation. Services name fields with proto
 * names (`lead.estimated_investment_wan_yuan`); here they are written as the
 * JSON the console sends (`lead.estimatedInvestmentWanYuan`), so a form finds
 * the message under the same path as its model.
 */
export interface FieldViolation {
  field: string
  description: string
}

const CODE_NAMES = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND',
  'ALREADY_EXISTS', 'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION',
  'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS',
  'UNAUTHENTICATED',
] as const

/** A refused call: HTTP status, canonical gRPC code name, the server's message and its details. */
export class ApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    message: string,
    readonly violations: FieldViolation[] = [],
    /** google.rpc.ErrorInfo reason, e.g. ACCOUNT_LOCKED. */
    readonly reason = '',
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** ABORTED: the record changed since it was read (stale etag). */
  get stale(): boolean {
    return this.code === 'ABORTED'
  }

  static from(httpStatus: number, body: unknown): ApiError {
    const status = (body ?? {}) as { code?: number | string; message?: string; details?: unknown[] }
    const code =
      typeof status.code === 'number' ? (CODE_NAMES[status.code] ?? 'UNKNOWN') : (status.code ?? fallbackCode(httpStatus))
    const violations: FieldViolation[] = []
    let reason = ''
    for (const detail of status.details ?? []) {
      const d = detail as Record<string, unknown>
      const type = String(d['@type'] ?? '')
      if (type.endsWith('google.rpc.BadRequest')) {
        const list = (d.fieldViolations ?? d.field_violations ?? []) as { field?: string; description?: string }[]
        for (const v of list) violations.push({ field: jsonPath(v.field ?? ''), description: v.description ?? '' })
      } else if (type.endsWith('google.rpc.ErrorInfo')) {
        reason = String(d.reason ?? '')
      }
    }
    const message = status.message || `HTTP ${httpStatus}`
    return new ApiError(httpStatus, code, message, violations, reason)
  }
}

/** `lead.estimated_investment_wan_yuan` → `lead.estimatedInvestmentWanYuan` (lowerCamel per segment). */
export function jsonPath(field: string): string {
  return field.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
}

function fallbackCode(httpStatus: number): string {
  switch (httpStatus) {
    case 400: return 'INVALID_ARGUMENT'
    case 401: return 'UNAUTHENTICATED'
    case 403: return 'PERMISSION_DENIED'
    case 404: return 'NOT_FOUND'
    case 409: return 'ABORTED'
    case 429: return 'RESOURCE_EXHAUSTED'
    case 503: return 'UNAVAILABLE'
    case 504: return 'DEADLINE_EXCEEDED'
    default: return httpStatus >= 500 ? 'INTERNAL' : 'UNKNOWN'
  }
}
