import type { Outcome } from './replayCassette';

/** The suite's summary: per cassette, interactions replayed, matched and excluded, then every exclusion reason. */
export function formatReplayTable(results: Map<string, Outcome[]>): string {
  const rows: string[][] = [['cassette', 'interactions', 'replayed', 'matched', 'excluded']];
  const reasons = new Map<string, number>();
  let replayed = 0;
  let matched = 0;
  let excluded = 0;
  for (const [file, outcomes] of results) {
    const r = outcomes.filter((o) => o.diffs).length;
    const m = outcomes.filter((o) => o.diffs?.length === 0).length;
    const x = outcomes.filter((o) => o.excluded).length;
    replayed += r;
    matched += m;
    excluded += x;
    rows.push([file, String(outcomes.length), String(r), String(m), String(x)]);
    for (const o of outcomes) if (o.excluded) reasons.set(o.excluded, (reasons.get(o.excluded) ?? 0) + 1);
  }
  rows.push([
    `total (${results.size} cassettes)`,
    String(replayed + excluded),
    String(replayed),
    String(matched),
    String(excluded),
  ]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]): string =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const out = ['', 'Replay of real Azure recordings', ...rows.map(line), '', 'excluded, by reason:'];
  for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]))
    out.push(`  ${String(n).padStart(4)}  ${reason}`);
  return `${out.join('\n')}\n\n`;
}
