// Shared by the cockpit and the reports page: loading a period report and
// shaping its breakdowns into ECharts datasets.
import { api, call } from '@/api/client'
import type { AggregateRow, Figure, GroupBy, PeriodReport } from '@/api/types'
import type { DateRange, Period, PeriodKind } from '@/labels/period'
import { enums, groupKeyLabel, label } from '@/labels/labels'
import { toBigInt, wanToYiForChart } from '@/labels/money'

export async function loadReport(period: DateRange, breakdowns: GroupBy[]): Promise<PeriodReport> {
  return call(() =>
    api.GET('/v1/periodReport', {
      params: {
        query: {
          'period.start_date': period.startDate,
          'period.end_date': period.endDate,
          breakdowns,
          with_comparison: true,
        },
      },
    }),
  )
}

/** Rows of one figure under one grouping ([] when the report has none). */
export function rowsOf(report: PeriodReport | null, groupBy: GroupBy, figure: Figure): AggregateRow[] {
  return report?.breakdowns?.find((b) => b.groupBy === groupBy && b.figure === figure)?.rows ?? []
}

/**
 * An ECharts dataset: one row per key of `groupBy`, one column per figure,
 * each the count (or, with `money`, the investment in 亿元 for plotting).
 */
export function dataset(report: PeriodReport | null, groupBy: GroupBy, figures: Figure[], money = false) {
  const keys: string[] = []
  for (const f of figures) for (const r of rowsOf(report, groupBy, f)) if (r.key && !keys.includes(r.key) && r.key !== 'total') keys.push(r.key)
  if (groupBy === 'GROUP_BY_MONTH') keys.sort()
  const header = [label(enums.groupBy, groupBy), ...figures.map((f) => label(enums.figure, f))]
  const source = keys.map((k) => [
    groupKeyLabel(groupBy, k),
    ...figures.map((f) => {
      const row = rowsOf(report, groupBy, f).find((r) => r.key === k)
      return money ? wanToYiForChart(row?.investmentWanYuan) : Number(toBigInt(row?.count))
    }),
  ])
  return { source: [header, ...source] }
}

/** (now − before) / before as a signed percentage, or null without a base. */
export function change(now: string | undefined, before: string | undefined): number | null {
  const b = Number(toBigInt(before))
  if (!b) return null
  return Math.round(((Number(toBigInt(now)) - b) / b) * 1000) / 10
}

/** `half-2026-1` ⇄ {kind, year, index}: the period in a page's URL. */
export function periodToQuery(p: Period): string {
  return `${p.kind}-${p.year}-${p.index}`
}
export function periodFromQuery(q: unknown): Period | null {
  if (typeof q !== 'string') return null
  const m = /^(month|quarter|half|year)-(\d{4})-(\d{1,2})$/.exec(q)
  return m ? { kind: m[1] as PeriodKind, year: Number(m[2]), index: Number(m[3]) } : null
}
