import type { CliSpec } from './parseFlags';

/** --help: what the command does, each option with an example, and the exit statuses. */
export function helpText(spec: CliSpec): string {
  const label = (o: CliSpec['options'][number]): string => (o.value ? `${o.flag} ${o.value}` : o.flag);
  const width = Math.max(...spec.options.map((o) => label(o).length));
  const lines = [`usage: ${spec.usage}`, '', spec.summary, '', 'options:'];
  for (const o of spec.options) {
    lines.push(`  ${label(o).padEnd(width)}  ${o.help}`, `  ${''.padEnd(width)}  e.g. ${o.example}`);
  }
  lines.push('', 'exit status:');
  for (const [code, meaning] of spec.exitCodes) lines.push(`  ${String(code).padStart(3)}  ${meaning}`);
  return `${lines.join('\n')}\n`;
}
