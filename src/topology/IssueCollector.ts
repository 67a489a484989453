import type { TopologyIssue } from './TopologyError';

/** Where a resource sits in the input: its id once known to be valid, else its position. */
export interface ResourceLocation {
  resourceId?: string;
  index?: number;
}

/** Gathers issues, dropping exact repeats (two field rules can reach the same bad container). */
export class IssueCollector {
  readonly issues: TopologyIssue[] = [];
  private readonly seen = new Set<string>();

  add(at: ResourceLocation, field: string, message: string): void {
    const issue: TopologyIssue = { ...at, field, message };
    const key = JSON.stringify(issue);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.issues.push(issue);
  }

  get size(): number {
    return this.issues.length;
  }
}
