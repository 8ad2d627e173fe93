import { describe, expect, it } from 'vitest'
import { formatMoney, formatWan, groupDigits, toBigInt } from '../src/labels/money'

describe('money in 万元 and 亿元', () => {
  it('writes the report figures as the district does', () => {
    expect(formatMoney('420000')).toBe('42亿元')
    expect(formatMoney('850000')).toBe('85亿元')
    expect(formatMoney('36500')).toBe('3.65亿元')
    expect(formatMoney('5000')).toBe('5,000万元')
    expect(formatMoney('10000')).toBe('1亿元')
    expect(formatMoney('0')).toBe('0万元')
  })

  it('is exact beyond what a double holds', () => {
    // 2^53 + 1 万元 would round in a double.
    expect(formatMoney('9007199254740993')).toBe('900,719,925,474.0993亿元')
    expect(formatWan('9007199254740993')).toBe('9,007,199,254,740,993')
  })

  it('groups thousands and keeps the sign', () => {
    expect(groupDigits(1234567n)).toBe('1,234,567')
    expect(formatMoney(-12345)).toBe('-1.2345亿元')
    expect(formatWan(999)).toBe('999')
  })

  it('has an English form in millions and billions of CNY', () => {
    expect(formatMoney('420000', 'en')).toBe('CNY 4.2 bn')
    expect(formatMoney('5000', 'en')).toBe('CNY 50 m')
    expect(formatMoney('36500', 'en')).toBe('CNY 365 m')
    expect(formatMoney('1', 'en')).toBe('CNY 0.01 m')
  })

  it('treats a missing amount as zero and refuses fractions', () => {
    expect(formatMoney(undefined)).toBe('0万元')
    expect(() => toBigInt('1.5')).toThrow(RangeError)
    expect(() => toBigInt(1.5)).toThrow(RangeError)
  })
})
