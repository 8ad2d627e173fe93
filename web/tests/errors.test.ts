import { describe, expect, it } from 'vitest'
import { ApiError, jsonPath } from '../src/api/errors'

describe('refused calls', () => {
  it('reads google.rpc.Status with its BadRequest and ErrorInfo details', () => {
    const e = ApiError.from(400, {
      code: 3,
      message: 'enterprise.credit_code: check character mismatch',
      details: [
        { '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field: 'enterprise.credit_code', description: 'check character mismatch' }] },
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'INVALID_CREDIT_CODE', domain: 'zhaoshang' },
      ],
    })
    expect(e.code).toBe('INVALID_ARGUMENT')
    expect(e.violations).toEqual([{ field: 'enterprise.creditCode', description: 'check character mismatch' }])
    expect(e.reason).toBe('INVALID_CREDIT_CODE')
    expect(e.stale).toBe(false)
  })

  it('knows a stale etag and survives a body that is not a Status', () => {
    expect(ApiError.from(409, { code: 10, message: 'etag is stale' }).stale).toBe(true)
    const e = ApiError.from(503, undefined)
    expect(e.code).toBe('UNAVAILABLE')
    expect(e.message).toBe('HTTP 503')
  })

  it('writes proto field paths as the JSON names forms use', () => {
    expect(jsonPath('lead.estimated_investment_wan_yuan')).toBe('lead.estimatedInvestmentWanYuan')
    expect(jsonPath('follow_up.lead_id')).toBe('followUp.leadId')
  })
})
