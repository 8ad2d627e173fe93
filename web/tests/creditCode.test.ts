import { describe, expect, it } from 'vitest'
import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckCharacter,
  creditCodeProblem,
  normaliseCreditCode,
} from '../src/labels/creditCode'

// The same codes tests/unit/validation_test.cc holds valid and invalid,
// so the browser and the lead service agree.
describe('credit code (GB 32100-2015)', () => {
  it('accepts real codes', () => {
    for (const code of ['91350100M000100Y43', '91110000600037341L', '91440300708461136T']) {
      expect(creditCodeProblem(code)).toBeNull()
    }
  })

  it('names the check character a wrong one should be', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toEqual({ kind: 'check', expected: '3' })
  })

  it('refuses letters outside the alphabet, with their position', () => {
    expect(creditCodeProblem('91350100O000100Y43')).toEqual({ kind: 'character', position: 9, character: 'O' })
    for (const letter of 'IOSVZ') expect(CREDIT_CODE_ALPHABET).not.toContain(letter)
  })

  it('waits while a code is being typed, and counts a finished one', () => {
    expect(creditCodeProblem('9135010', true)).toBeNull()
    expect(creditCodeProblem('9135010', false)).toEqual({ kind: 'length', length: 7 })
    expect(creditCodeProblem('91350100M000100Y431', true)).toEqual({ kind: 'length', length: 19 })
    expect(creditCodeProblem('9135I', true)).toEqual({ kind: 'character', position: 5, character: 'I' })
  })

  it('computes every check character the way the server does', () => {
    // Each of the 31 possible check characters is reachable by varying
    // the 17th character; the weighted sum plus the check is 0 mod 31.
    const seen = new Set<string>()
    for (const last of CREDIT_CODE_ALPHABET) {
      const first17 = `91410000MA0000000`.slice(0, 16) + last
      const check = creditCodeCheckCharacter(first17)!
      let sum = 0
      const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
      for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]) * weights[i]
      expect((sum + CREDIT_CODE_ALPHABET.indexOf(check)) % 31).toBe(0)
      seen.add(check)
    }
    expect(seen.size).toBe(31)
    expect(creditCodeCheckCharacter('short')).toBeNull()
  })

  it('normalises what people paste', () => {
    expect(normaliseCreditCode(' 9135 0100m000100y43 ')).toBe('91350100M000100Y43')
  })
})
