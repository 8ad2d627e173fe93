// What a person reads when a call is refused. The services write their
// messages in English for operators and logs (AIP-193); a person reads
// Chinese, composed here by kind — the ErrorInfo reason when the service
// gave one, else the canonical code — and, beside a field, by the kind of
// problem the field violation names. In English the server's own words
// are shown.

import { i18n } from '@/i18n'
import { labelLang } from '@/labels/labels'
import { ApiError, type FieldViolation } from './errors'

/** ErrorInfo reasons the services attach (UPPER_SNAKE) that have their own sentence. */
export const KNOWN_REASONS = [
  'ACCOUNT_DISABLED', 'ACCOUNT_EXISTS', 'ACCOUNT_LOCKED', 'DEMO_ACCOUNTS_NOT_ALLOWED', 'ENTERPRISE_CREDIT_CODE_EXISTS',
  'ENTERPRISE_MERGED', 'INVALID_CREDENTIALS', 'LEAD_MERGED', 'LEAD_NOT_MERGEABLE', 'LEAD_NOT_OPEN',
  'LEADER_EXISTS', 'NO_MEASURES', 'PROJECT_DROPPED', 'UNIT_EXISTS', 'WRONG_PASSWORD',
] as const

/**
 * The kinds of problem the services' checks name (common/validation and
 * the stores write these phrases), most specific first; anything else is
 * 'invalid'.
 */
const PROBLEMS: [RegExp, string][] = [
  [/check character|校验/i, 'checkCharacter'],
  [/password|user name|shorter than 10|three of|commonly used/i, 'password'],
  [/does not match/i, 'mismatch'],
  [/must differ/i, 'same'],
  [/required/i, 'required'],
  [/YYYY-MM-DD|date/i, 'date'],
  [/before start_date/i, 'beforeStart'],
  [/negative|greater than zero/i, 'positive'],
  [/too long|longer than|at most|characters/i, 'tooLong'],
  [/unknown value|must be [A-Z_]+ or/i, 'choose'],
  [/between|range/i, 'range'],
]

function english(): boolean {
  return labelLang.value === 'en'
}

/** The problem beside a field: '必填', '格式应为 年-月-日' … (the server's words in English). */
export function violationText(v: FieldViolation): string {
  if (english()) return v.description
  const kind = PROBLEMS.find(([pattern]) => pattern.test(v.description))?.[1] ?? 'invalid'
  return i18n.global.t(`errors.problem.${kind}`)
}

/** One sentence for a refused call (or any other failure). */
export function errorText(error: unknown): string {
  const t = i18n.global.t
  if (!(error instanceof ApiError)) {
    // fetch rejects with a TypeError when the gateway cannot be reached;
    // other errors are the console's own sentences, already translated.
    if (error instanceof TypeError && !english()) return t('errors.network')
    return String((error as Error)?.message ?? error)
  }
  if (english()) return error.message
  if ((KNOWN_REASONS as readonly string[]).includes(error.reason)) return t(`errors.reason.${error.reason}`)
  if (error.violations.length > 0) return t('errors.fields')
  return t(`errors.code.${error.code}`, t('errors.code.UNKNOWN'))
}
