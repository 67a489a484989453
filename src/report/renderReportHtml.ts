import type { Finding } from '../planner/Plan';
import type { EstateReport, VnetReportRow } from './EstateReport';
import { nameOf } from './EstateReport';
import { escapeHtml } from './escapeHtml';
import { renderReportDiagram } from './renderReportDiagram';
import { STATE_LABELS } from './stateLabels';

// Everything inline, nothing fetched: the page is mailed, attached to tickets and opened offline.
const STYLE = `
:root{color-scheme:light;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328}
body{margin:24px;max-width:1400px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:28px 0 8px}
.verdict{padding:10px 14px;border-radius:6px;border:1px solid;font-weight:600}
.verdict.ok{background:#e6f4ea;border-color:#1a7f37}.verdict.changes{background:#ddf4ff;border-color:#0969da}
.verdict.blocked{background:#fff1e5;border-color:#bc4c00}.verdict.failed{background:#ffebe9;border-color:#cf222e}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:12px 0}
dl.facts dt{color:#59636e}dl.facts dd{margin:0}
.scroll{overflow-x:auto;border:1px solid #d1d9e0;border-radius:6px;padding:4px}
svg.diagram text{font:12px system-ui,sans-serif;fill:#1f2328}
svg.diagram text.name{font-weight:600;font-size:13px}svg.diagram text.added{fill:#1a7f37}
svg.diagram text.state{fill:#59636e;font-style:italic}
svg.diagram rect{stroke-width:2;fill:#f6f8fa;stroke:#818b98}
svg.diagram line{stroke:#818b98;stroke-width:1.5}
.node.dualStack rect,.node.upToDate rect{fill:#e6f4ea;stroke:#1a7f37}
.node.planned rect{fill:#ddf4ff;stroke:#0969da}
.node.failed rect{fill:#ffebe9;stroke:#cf222e}
.node.blocked rect{fill:#fff1e5;stroke:#bc4c00}
.node.running rect,.node.pending rect{fill:#fff8c5;stroke:#9a6700}
.node.excluded rect,.node.skipped rect{fill:#fff;stroke:#818b98;stroke-dasharray:6 4}
line.excluded,line.skipped{stroke-dasharray:6 4}line.failed{stroke:#cf222e}
.legend{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0;padding:0;list-style:none}
.legend li::before{content:"";display:inline-block;width:12px;height:12px;margin-right:6px;border:2px solid;vertical-align:-2px;border-radius:3px}
.legend .dualStack::before,.legend .upToDate::before{background:#e6f4ea;border-color:#1a7f37}
.legend .planned::before{background:#ddf4ff;border-color:#0969da}.legend .failed::before{background:#ffebe9;border-color:#cf222e}
.legend .blocked::before{background:#fff1e5;border-color:#bc4c00}.legend .running::before,.legend .pending::before{background:#fff8c5;border-color:#9a6700}
.legend .excluded::before,.legend .skipped::before{border-style:dashed;border-color:#818b98}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d1d9e0;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.num{text-align:right}code{font:12px ui-monospace,monospace}
tr.failed td,tr.blocked td{background:#fff5f5}
details{margin:4px 0}summary{cursor:pointer;font-weight:600}
@media print{.scroll{overflow:visible}details{display:block}}
`;

function list(prefixes: readonly string[]): string {
  return prefixes.length === 0 ? '—' : prefixes.map((p) => `<code>${escapeHtml(p)}</code>`).join('<br>');
}

function tableRow(v: VnetReportRow): string {
  return [
    `<tr class="${v.state}" data-vnet="${escapeHtml(v.name)}" data-state="${v.state}">`,
    `<td title="${escapeHtml(v.vnetId)}">${escapeHtml(v.name)}</td>`,
    `<td>${v.role}</td>`,
    `<td>${STATE_LABELS[v.state]}</td>`,
    `<td>${list(v.before)}</td>`,
    `<td>${list(v.after)}</td>`,
    `<td>${v.ipv6Changed ? `<code>${escapeHtml(v.ipv6Changed)}</code>` : '—'}</td>`,
    `<td class="num">${v.steps}</td>`,
    `<td>${escapeHtml(v.note ?? '')}</td>`,
    '</tr>',
  ].join('');
}

/** Findings grouped by code: a large estate repeats one code per subnet or rule. */
function findings(title: string, id: string, items: readonly Finding[]): string {
  if (items.length === 0) return `<h2 id="${id}">${title}</h2><p>None.</p>`;
  const byCode = new Map<string, Finding[]>();
  for (const f of items) byCode.set(f.code, [...(byCode.get(f.code) ?? []), f]);
  const groups = [...byCode].map(
    ([code, group]) =>
      `<details${group.length <= 10 ? ' open' : ''}><summary>${escapeHtml(code)} (${group.length})</summary><ul>${group
        .map(
          (f) =>
            `<li><code title="${escapeHtml(f.resourceId)}">${escapeHtml(nameOf(f.resourceId))}</code>: ${escapeHtml(f.message)}${f.fix ? ` <em>Fix:</em> ${escapeHtml(f.fix)}` : ''}</li>`,
        )
        .join('')}</ul></details>`,
  );
  return `<h2 id="${id}">${title} (${items.length})</h2>${groups.join('\n')}`;
}

/**
 * One self-contained HTML page for a plan or a run: verdict and facts, the hub-and-spoke diagram
 * (inline SVG), the per-VNet table, then blockers, warnings and manual actions. No script, no
 * external resource (the CSP forbids both), every estate-provided string escaped.
 */
export function renderReportHtml(report: EstateReport): string {
  const states = [...new Set(report.vnets.map((v) => v.state))];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(report.title)}</h1>
<p class="verdict ${report.verdict.tone}">${escapeHtml(report.verdict.text)}</p>
<dl class="facts">${report.facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
<h2 id="diagram">Hub and spokes</h2>
<ul class="legend">${states.map((s) => `<li class="${s}">${STATE_LABELS[s]}</li>`).join('')}</ul>
<div class="scroll">
${renderReportDiagram(report)}
</div>
<h2 id="vnets">Virtual networks (${report.vnets.length})</h2>
<div class="scroll"><table class="vnets">
<thead><tr><th>VNet</th><th>Role</th><th>State</th><th>Address space before</th><th>Address space after</th><th>IPv6 added</th><th>Steps</th><th>Note</th></tr></thead>
<tbody>
${report.vnets.map(tableRow).join('\n')}
</tbody>
</table></div>
${report.blockers.length > 0 ? findings('Blockers', 'blockers', report.blockers) : ''}
${findings('Warnings', 'warnings', report.warnings)}
${findings('Manual actions', 'manual-actions', report.manualActions)}
</body>
</html>
`;
}
