import type { EstateReport, VnetReportRow } from './EstateReport';
import { escapeHtml } from './escapeHtml';
import { STATE_LABELS } from './stateLabels';

const NODE_W = 230;
const NODE_H = 88;
const GAP_X = 24;
const GAP_Y = 36;
const MARGIN = 16;
const MAX_COLUMNS = 6;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function prefixes(list: readonly string[]): string {
  if (list.length === 0) return 'address space not read';
  return list.length > 2 ? `${list.slice(0, 2).join(', ')} +${list.length - 2}` : list.join(', ');
}

function afterLine(v: VnetReportRow): string {
  if (v.ipv6Changed) return `+ ${v.ipv6Changed}`;
  const ipv6 = v.after.find((p) => p.includes(':'));
  return ipv6 ? `IPv6 ${ipv6}` : 'IPv4 only';
}

function node(v: VnetReportRow, x: number, y: number): string {
  const t = (dy: number, cls: string, text: string, max: number): string =>
    `<text x="${x + 10}" y="${y + dy}" class="${cls}">${escapeHtml(clip(text, max))}</text>`;
  const tooltip = `${v.vnetId}\nbefore: ${v.before.join(', ') || '(unknown)'}\nafter: ${v.after.join(', ') || '(unknown)'}${v.note ? `\n${v.note}` : ''}`;
  return [
    `<g class="node ${v.state}" data-vnet="${escapeHtml(v.name)}" data-role="${v.role}" data-state="${v.state}">`,
    `<title>${escapeHtml(tooltip)}</title>`,
    `<rect x="${x}" y="${y}" width="${NODE_W}" height="${NODE_H}" rx="8"/>`,
    t(20, 'name', `${v.role === 'hub' ? 'hub · ' : ''}${v.name}`, 27),
    t(40, 'addr', prefixes(v.before), 34),
    t(58, v.ipv6Changed ? 'addr added' : 'addr', afterLine(v), 34),
    t(78, 'state', STATE_LABELS[v.state], 34),
    '</g>',
  ].join('');
}

/**
 * The hub and its spokes as an inline SVG: one node per VNet (name, address space before, the IPv6
 * added or held after, state), the hub on top and the spokes in rows under it, each peered to it.
 */
export function renderReportDiagram(report: EstateReport): string {
  const hub = report.vnets.find((v) => v.role === 'hub');
  const spokes = report.vnets.filter((v) => v !== hub);
  const columns = Math.max(1, Math.min(MAX_COLUMNS, spokes.length));
  const rows = Math.ceil(spokes.length / columns);
  const width = MARGIN * 2 + columns * NODE_W + (columns - 1) * GAP_X;
  const height = MARGIN * 2 + NODE_H + (rows > 0 ? GAP_Y * 1.5 + rows * NODE_H + (rows - 1) * GAP_Y : 0);
  const hubX = (width - NODE_W) / 2;
  const hubBottom = MARGIN + NODE_H;
  const placed = spokes.map((v, i) => ({
    v,
    x: MARGIN + (i % columns) * (NODE_W + GAP_X),
    y: hubBottom + GAP_Y * 1.5 + Math.floor(i / columns) * (NODE_H + GAP_Y),
  }));
  const edges = hub
    ? placed.map(
        (p) =>
          `<line class="peering ${p.v.state}" x1="${hubX + NODE_W / 2}" y1="${hubBottom}" x2="${p.x + NODE_W / 2}" y2="${p.y}"/>`,
      )
    : [];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="diagram" role="img" aria-label="hub and spokes" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`,
    ...edges,
    ...(hub ? [node(hub, hubX, MARGIN)] : []),
    ...placed.map((p) => node(p.v, p.x, p.y)),
    '</svg>',
  ].join('\n');
}
