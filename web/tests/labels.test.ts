import { describe, expect, it } from 'vitest'
import { collectorName, enums, groupKeyLabel, label, labelLang, leaderName, options, setDirectory, unitName } from '../src/labels/labels'
import { formatDateTime, todayCst, daysUntil } from '../src/labels/time'
import { periodName, periodOf, periodRange } from '../src/labels/period'

describe('labels', () => {
  setDirectory(
    [
      { code: 'office-fujian', name: '福建驻外招商办事处' },
      { code: 'park-medical', name: '医疗器械产业园' },
    ],
    [{ code: 'leader-district-head', name: '区长' }],
  )

  it('turns enum values into Chinese, and English on request', () => {
    expect(label(enums.industry, 'INDUSTRY_MEDICAL_DEVICES')).toBe('医疗器械')
    expect(label(enums.stage, 'STAGE_SIGNED', 'en')).toBe('Signed')
    expect(label(enums.chainAction, 'CHAIN_ACTION_FILL_GAP')).toBe('补链')
  })

  it('reads an omitted proto3 enum as its unspecified label', () => {
    expect(label(enums.industry, undefined)).toBe('未填写')
  })

  it('follows the language switch', () => {
    labelLang.value = 'en'
    expect(label(enums.leadStatus, 'LEAD_STATUS_FOLLOWING')).toBe('Following')
    labelLang.value = 'zh'
    expect(label(enums.leadStatus, 'LEAD_STATUS_FOLLOWING')).toBe('跟进中')
  })

  it('offers choices without the unspecified value', () => {
    const choices = options(enums.industry)
    expect(choices.map((c) => c.label)).toEqual(['商贸物流', '医疗器械', '电子信息', '其他'])
  })

  it('names units, offices and leaders from the directory', () => {
    expect(unitName('office-fujian')).toBe('福建驻外招商办事处')
    expect(leaderName('leader-district-head')).toBe('区长')
    expect(unitName('')).toBe('—')
    expect(collectorName({ officeCode: 'office-fujian', unitCode: '' })).toBe('福建驻外招商办事处')
  })

  it('labels aggregate keys under each grouping', () => {
    expect(groupKeyLabel('GROUP_BY_PARK', 'park-medical')).toBe('医疗器械产业园')
    expect(groupKeyLabel('GROUP_BY_INDUSTRY', 'INDUSTRY_COMMERCE_LOGISTICS')).toBe('商贸物流')
    expect(groupKeyLabel('GROUP_BY_INVESTMENT_BAND', 'ge_1yi')).toBe('亿元以上')
    expect(groupKeyLabel('GROUP_BY_MONTH', '2026-03')).toBe('2026年3月')
    expect(groupKeyLabel('GROUP_BY_UNIT', 'none')).toBe('未填写')
    expect(groupKeyLabel('GROUP_BY_UNSPECIFIED', 'total')).toBe('合计')
    expect(groupKeyLabel('GROUP_BY_STAGE', 'LEAD_STATUS_NEW')).toBe('新线索')
  })
})

describe('China Standard Time', () => {
  it('shows instants in UTC+8 whatever the machine zone', () => {
    expect(formatDateTime('2026-06-30T16:30:00Z')).toBe('2026-07-01 00:30')
    expect(formatDateTime(undefined)).toBe('')
    expect(todayCst(new Date('2026-06-30T16:30:00Z'))).toBe('2026-07-01')
    expect(daysUntil('2026-07-03', '2026-07-01')).toBe(2)
    expect(daysUntil('2026-06-28', '2026-07-01')).toBe(-3)
  })
})

describe('periods', () => {
  it('gives the date range of a month, quarter, half-year and year', () => {
    expect(periodRange({ kind: 'half', year: 2026, index: 1 })).toEqual({ startDate: '2026-01-01', endDate: '2026-06-30' })
    expect(periodRange({ kind: 'quarter', year: 2026, index: 4 })).toEqual({ startDate: '2026-10-01', endDate: '2026-12-31' })
    expect(periodRange({ kind: 'month', year: 2024, index: 2 })).toEqual({ startDate: '2024-02-01', endDate: '2024-02-29' })
    expect(periodRange({ kind: 'year', year: 2026, index: 1 })).toEqual({ startDate: '2026-01-01', endDate: '2026-12-31' })
  })
  it('names periods', () => {
    expect(periodName({ kind: 'half', year: 2026, index: 1 })).toBe('2026年上半年')
    expect(periodName({ kind: 'quarter', year: 2026, index: 2 })).toBe('2026年第二季度')
    expect(periodName(periodOf('month', '2026-06-15'))).toBe('2026年6月')
  })
})
