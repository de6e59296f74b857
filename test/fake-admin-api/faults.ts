// Fault injection rules. Matching counts and probability draws are deterministic (seeded RNG),
// so a failing test reproduces.
import { Rng } from './rng';
import type { FaultController, FaultKind, FaultRule } from './types';

const KINDS: readonly FaultKind[] = ['latency', 'status', 'reset', 'timeout', 'malformed', 'truncated', 'slow-body'];

interface Active {
  rule: FaultRule;
  regex: RegExp;
  seen: number;
  fired: number;
}

export interface FaultDecision {
  /** Extra delay from 'latency' rules, applied before handling. */
  latencyMs: number;
  /** At most one non-latency fault: the first matching rule that fires. */
  fault: FaultRule | null;
}

/** Throws a readable Error for a rule that cannot work (bad regex, unknown kind...). */
export function checkRule(rule: FaultRule): FaultRule {
  if (!rule || typeof rule !== 'object') throw new Error('fault rule must be an object');
  if (typeof rule.path !== 'string') throw new Error("fault rule needs 'path' (a regex source string)");
  new RegExp(rule.path);
  if (!KINDS.includes(rule.kind)) throw new Error(`fault rule 'kind' must be one of ${KINDS.join(', ')}`);
  if (rule.kind === 'status' && !(Number.isInteger(rule.status) && rule.status! >= 100 && rule.status! <= 599)) throw new Error("a 'status' fault needs an HTTP 'status'");
  if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) throw new Error("'probability' must be within 0..1");
  return rule;
}

export class Faults implements FaultController {
  private active: Active[] = [];

  constructor(private readonly rng: Rng) {}

  get rules(): readonly FaultRule[] {
    return this.active.map((a) => a.rule);
  }

  add(rule: FaultRule | FaultRule[]): void {
    for (const r of Array.isArray(rule) ? rule : [rule]) {
      checkRule(r);
      this.active.push({ rule: { ...r }, regex: new RegExp(r.path), seen: 0, fired: 0 });
    }
  }

  clear(): void {
    this.active = [];
  }

  decide(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0, fault: null };
    for (const a of this.active) {
      const { rule } = a;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (!a.regex.test(path)) continue;
      a.seen++;
      if (a.seen <= (rule.skip ?? 0)) continue;
      if (a.fired >= (rule.times ?? Infinity)) continue;
      if (rule.kind !== 'latency' && decision.fault) continue;
      if (rule.probability !== undefined && rule.probability < 1 && this.rng.next() >= rule.probability) continue;
      a.fired++;
      if (rule.kind === 'latency') decision.latencyMs += rule.latencyMs ?? 0;
      else decision.fault = rule;
    }
    return decision;
  }
}
