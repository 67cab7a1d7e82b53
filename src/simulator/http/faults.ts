import { Rng } from '../random'
import { PROVIDERS, type ProviderName } from './types'

export const FAULT_KINDS = [
  'latency',
  '429',
  '500',
  '502',
  '503',
  'reset',
  'hang',
  'truncated',
  'malformed',
  'html',
  'expire-token'
] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

export interface FaultRule {
  provider: ProviderName
  /** HTTP method, case-insensitive; omitted or '*' = any. */
  method?: string
  /** Exact path, or a glob where `*` matches any run of characters (including `/`). Query ignored. */
  path?: string
  kind: FaultKind
  /** Extra delay for kind 'latency' (default 1000). */
  ms?: number
  /** Retry-After seconds for kind '429' (default 1). */
  retryAfter?: number
  /** Apply to the next N matching requests, then remove the rule. Default: unlimited. */
  times?: number
  /** Chance 0..1 that a matching request is hit; drawn from a PRNG seeded by the simulator seed. */
  probability?: number
}

export interface ActiveFaultRule extends FaultRule {
  id: string
}

/** What the HTTP layer must do to one request. */
export interface FaultDecision {
  delayMs: number
  fault?: ActiveFaultRule
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')
  return new RegExp(`^${escaped}$`, 'i')
}

function isKind(s: string): s is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(s)
}

export function validateFaultRule(rule: FaultRule): FaultRule {
  if (!PROVIDERS.includes(rule.provider)) throw new Error(`unknown provider in fault rule: ${String(rule.provider)}`)
  if (!isKind(rule.kind)) throw new Error(`unknown fault kind: ${String(rule.kind)}`)
  if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) {
    throw new Error(`fault probability must be within 0..1: ${rule.probability}`)
  }
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times > 0)) {
    throw new Error(`fault times must be a positive integer: ${rule.times}`)
  }
  return rule
}

/**
 * Parses the string form, e.g. `cloutility:GET:/v1/bunits/*=429:retryAfter=1:times=2,cloudback=500`.
 *
 *   spec   := rule ("," rule)*
 *   rule   := target "=" kind (":" option)*
 *   target := provider [":" method] [":" path]        (a segment starting with "/" is the path)
 *   option := ("ms" | "retryAfter" | "times" | "probability") "=" number
 */
export function parseFaultSpec(spec: string): FaultRule[] {
  const rules: FaultRule[] = []
  for (const rawRule of spec.split(',')) {
    const text = rawRule.trim()
    if (!text) continue
    const eq = text.indexOf('=')
    if (eq < 0) throw new Error(`fault rule needs "target=kind": ${text}`)
    const target = text.slice(0, eq)
    const [kind, ...options] = text.slice(eq + 1).split(':')
    const targetParts = target.split(':')
    const provider = targetParts.shift() as ProviderName
    const rule: FaultRule = { provider, kind: (kind ?? '') as FaultKind }
    const first = targetParts[0]
    if (first !== undefined && !first.startsWith('/')) {
      targetParts.shift()
      if (first && first !== '*') rule.method = first.toUpperCase()
    }
    if (targetParts.length) rule.path = targetParts.join(':')
    for (const option of options) {
      const [key, value] = option.split('=')
      const n = Number(value)
      if (value === undefined || value === '' || Number.isNaN(n)) throw new Error(`fault option needs a number: ${option}`)
      if (key === 'ms') rule.ms = n
      else if (key === 'retryAfter') rule.retryAfter = n
      else if (key === 'times') rule.times = n
      else if (key === 'probability') rule.probability = n
      else throw new Error(`unknown fault option: ${key}`)
    }
    rules.push(validateFaultRule(rule))
  }
  return rules
}

interface StoredRule {
  rule: ActiveFaultRule
  pathRe?: RegExp
  remaining: number
}

/** The live set of fault rules, shared by the three servers and changeable at run time. */
export class FaultController {
  private readonly rules: StoredRule[] = []
  private nextId = 1
  private readonly rng: Rng

  constructor(seed: number) {
    this.rng = new Rng(seed ^ 0x5eed)
  }

  add(rule: FaultRule): string {
    validateFaultRule(rule)
    const id = `fault-${this.nextId++}`
    const stored: StoredRule = { rule: { ...rule, id }, remaining: rule.times ?? Infinity }
    if (rule.path && rule.path.includes('*')) stored.pathRe = globToRegExp(rule.path)
    this.rules.push(stored)
    return id
  }

  remove(id: string): void {
    const i = this.rules.findIndex((r) => r.rule.id === id)
    if (i >= 0) this.rules.splice(i, 1)
  }

  clear(): void {
    this.rules.length = 0
  }

  list(): ActiveFaultRule[] {
    return this.rules.map((r) => ({ ...r.rule }))
  }

  /**
   * Decides the faults for one request: every matching 'latency' rule adds its delay; the first
   * matching rule of any other kind is the fault. Each hit consumes one of a rule's `times`.
   */
  decide(provider: ProviderName, method: string, path: string): FaultDecision {
    const decision: FaultDecision = { delayMs: 0 }
    for (const stored of [...this.rules]) {
      const { rule } = stored
      if (rule.provider !== provider) continue
      if (rule.method && rule.method !== '*' && rule.method.toUpperCase() !== method.toUpperCase()) continue
      if (rule.path) {
        if (stored.pathRe ? !stored.pathRe.test(path) : rule.path.toLowerCase() !== path.toLowerCase()) continue
      }
      if (rule.kind !== 'latency' && decision.fault) continue
      if (rule.probability !== undefined && this.rng.next() >= rule.probability) continue
      stored.remaining--
      if (stored.remaining <= 0) this.remove(rule.id)
      if (rule.kind === 'latency') decision.delayMs += rule.ms ?? 1000
      else decision.fault = rule
    }
    return decision
  }
}
