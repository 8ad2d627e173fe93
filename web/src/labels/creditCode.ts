// The unified social credit code (统一社会信用代码, GB 32100-2015) as the
// lead service checks it (common/validation.cc), so a typing mistake shows
// while the person types instead of after a round trip.

/** The 31 characters a code may use: digits and capitals without I, O, S, V, Z. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** The check character for the first 17 characters, or null if they are not 17 allowed characters. */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i])
    if (value < 0) return null
    sum += value * WEIGHTS[i]
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]
}

/**
 * What is wrong with a code typed so far. `partial` accepts a code still
 * being typed (shorter than 18 characters) as long as what is there is
 * allowed; a complete code must carry the right check character.
 */
export type CreditCodeProblem =
  | { kind: 'length'; length: number }
  | { kind: 'character'; position: number; character: string }
  | { kind: 'check'; expected: string }

export function creditCodeProblem(code: string, partial = false): CreditCodeProblem | null {
  for (let i = 0; i < code.length; i++) {
    if (CREDIT_CODE_ALPHABET.indexOf(code[i]) < 0) {
      return { kind: 'character', position: i + 1, character: code[i] }
    }
  }
  if (code.length !== 18) {
    return partial && code.length < 18 ? null : { kind: 'length', length: code.length }
  }
  const expected = creditCodeCheckCharacter(code.slice(0, 17))!
  return code[17] === expected ? null : { kind: 'check', expected }
}

/** Upper-cases and strips the spaces people paste with a code. */
export function normaliseCreditCode(typed: string): string {
  return typed.replace(/\s+/g, '').toUpperCase()
}
