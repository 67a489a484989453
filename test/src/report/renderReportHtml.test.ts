import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import type { MigrationResult } from '../../../src/orchestrations/migrateEstate';
import { planDualStack } from '../../../src/planner/planDualStack';
import type { EstateReport } from '../../../src/report/EstateReport';
import { planReport } from '../../../src/report/planReport';
import { renderReportHtml } from '../../../src/report/renderReportHtml';
import { runReport } from '../../../src/report/runReport';
import type { Chromium } from '../../helpers/chromium';
import { ARTIFACTS_DIR, saveScreenshot, startChromium } from '../../helpers/chromium';
import { applyPlanToSnapshot } from '../planner/fixtures/applyPlanToSnapshot';
import { smallConfig, smallEstate } from '../planner/fixtures/smallTopology';

/** Writes the page next to its screenshot and opens it from disk, as a user opens a saved report. */
async function open(page: Page, name: string, html: string): Promise<string[]> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = join(ARTIFACTS_DIR, `${name}.html`);
  await writeFile(file, html);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href);
  await saveScreenshot(page, name);
  return requests;
}

async function nodes(page: Page): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const n of await page.locator('svg.diagram g.node').all())
    out[(await n.getAttribute('data-vnet')) ?? ''] = await n.getAttribute('data-state');
  return out;
}

async function rows(page: Page): Promise<string[][]> {
  return page
    .locator('table.vnets tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
}

function estate() {
  const resources = smallEstate({ spokes: 3 });
  const spoke3 = resources.find((r) => r.name === 'spoke3');
  if (spoke3) spoke3.tags = { 'dualstack:skip': 'owned by team X' };
  return resources;
}

describe('the report page in headless Chromium', () => {
  let browser: Chromium;
  beforeAll(async () => {
    browser = await startChromium();
  });
  afterAll(() => browser?.close());
  const withPage = async (use: (page: Page) => Promise<void>): Promise<void> => {
    const page = await browser.newPage();
    try {
      await use(page);
    } finally {
      await page.close();
    }
  };

  it('shows a plan: hub and spokes in the diagram, one table row per VNet, warnings; nothing fetched', async () => {
    const resources = estate();
    const plan = planDualStack(resources, smallConfig());
    const html = renderReportHtml(planReport(plan, resources));
    await withPage(async (page) => {
      const requests = await open(page, 'plan-report', html);
      expect(requests).toHaveLength(1); // the page itself: no CDN, no script, no image
      expect(await nodes(page)).toEqual({
        hub: 'planned',
        spoke1: 'planned',
        spoke2: 'planned',
        spoke3: 'excluded',
      });
      const hubNode = page.locator('g.node[data-vnet="hub"]');
      await expect(hubNode.locator('text.added').textContent()).resolves.toBe('+ fd00:1::/56');
      expect(await page.locator('line.peering').count()).toBe(3);
      const table = await rows(page);
      expect(table.map((r) => r.slice(0, 3))).toEqual([
        ['hub', 'hub', 'changes planned'],
        ['spoke1', 'spoke', 'changes planned'],
        ['spoke2', 'spoke', 'changes planned'],
        ['spoke3', 'spoke', 'excluded'],
      ]);
      const spoke1 = plan.vnets.find((v) => v.vnetId.endsWith('/spoke1'));
      expect(table[1]?.[3]).toBe('10.1.0.0/16');
      expect(table[1]?.[4]).toBe(`10.1.0.0/16\n${spoke1?.ipv6Prefix ?? '?'}`);
      expect(table[3]?.[3]).toBe('10.3.0.0/16');
      await expect(page.locator('#warnings').textContent()).resolves.toBe(
        `Warnings (${plan.warnings.length})`,
      );
      await expect(page.locator('body').innerText()).resolves.toContain('VnetExcluded');
    });
  });

  it('shows a run: the failed spoke, the dual-stack ones, and escapes every estate-provided string', async () => {
    const resources = estate();
    const plan = planDualStack(resources, smallConfig());
    const after = planDualStack(applyPlanToSnapshot(resources, plan), smallConfig(), plan.reservations);
    const vnetState = (id: string) => (id.endsWith('/spoke2') ? 'failed' : 'succeeded');
    const result: MigrationResult = {
      runId: 'migration-1-20261205',
      outcome: 'partiallyFailed',
      plan: {
        steps: plan.steps.length,
        vnets: 3,
        blockers: [],
        warnings: 1,
        manualActions: 0,
        ipv6Pool: plan.ipv6Pool,
      },
      vnets: plan.vnets.map((v) => ({
        vnetId: v.vnetId,
        role: v.role,
        state: vnetState(v.vnetId),
        stepsTotal: v.stepIds.length,
        ...(v.ipv6Prefix ? { ipv6Prefix: v.ipv6Prefix } : {}),
        ...(vnetState(v.vnetId) === 'failed'
          ? {
              failedStep: {
                stepId: 'virtualNetwork:x',
                errorCode: 'InUseSubnetCannotBeUpdated',
                message: '<b>busy</b>',
              },
            }
          : {}),
      })),
      sharedOutcomes: [],
      stepsSucceeded: 10,
      stepsFailed: 1,
      changes: 10,
      lostReportRows: 0,
    };
    const report: EstateReport = runReport({ result, after, findings: plan });
    const hostile = '<img src=x onerror="document.title=\'pwned\'">';
    report.vnets[1] = { ...report.vnets[1]!, name: `spoke1${hostile}` };
    await withPage(async (page) => {
      await open(page, 'run-report', renderReportHtml(report));
      expect(await nodes(page)).toEqual({
        hub: 'dualStack',
        [`spoke1${hostile}`]: 'dualStack',
        spoke2: 'failed',
        spoke3: 'excluded',
      });
      expect(await page.locator('img, script, b').count()).toBe(0);
      await expect(page.title()).resolves.toBe('Dual-stack migration report: migration-1-20261205');
      const table = await rows(page);
      expect(table.map((r) => [r[0], r[2]])).toEqual([
        ['hub', 'dual-stack'],
        [`spoke1${hostile}`, 'dual-stack'],
        ['spoke2', 'failed'],
        ['spoke3', 'excluded'],
      ]);
      expect(table[2]?.[7]).toBe('InUseSubnetCannotBeUpdated: <b>busy</b> (step virtualNetwork:x)');
      await expect(page.locator('.verdict.failed').textContent()).resolves.toMatch(
        /^Migration partiallyFailed/,
      );
    });
  });
});
