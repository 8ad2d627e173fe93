// The one place where codes become words. Pages call these functions and
// never show an enum value, a unit code or a leader code themselves.
// Enum tables live in ./enums.ts; names of units, offices, parks and
// leaders come from the directory (supervision's ListUnits / ListLeaders),
// loaded once after sign-in by setDirectory().

import { reactive, ref } from 'vue'
import * as enums from './enums'
import type { Pair } from './enums'

export type Lang = 'zh' | 'en'

/** The language labels are given in; the i18n switch sets it. */
export const labelLang = ref<Lang>('zh')

export interface DirectoryUnit {
  code: string
  name: string
  kind?: string
}
export interface DirectoryLeader {
  code: string
  name: string
  title?: string
}

const directory = reactive({
  units: new Map<string, DirectoryUnit>(),
  leaders: new Map<string, DirectoryLeader>(),
})

/** Replaces the directory (units, offices and parks; leaders). */
export function setDirectory(units: DirectoryUnit[], leaders: DirectoryLeader[]): void {
  directory.units = new Map(units.map((u) => [u.code, u]))
  directory.leaders = new Map(leaders.map((l) => [l.code, l]))
}

export function directoryUnits(): DirectoryUnit[] {
  return [...directory.units.values()]
}
export function directoryLeaders(): DirectoryLeader[] {
  return [...directory.leaders.values()]
}

function pick(pair: Pair, lang: Lang): string {
  return pair[lang === 'zh' ? 0 : 1]
}

/**
 * The label of an enum value from one of the tables in ./enums.ts. An
 * unset value (proto3 JSON omits defaults) reads as the table's
 * *_UNSPECIFIED entry; a value the table lacks (a newer server) is shown
 * as it came, rather than hidden.
 */
export function label<T extends Record<string, Pair>>(
  table: T,
  value: string | undefined | null,
  lang: Lang = labelLang.value,
): string {
  if (!value) {
    const unspecified = Object.keys(table).find((k) => k.endsWith('UNSPECIFIED'))
    return unspecified ? pick(table[unspecified], lang) : ''
  }
  const pair = table[value]
  return pair ? pick(pair, lang) : value
}

/** The choices of an enum for a select, without *_UNSPECIFIED. */
export function options<T extends Record<string, Pair>>(
  table: T,
  lang: Lang = labelLang.value,
): { value: keyof T & string; label: string }[] {
  return Object.keys(table)
    .filter((k) => !k.endsWith('UNSPECIFIED'))
    .map((k) => ({ value: k as keyof T & string, label: pick(table[k], lang) }))
}

const none: Pair = ['—', '—']

/** A unit's or office's (or park's) name; "—" when there is none. */
export function unitName(code: string | undefined | null, lang: Lang = labelLang.value): string {
  if (!code) return pick(none, lang)
  return directory.units.get(code)?.name ?? code
}

/** A leader's name with their title where it differs. */
export function leaderName(code: string | undefined | null, lang: Lang = labelLang.value): string {
  if (!code) return pick(none, lang)
  const leader = directory.leaders.get(code)
  return leader?.name ?? code
}

/** Whichever of unit and office collected a record. */
export function collectorName(record: { unitCode?: string; officeCode?: string }): string {
  return unitName(record.officeCode || record.unitCode)
}

/**
 * The label of one row key of an aggregate (common.v1.AggregateRow.key)
 * under its grouping: unit/office/park codes, leader codes, enum names,
 * months (YYYY-MM), investment bands, or "total"/"none".
 */
export function groupKeyLabel(groupByValue: string | undefined, key: string, lang: Lang = labelLang.value): string {
  if (key in enums.specialKey) return pick(enums.specialKey[key as keyof typeof enums.specialKey], lang)
  switch (groupByValue) {
    case 'GROUP_BY_UNIT':
    case 'GROUP_BY_OFFICE':
    case 'GROUP_BY_PARK':
      return unitName(key, lang)
    case 'GROUP_BY_LEADER':
      return leaderName(key, lang)
    case 'GROUP_BY_INDUSTRY':
      return label(enums.industry, key, lang)
    case 'GROUP_BY_CHANNEL':
      return label(enums.channel, key, lang)
    case 'GROUP_BY_CHAIN_ACTION':
      return label(enums.chainAction, key, lang)
    case 'GROUP_BY_ACTIVITY_KIND':
      return label(enums.activityKind, key, lang)
    case 'GROUP_BY_INVESTMENT_BAND':
      return label(enums.investmentBand, key, lang)
    case 'GROUP_BY_STAGE':
      return key.startsWith('LEAD_STATUS_') ? label(enums.leadStatus, key, lang) : label(enums.stage, key, lang)
    case 'GROUP_BY_MONTH': {
      const [year, month] = key.split('-')
      return lang === 'zh' ? `${year}年${Number(month)}月` : key
    }
    case 'GROUP_BY_ACTIVITY':
      return lang === 'zh' ? `活动 #${key}` : `Activity #${key}`
    default:
      return key
  }
}

export { enums }
