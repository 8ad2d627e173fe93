// Periods a leader or a report picks: a month, a quarter, a half-year or a
// year, as the contract's inclusive DateRange (YYYY-MM-DD, China Standard Time).

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year'

/** A period: `index` is the month (1–12), quarter (1–4) or half (1–2); ignored for a year. */
export interface Period {
  kind: PeriodKind
  year: number
  index: number
}

export interface DateRange {
  startDate: string
  endDate: string
}

const MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6, year: 12 }

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

const pad = (n: number) => String(n).padStart(2, '0')

export function periodRange(p: Period): DateRange {
  const span = MONTHS[p.kind]
  const first = p.kind === 'year' ? 1 : (p.index - 1) * span + 1
  const last = first + span - 1
  return {
    startDate: `${p.year}-${pad(first)}-01`,
    endDate: `${p.year}-${pad(last)}-${pad(lastDayOfMonth(p.year, last))}`,
  }
}

/** The period containing `date` (YYYY-MM-DD). */
export function periodOf(kind: PeriodKind, date: string): Period {
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7))
  return { kind, year, index: kind === 'year' ? 1 : Math.floor((month - 1) / MONTHS[kind]) + 1 }
}

/** 2026年上半年, 2026年第二季度, 2026年6月, 2026年 — or the English. */
export function periodName(p: Period, lang: 'zh' | 'en' = 'zh'): string {
  if (lang === 'en') {
    switch (p.kind) {
      case 'month': return `${new Date(Date.UTC(p.year, p.index - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' })} ${p.year}`
      case 'quarter': return `Q${p.index} ${p.year}`
      case 'half': return `${p.index === 1 ? 'First' : 'Second'} half of ${p.year}`
      case 'year': return `${p.year}`
    }
  }
  switch (p.kind) {
    case 'month': return `${p.year}年${p.index}月`
    case 'quarter': return `${p.year}年第${'一二三四'[p.index - 1]}季度`
    case 'half': return `${p.year}年${p.index === 1 ? '上' : '下'}半年`
    case 'year': return `${p.year}年`
  }
}

/** How many periods of a kind a year has. */
export function periodsPerYear(kind: PeriodKind): number {
  return 12 / MONTHS[kind]
}
