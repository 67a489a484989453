import type { FaultRule, OperationKind } from '../EmulatorOptions';
import { mulberry32 } from '../../estates/mulberry32';

export type FaultKind = FaultRule['fault'];

/** Seeded fault injection: each matching rule draws once per request, in order; the first hit wins. */
export class Faults {
  private readonly random: () => number;

  constructor(
    private rules: FaultRule[],
    seed: number,
  ) {
    this.random = mulberry32(seed);
  }

  set(rules: FaultRule[]): void {
    this.rules = [...rules];
  }

  list(): FaultRule[] {
    return [...this.rules];
  }

  /** `resourceType` is the full type of the request; a rule for a parent type also covers its children. */
  draw(operation: OperationKind, resourceType: string): FaultKind | undefined {
    const type = resourceType.toLowerCase();
    for (const rule of this.rules) {
      if (rule.operation !== operation) continue;
      const ruleType = rule.resourceType?.toLowerCase();
      if (ruleType !== undefined && type !== ruleType && !type.startsWith(`${ruleType}/`)) continue;
      if (this.random() < rule.probability) return rule.fault;
    }
    return undefined;
  }
}
