// A small, dependency-free passphrase strength estimate used by the renderer (live feedback) and by
// main (setup and export refuse weak passphrases). It estimates guessing entropy from the character
// classes actually used, then removes what attackers try first: common passwords, keyboard and
// alphabet sequences, repeated characters, years and dates. It is a guide, not a guarantee.

export type StrengthScore = 0 | 1 | 2 | 3 | 4

export interface PasswordStrength {
  score: StrengthScore
  /** Rough guessing entropy in bits, after penalties. */
  bits: number
  /** What to change, written for the user. Empty when nothing stands out. */
  hints: string[]
}

/** Setup, passphrase change and bundle export refuse anything weaker than this. */
export const PASSPHRASE_MIN_LENGTH = 10
export const PASSPHRASE_MIN_SCORE: StrengthScore = 2

const COMMON = [
  'password', 'passw0rd', 'p@ssword', 'p@ssw0rd', 'qwerty', 'qwertz', 'azerty', 'letmein', 'welcome',
  'admin', 'administrator', 'login', 'master', 'secret', 'dragon', 'monkey', 'football', 'baseball',
  'iloveyou', 'sunshine', 'princess', 'shadow', 'superman', 'trustno1', 'changeme', 'default',
  'backup', 'backdesk', 'cloud', 'summer', 'winter', 'spring', 'autumn', 'hello', 'abc123',
  'starwars', 'whatever', 'freedom', 'computer', 'internet', 'company', 'lösenord', 'passwort',
  'contraseña', 'motdepasse', 'wachtwoord', 'salasana', 'haslo'
]

const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'qwertzuiop',
  'azertyuiop',
  '1qaz2wsx3edc'
]

function charsetSize(pass: string): number {
  let size = 0
  if (/[a-z]/.test(pass)) size += 26
  if (/[A-Z]/.test(pass)) size += 26
  if (/[0-9]/.test(pass)) size += 10
  if (/[ ]/.test(pass)) size += 1
  if (/[!-/:-@[-`{-~]/.test(pass)) size += 33
  if ([...pass].some((ch) => (ch.codePointAt(0) ?? 0) > 0x7f)) size += 100
  return Math.max(size, 1)
}

/** Characters that an attacker gets almost for free: runs, sequences, common words. */
function predictableSpans(lower: string): { free: number; found: Set<string> } {
  const covered = new Array<boolean>(lower.length).fill(false)
  const found = new Set<string>()
  const mark = (start: number, length: number, keep: number, kind: string) => {
    found.add(kind)
    for (let i = start + keep; i < start + length; i++) covered[i] = true
  }
  // Common passwords (and leetspeak variants of them).
  const unleet = lower.replace(/[@4]/g, 'a').replace(/3/g, 'e').replace(/[1!|]/g, 'i').replace(/0/g, 'o').replace(/[$5]/g, 's')
  for (const word of COMMON) {
    let from = 0
    for (;;) {
      const at = unleet.indexOf(word, from)
      if (at < 0) break
      mark(at, word.length, 1, 'common')
      from = at + 1
    }
  }
  // Repeated characters: "aaaa", "1111".
  for (let i = 0; i < lower.length; ) {
    let j = i + 1
    while (j < lower.length && lower[j] === lower[i]) j++
    if (j - i >= 3) mark(i, j - i, 1, 'repeat')
    i = j
  }
  // Repeated chunks: "abcabc", "xyzxyzxyz".
  for (let size = 2; size <= lower.length / 2; size++) {
    for (let i = 0; i + 2 * size <= lower.length; i++) {
      if (lower.slice(i, i + size) === lower.slice(i + size, i + 2 * size)) mark(i + size, size, 0, 'repeat')
    }
  }
  // Sequences forwards or backwards, 3+ long.
  for (const seq of SEQUENCES) {
    for (const s of [seq, [...seq].reverse().join('')]) {
      for (let i = 0; i < lower.length; i++) {
        let n = 0
        while (i + n < lower.length && s.includes(lower.slice(i, i + n + 1))) n++
        if (n >= 3) {
          mark(i, n, 1, 'sequence')
          i += n - 1
        }
      }
    }
  }
  // Years: 1900–2099.
  for (const m of lower.matchAll(/(19|20)\d\d/g)) mark(m.index ?? 0, 4, 1, 'year')
  return { free: covered.filter(Boolean).length, found }
}

export function passwordStrength(pass: string): PasswordStrength {
  const hints: string[] = []
  if (pass.length === 0) {
    return { score: 0, bits: 0, hints: [`Use at least ${PASSPHRASE_MIN_LENGTH} characters; a few unrelated words work well.`] }
  }
  const lower = pass.toLowerCase()
  const { free, found } = predictableSpans(lower)
  const effective = Math.max(pass.length - free, 1)
  const perChar = Math.log2(charsetSize(pass))
  // Distinct characters cap the estimate: "abababab…" is not 8 random characters.
  const distinct = new Set(pass).size
  const bits = Math.round(Math.min(effective, distinct * 2) * perChar)

  let score: StrengthScore = bits < 28 ? 0 : bits < 40 ? 1 : bits < 55 ? 2 : bits < 72 ? 3 : 4
  if (pass.length < PASSPHRASE_MIN_LENGTH && score > 1) score = 1

  if (pass.length < PASSPHRASE_MIN_LENGTH) hints.push(`Use at least ${PASSPHRASE_MIN_LENGTH} characters.`)
  if (found.has('common')) hints.push('Avoid common passwords and words like "password", even with substitutions.')
  if (found.has('sequence')) hints.push('Avoid sequences such as "abc", "123" or "qwerty".')
  if (found.has('repeat')) hints.push('Avoid repeated characters or repeated chunks.')
  if (found.has('year')) hints.push('Avoid years and dates; they are easy to guess.')
  if (score < 3 && pass.length < 16) hints.push('Make it longer: add another word or two that do not belong together.')
  if (score < 3 && charsetSize(pass) <= 26) hints.push('Mixing in capitals, digits or symbols helps, but length helps most.')
  return { score, bits, hints }
}

/** Whether a passphrase may be used for the vault or an export bundle. */
export function isAcceptablePassphrase(pass: string): boolean {
  return pass.length >= PASSPHRASE_MIN_LENGTH && passwordStrength(pass).score >= PASSPHRASE_MIN_SCORE
}
