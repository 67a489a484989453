/** The seed every fuzz suite starts from: a failure replays exactly. */
export const FUZZ_SEED = 20261205;

/** Rejections and exceptions nobody handled while `run` ran (Node reports them process-wide). */
export async function withUnhandledCapture<T>(
  run: () => Promise<T>,
): Promise<{ result: T; unhandled: string[] }> {
  const unhandled: string[] = [];
  const onRejection = (reason: unknown): void => {
    unhandled.push(`unhandledRejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
  };
  const onException = (error: Error): void => {
    unhandled.push(`uncaughtException: ${error.stack ?? String(error)}`);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  try {
    const result = await run();
    // A rejection is reported after the microtask queue drains: give late ones their turn.
    await new Promise((r) => setTimeout(r, 50));
    return { result, unhandled };
  } finally {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  }
}

/** Up to `max` characters of a value, for failure reports that stay readable. */
export function clip(value: unknown, max = 300): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

interface CategoryTally {
  inputs: number;
  outcomes: Map<string, number>;
  writes: number;
  ms: number;
}

/** Inputs per category, the outcomes each got (status codes, routing decisions) and the ARM writes they led to. */
export class OutcomeTable {
  private readonly categories = new Map<string, CategoryTally>();
  readonly violations: string[] = [];

  /** One input's outcome, the ARM writes it led to, and how long it took (ms). */
  record(category: string, outcome: string, writes: number, ms = 0): void {
    const tally = this.categories.get(category) ?? { inputs: 0, outcomes: new Map(), writes: 0, ms: 0 };
    tally.inputs += 1;
    tally.outcomes.set(outcome, (tally.outcomes.get(outcome) ?? 0) + 1);
    tally.writes += writes;
    tally.ms += ms;
    this.categories.set(category, tally);
  }

  violation(category: string, what: string, input: unknown): void {
    this.violations.push(`${category}: ${what} (input ${clip(input)})`);
  }

  get inputs(): number {
    return [...this.categories.values()].reduce((n, t) => n + t.inputs, 0);
  }

  /** Every outcome seen, with how often. */
  outcomes(): Map<string, number> {
    const all = new Map<string, number>();
    for (const t of this.categories.values())
      for (const [o, n] of t.outcomes) all.set(o, (all.get(o) ?? 0) + n);
    return all;
  }

  render(title: string): string {
    const rows = [...this.categories.entries()].map(([category, t]) => [
      category,
      String(t.inputs),
      [...t.outcomes.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([o, n]) => `${o}×${n}`)
        .join(' '),
      String(t.writes),
      String(Math.round(t.ms)),
    ]);
    const sum = (c: number): string => String(rows.reduce((n, r) => n + Number(r[c]), 0));
    const total = ['total', String(this.inputs), '', sum(3), sum(4)];
    const table = [['category', 'inputs', 'outcomes', 'ARM writes', 'ms'], ...rows, total];
    const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => (r[c] ?? '').length)));
    const line = (r: string[]): string => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ');
    return [title, ...table.map(line), `violations: ${this.violations.length}`].join('\n');
  }
}
