// Dates and times in China Standard Time, whatever the browser's zone.
// Calendar dates in the contract are already `YYYY-MM-DD` in CST;
// Timestamps are RFC 3339 instants (protobuf's JSON mapping).

const TIME_ZONE = 'Asia/Shanghai'

const dateTimeFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** An instant as "2026-06-30 14:05" in China Standard Time; "" when unset. */
export function formatDateTime(timestamp: string | undefined | null): string {
  if (!timestamp) return ''
  const when = new Date(timestamp)
  if (Number.isNaN(when.getTime())) return ''
  return dateTimeFormat.format(when)
}

/** Today's date in China Standard Time, `YYYY-MM-DD`. */
export function todayCst(now: Date = new Date()): string {
  return dateTimeFormat.format(now).slice(0, 10)
}

/** Whole days from `today` to `date` (both YYYY-MM-DD); negative when past. */
export function daysUntil(date: string, today: string = todayCst()): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000)
}
