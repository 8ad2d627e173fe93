import { beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../src/api/errors'
import type { LeadStatusChange, StageTransition } from '../src/api/types'

// i18n.ts reads the saved language from localStorage, which node has not.
const storage = new Map<string, string>()
Object.assign(globalThis, {
  localStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v) },
})
let messages: typeof import('../src/api/messages')
let history: typeof import('../src/labels/history')
let setLanguage: (lang: 'zh' | 'en') => void
beforeAll(async () => {
  messages = await import('../src/api/messages')
  history = await import('../src/labels/history')
  const { i18n } = await import('../src/i18n')
  const { labelLang } = await import('../src/labels/labels')
  // setLanguage without the <html lang> node has no document for.
  setLanguage = (lang) => {
    i18n.global.locale.value = lang
    labelLang.value = lang
  }
})

const refusal = (code: number, message: string, reason = '', violations: { field: string; description: string }[] = []) =>
  ApiError.from(400, {
    code,
    message,
    details: [
      ...(violations.length ? [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: violations }] : []),
      ...(reason ? [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason }] : []),
    ],
  })

describe('refusals read in the person’s language', () => {
  it('says a known reason in Chinese, and the server’s words in English', () => {
    const e = refusal(9, 'project 7: signing needs a measure in the ledger', 'NO_MEASURES')
    setLanguage('zh')
    expect(messages.errorText(e)).toBe('签约前须先在台账中登记至少一项措施。')
    setLanguage('en')
    expect(messages.errorText(e)).toBe('project 7: signing needs a measure in the ledger')
    setLanguage('zh')
  })

  it('falls back to the canonical code, never to English', () => {
    expect(messages.errorText(refusal(9, 'lead 4 is not open', 'SOMETHING_NEW'))).toBe('记录当前的状态不允许此操作。')
    expect(messages.errorText(refusal(14, 'the lead service is unavailable'))).toMatch(/服务暂时不可用/)
    expect(messages.errorText(new TypeError('Failed to fetch'))).toMatch(/无法连接服务器/)
    expect(messages.errorText(new Error('登录失败'))).toBe('登录失败')
  })

  it('names the kind of problem beside a field', () => {
    const v = (description: string) => messages.violationText({ field: 'lead.title', description })
    expect(v('is required')).toBe('必填')
    expect(v('must be a date written YYYY-MM-DD')).toBe('日期应为 年-月-日')
    expect(v('must not be negative')).toBe('应为正数')
    expect(v('check character mismatch')).toBe('校验码不符')
    expect(v('something no table knows')).toBe('填写有误')
    const e = refusal(3, 'lead.title: is required', '', [{ field: 'lead.title', description: 'is required' }])
    expect(messages.errorText(e)).toMatch(/填写的内容有误/)
  })
})

describe('history reads by kind', () => {
  it('tells a lead’s system changes from the record’s links, a person’s reason as written', () => {
    const change = (fromStatus: string, toStatus: string, reason: string) => ({ fromStatus, toStatus, reason }) as LeadStatusChange
    const lead = { projectId: '12', mergedIntoId: '0' }
    expect(history.leadChangeNote(change('LEAD_STATUS_UNSPECIFIED', 'LEAD_STATUS_NEW', 'created'), lead)).toBe('登记线索')
    expect(history.leadChangeNote(change('LEAD_STATUS_NEW', 'LEAD_STATUS_FOLLOWING', 'first follow-up'), lead)).toBe('有了第一条跟进记录')
    expect(history.leadChangeNote(change('LEAD_STATUS_FOLLOWING', 'LEAD_STATUS_CONVERTED', 'project 12'), lead)).toBe('转为项目 #12')
    expect(history.leadChangeNote(change('LEAD_STATUS_FOLLOWING', 'LEAD_STATUS_DROPPED', '企业调整投资布局'), lead)).toBe('企业调整投资布局')
  })

  it('tells a project’s creation and rollover, a person’s reason as written', () => {
    const tr = (kind: string, fromStage: string, reason: string, effectiveDate = '2027-01-01') =>
      ({ kind, fromStage, toStage: 'STAGE_NEGOTIATING', reason, effectiveDate }) as StageTransition
    expect(history.transitionNote(tr('KIND_STAGE_CHANGE', 'STAGE_UNSPECIFIED', 'converted from lead 56'), { leadId: '56' })).toBe('由线索 #56 转化')
    expect(history.transitionNote(tr('KIND_STAGE_CHANGE', 'STAGE_UNSPECIFIED', 'created'), { leadId: '0' })).toBe('直接登记的项目')
    expect(history.transitionNote(tr('KIND_YEAR_ROLLOVER', 'STAGE_STARTED', 'carried into 2027'), null)).toBe('转入 2027 年续建')
    expect(history.transitionNote(tr('KIND_STAGE_CHANGE', 'STAGE_SIGNED', '用地指标落实'), null)).toBe('用地指标落实')
  })

  it('reads a merge summary', () => {
    expect(history.mergeSummary('follow_ups=3 status_history=0 deadlines_met=1 fields=referrer_id,description')).toBe(
      '跟进记录 3 条；已完成时限 1 项；补充信息 2 项',
    )
  })
})
