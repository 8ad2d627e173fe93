// Money as the district writes it. Amounts arrive as exact integers of
// 万元 (the contract's `*_wan_yuan`; int64 comes as a JSON string), and are
// shown without ever passing through a floating-point number:
// 5,000万元, 3.65亿元, 1,234.5亿元 — 1亿元 = 10,000万元.

/** An amount in 万元 as the API sends it (int64 → string) or as a form holds it. */
export type WanYuan = string | number | bigint | null | undefined

export function toBigInt(value: WanYuan): bigint {
  if (value === null || value === undefined || value === '') return 0n
  if (typeof value === 'bigint') return value
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new RangeError(`not a whole number of 万元: ${value}`)
    return BigInt(value)
  }
  if (!/^-?\d+$/.test(value)) throw new RangeError(`not a whole number of 万元: ${value}`)
  return BigInt(value)
}

/** 1234567 → "1,234,567". */
export function groupDigits(value: bigint): string {
  const negative = value < 0n
  const digits = (negative ? -value : value).toString()
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return negative ? `-${grouped}` : grouped
}

/** `whole` + `fraction`/10^places with trailing zeros dropped: (3, 6500, 4) → "3.65". */
function decimal(whole: bigint, fraction: bigint, places: number): string {
  const digits = fraction.toString().padStart(places, '0').replace(/0+$/, '')
  return digits ? `${groupDigits(whole)}.${digits}` : groupDigits(whole)
}

/**
 * An amount for reading: 万元 below 1亿元, 亿元 from there (exact, up to
 * four decimals). English: CNY in millions below 1 billion, billions above.
 */
export function formatMoney(value: WanYuan, lang: 'zh' | 'en' = 'zh'): string {
  const wan = toBigInt(value)
  const sign = wan < 0n ? '-' : ''
  const abs = wan < 0n ? -wan : wan
  if (lang === 'en') {
    // 1万元 = 0.01 million CNY; 100,000万元 = 1 billion CNY.
    if (abs >= 100_000n) return `${sign}CNY ${decimal(abs / 100_000n, abs % 100_000n, 5)} bn`
    return `${sign}CNY ${decimal(abs / 100n, abs % 100n, 2)} m`
  }
  if (abs >= 10_000n) return `${sign}${decimal(abs / 10_000n, abs % 10_000n, 4)}亿元`
  return `${sign}${groupDigits(abs)}万元`
}

/** An amount in 万元 for a table column headed "(万元)": "36,500". */
export function formatWan(value: WanYuan): string {
  return groupDigits(toBigInt(value))
}

/** An amount in 亿元 as a number, for chart axes only (never for sums). */
export function wanToYiForChart(value: WanYuan): number {
  return Number(toBigInt(value)) / 10_000
}
