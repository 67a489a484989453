import type { ArmResource } from '../src/arm/ArmResource';
import { parseResourceId } from '../src/arm/resourceId';
import type { Plan } from '../src/planner/Plan';
import { latencyFor } from '../emulator/core/defaultLatencyMs';
import { generateEstate } from '../estates/generateEstate';
import type { LocalApp } from '../cli/localStack';
import { localMonitor, startLocalApp } from '../cli/localStack';
import type { EmulatorProcessHandle } from '../emulator/startEmulatorProcess';
import { startEmulatorProcess } from '../emulator/startEmulatorProcess';
import { DUAL_STACK_CHANGES_SCHEMA } from '../src/monitor/dualStackChangesSchema';
import { migrateEstateRef } from '../src/orchestrations/migrateEstate';
import { rollbackEstateRef, type RollbackEstateInput } from '../src/orchestrations/rollbackEstate';
import type { MigrationResult } from '../src/orchestrations/migrateEstate';
import type { HistorySize } from './HistoryMeter';
import { HistoryMeter } from './HistoryMeter';
import { runJsonChild } from './runJsonChild';

const WRITE_BUCKET = 200;

/** Hub diagnostic settings (Microsoft.Insights, ensured once per migration) aren't plan steps: counted apart. */
function isDiagnostics(resourceId: string): boolean {
  return /\/providers\/microsoft\.insights\//i.test(resourceId);
}
const WRITES_PER_SECOND = 10;
/** Microsoft.Network's own limit per subscription: 1,000 writes per 5 minutes (rules §10). */
const NETWORK_WRITE_BUCKET = 1000;
const NETWORK_WRITES_PER_SECOND = 1000 / 300;

function stepLatencyMs(plan: Plan, timeScale: number): Map<string, number> {
  return new Map(
    plan.steps.map((s) => [s.id, latencyFor(parseResourceId(s.resourceId)?.type ?? '') * timeScale]),
  );
}

/** Each step's earliest finish when only dependencies count (no limits on parallel writes). */
function earliestFinishMs(plan: Plan, latency: Map<string, number>): Map<string, number> {
  const finish = new Map<string, number>();
  for (const step of plan.steps) {
    const ready = Math.max(0, ...step.dependsOn.map((d) => finish.get(d) ?? 0));
    finish.set(step.id, ready + (latency.get(step.id) ?? 0));
  }
  return finish;
}

/** Longest path through the plan's dependency graph, each step weighted by its resource type's latency. */
export function criticalPathMs(plan: Plan, timeScale: number): number {
  return Math.max(0, ...earliestFinishMs(plan, stepLatencyMs(plan, timeScale)).values());
}

/**
 * What the busiest VNet's writes need end to end, whatever the schedule: Azure runs
 * one write at a time on a VNet itself or its peerings (AnotherOperationInProgress),
 * so they are a single machine with release times (each write's earliest start by
 * dependencies alone: the hub's syncs wait for the hub's VNet and then a spoke's).
 * For any release time r, every such write that can't start before r runs after it,
 * one at a time. (Its own NICs and load balancers, refused while it updates, still
 * add nothing certain: one may start in the instant between two syncs and overlap
 * the next.)
 */
export function vnetSerialBoundMs(plan: Plan, timeScale: number): number {
  const latency = stepLatencyMs(plan, timeScale);
  const finish = earliestFinishMs(plan, latency);
  const perVnet = new Map<string, { release: number; ms: number }[]>();
  for (const step of plan.steps) {
    const id = parseResourceId(step.resourceId);
    if (!id || !/^microsoft\.network\/virtualnetworks/i.test(id.type)) continue;
    const key = `${id.subscriptionId}/${id.resourceGroup}/${id.names[0] ?? ''}`.toLowerCase();
    const ms = latency.get(step.id) ?? 0;
    const writes = perVnet.get(key) ?? [];
    writes.push({ release: (finish.get(step.id) ?? ms) - ms, ms });
    perVnet.set(key, writes);
  }
  let bound = 0;
  for (const writes of perVnet.values())
    for (const { release } of writes)
      bound = Math.max(
        bound,
        release + writes.filter((w) => w.release >= release).reduce((sum, w) => sum + w.ms, 0),
      );
  return bound;
}

/**
 * What a window of `maxParallelSpokes` allows at best: a spoke is in flight from its first
 * write to its last, for at least its own steps' longest dependency chain, and no spoke
 * starts before the hub's address space is in (release: the earliest any spoke step can start).
 * At most `window` in flight at once, so the chains, laid end to end, need sum / window.
 */
export function windowBoundMs(plan: Plan, timeScale: number, window: number): number {
  const latency = stepLatencyMs(plan, timeScale);
  const finish = earliestFinishMs(plan, latency);
  const hub = plan.hubVnetId.toLowerCase();
  const chains = new Map<string, Map<string, number>>();
  let release = Number.POSITIVE_INFINITY;
  for (const step of plan.steps) {
    const vnet = step.vnetId?.toLowerCase();
    // The hub's own steps and the hub-side syncs (the hub lane's) aren't a spoke's.
    if (!vnet || vnet === hub || step.resourceId.toLowerCase().startsWith(`${hub}/`)) continue;
    const own = chains.get(vnet) ?? new Map<string, number>();
    chains.set(vnet, own);
    const ms = latency.get(step.id) ?? 0;
    own.set(step.id, ms + Math.max(0, ...step.dependsOn.map((d) => own.get(d) ?? 0)));
    release = Math.min(release, (finish.get(step.id) ?? ms) - ms);
  }
  if (chains.size === 0) return 0;
  const sum = [...chains.values()].reduce((total, own) => total + Math.max(0, ...own.values()), 0);
  return release + sum / Math.max(1, Math.min(window, chains.size));
}

/**
 * The time the write buckets need to admit every write (scaled): ARM's per principal
 * (200, refilled at 10/s) and Microsoft.Network's per subscription (1,000 per 5 minutes).
 */
export function throttleBoundMs(writes: number, timeScale: number): number {
  const arm = Math.max(0, writes - WRITE_BUCKET) / WRITES_PER_SECOND;
  const network = Math.max(0, writes - NETWORK_WRITE_BUCKET) / NETWORK_WRITES_PER_SECOND;
  return Math.max(arm, network) * 1000 * timeScale;
}

export interface MigrationBenchResult {
  spokes: number;
  steps: number;
  /** ARM writes to network resources */
  writes: number;
  /** write requests ARM refused (throttled or busy) */
  refusedWrites: number;
  /** diagnostic settings written on the hub's resources */
  diagnosticWrites: number;
  makespanMs: number;
  /** when the hub's first peering sync started, from the first write */
  hubLaneStartMs: number;
  /** mean idle time between two of the hub's peering syncs: what the lane loses per sync */
  hubLaneGapMs: number;
  lowerBoundMs: number;
  criticalPathMs: number;
  throttleBoundMs: number;
  vnetSerialBoundMs: number;
  /** what the window of spokes allows at best: see windowBoundMs */
  windowBoundMs: number;
  sequentialMs: number;
  /** against max(critical path, write throttle, the busiest VNet's serial writes, the spoke window) */
  makespanToLowerBound: number;
  /** against max(critical path, write throttle) alone, which no run can reach: the hub takes one write at a time */
  makespanToCriticalOrThrottle: number;
  sequentialToMakespan: number;
  writesPerSpokeToMinimum: number;
  outcome: string;
  /** hub-side peering syncs: how many, end to end, and each one's mean ARM time and the lane's mean gap */
  hubSyncs: { count: number; spanMs: number; meanSyncMs: number; shareOfMakespan: number };
  /** the largest history of each orchestrator function, largest first */
  histories: HistorySize[];
  /** the same, by events: a small history of many large events can be the largest by bytes */
  mostEvents: HistorySize[];
  /** 429s ARM's limits gave (Retry-After in Azure's own time, unscaled) */
  throttled: { refused: number; retryAfterSeconds: number };
  /** the app's process (durable host and the app's functions): the emulator and Azurite run apart */
  peakRssMb: number;
  /** rows the run sent to Logs Ingestion (one per step, the summary, hub diagnostics) */
  rowsReported: number;
  /** the estate rolled back afterwards (the scale bench) */
  rollback?: RollbackBenchResult;
  wallMs: number;
}

export interface RollbackBenchResult {
  outcome: string;
  steps: number;
  writes: number;
  makespanMs: number;
  /** ARM's write throttle alone (a rollback writes once per step, as a migration does) */
  throttleBoundMs: number;
  makespanToThrottleBound: number;
  /** rows sent to Logs Ingestion: one per step, one per /56 given back, the summary */
  rowsReported: number;
  /** the process's peak by the rollback's end: migration and rollback */
  peakRssMb: number;
  wallMs: number;
}

/** What the bench needs of the plan once the run starts: its size and the lower bounds. */
export interface PlanFigures {
  steps: number;
  hubVnetId: string;
  critical: number;
  throttle: number;
  serial: number;
  windowed: number;
  sequential: number;
}

export function planFigures(plan: Plan, timeScale: number, window: number): PlanFigures {
  return {
    steps: plan.steps.length,
    hubVnetId: plan.hubVnetId,
    critical: criticalPathMs(plan, timeScale),
    throttle: throttleBoundMs(plan.steps.length, timeScale),
    serial: vnetSerialBoundMs(plan, timeScale),
    windowed: windowBoundMs(plan, timeScale, window),
    sequential: [...stepLatencyMs(plan, timeScale).values()].reduce((a, b) => a + b, 0),
  };
}

/** The bench's generated estate: the same one in every process, for a given size. */
export function benchEstate(spokes: number): ArmResource[] {
  return generateEstate({ spokes, subnetsPerSpoke: 3, nicsPerSubnet: 3, seed: 42 });
}

/** A /48 holds 256 /56s: the scale bench's 1,000 spokes need a wider pool. */
export const BENCH_IPV6_POOL = 'fd00:be00::/40';

/**
 * The emulator (in a process of its own) over a generated estate, and the app's side. The
 * estate's resources are the emulator's: this process lets them go once both have started.
 */
async function startBench(
  spokes: number,
  timeScale: number,
  histories: HistoryMeter,
): Promise<{ emulator: EmulatorProcessHandle; stack: LocalApp }> {
  const topology = benchEstate(spokes);
  // Azure doesn't share the app's CPU: the emulator runs in a process of its own.
  const emulator = await startEmulatorProcess({ topology, timeScale });
  try {
    const stack = await startLocalApp({
      topology,
      arm: emulator,
      // Azure Storage isn't in the Functions worker either: Azurite runs in a process of its own.
      storageInOwnProcess: true,
      // Nor are Azure Monitor's rows: the ingestion endpoint checks and counts them (rows reported, below).
      monitor: localMonitor('count'),
      // Durable timers (retry backoff) run on the same scale as the emulator's latencies.
      host: { timeScale: 1 / timeScale, store: histories },
      // Polls every 500 ms of Azure time on the hub lane (the critical path), every 2 s elsewhere.
      updateIntervalInMs: Math.max(5, 500 * timeScale),
      backgroundUpdateIntervalInMs: Math.max(5, 2000 * timeScale),
    });
    return { emulator, stack };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}

/**
 * A generated 50-spoke estate migrated through the real orchestrators with
 * Azure's per-type latencies scaled down. Makespan is measured on the emulator's
 * clock from the first write to the last write's completion. The bench plans the
 * estate once itself for the lower bounds, and keeps only those figures: the run
 * stores and loads its own plan, and the process's peak RSS is the app's.
 */
/**
 * The whole estate rolled back after the migration, as `POST .../rollback` would (no approval,
 * the spoke window as the write budget): its outcome, steps, writes and makespan on the
 * emulator's clock (writes after the migration's last), and the process's peak RSS by then.
 */
async function rollbackFigures(
  stack: LocalApp,
  emulator: EmulatorProcessHandle,
  config: unknown,
  maxParallelWrites: number,
  timeScale: number,
  migrationEnd: number,
): Promise<RollbackBenchResult> {
  const wallStart = performance.now();
  const rowsBefore = stack.monitor.rowCount(DUAL_STACK_CHANGES_SCHEMA.streamName);
  const input: RollbackEstateInput = {
    runId: 'bench-rollback',
    config,
    dryRun: false,
    approval: { required: false, timeoutMinutes: 1 },
    rollout: { maxParallelWrites },
  };
  await stack.host.startNew(rollbackEstateRef.name, { instanceId: input.runId, input });
  const done = await stack.host.waitForCompletion(input.runId, { timeoutInMilliseconds: 1_800_000 });
  const result = done.output as MigrationResult;
  const log = (await emulator.writeLog()).filter(
    (w) => w.startedAt > migrationEnd && w.status < 300 && !isDiagnostics(w.resourceId),
  );
  const start = Math.min(...log.map((w) => w.startedAt));
  const end = Math.max(...log.map((w) => w.finishedAt ?? w.startedAt));
  const throttle = throttleBoundMs(result.plan.steps, timeScale);
  const rowsReported = stack.monitor.rowCount(DUAL_STACK_CHANGES_SCHEMA.streamName) - rowsBefore;
  return {
    outcome: result.outcome,
    steps: result.plan.steps,
    writes: log.length,
    makespanMs: Math.round(end - start),
    throttleBoundMs: Math.round(throttle),
    makespanToThrottleBound: Number(((end - start) / Math.max(1, throttle)).toFixed(2)),
    rowsReported,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    wallMs: Math.round(performance.now() - wallStart),
  };
}

export async function migrationBench(
  spokes = 50,
  timeScale = 0.005,
  maxParallelSpokes = spokes,
  options: { rollback?: boolean } = {},
): Promise<MigrationBenchResult> {
  const wallStart = performance.now();
  const histories = new HistoryMeter();
  // The bench's own plan (for the lower bounds) is made in a process of its own: a second plan
  // of the estate in this one would be counted in the app's peak RSS, and the app never makes one.
  const plan = await runJsonChild<PlanFigures>(
    'planFiguresChild.ts',
    [spokes, timeScale, maxParallelSpokes],
    {
      what: `planning the ${spokes}-spoke bench estate`,
    },
  );
  const { emulator, stack } = await startBench(spokes, timeScale, histories);
  try {
    const config = { ...stack.baseConfig, ipv6Pool: BENCH_IPV6_POOL };
    await stack.host.startNew(migrateEstateRef.name, {
      instanceId: 'bench',
      input: {
        runId: 'bench',
        runKind: 'migration',
        config,
        dryRun: false,
        approval: { required: false, timeoutMinutes: 1 },
        rollout: { maxParallelSpokes, canarySpokes: 0, abortAfterFailures: spokes },
      },
    });
    const status = await stack.host.waitForCompletion('bench', { timeoutInMilliseconds: 1_800_000 });
    const result = status.output as MigrationResult;
    // The figures are the run's only if both planned the same steps (the child read the estate as generated).
    if (result.plan.steps !== plan.steps)
      throw new Error(`the run planned ${result.plan.steps} steps, the bench's figures ${plan.steps}`);
    // Hub diagnostic settings (Microsoft.Insights, ensured once per run) aren't plan steps: counted apart.
    const all = await emulator.writeLog();
    const network = all.filter((w) => !isDiagnostics(w.resourceId));
    const diagnosticWrites = all.length - network.length;
    // A write ARM refused (429 throttled, 409 busy) changed nothing but still cost a request: counted apart.
    const log = network.filter((w) => w.status < 300);
    const refusedWrites = network.length - log.length;
    const start = Math.min(...log.map((w) => w.startedAt));
    const end = Math.max(...log.map((w) => w.finishedAt ?? w.startedAt));
    const { critical, throttle, serial, windowed, sequential } = plan;
    const lowerBound = Math.max(critical, throttle, serial, windowed);
    const makespan = end - start;
    const hubPeerings = `${plan.hubVnetId.toLowerCase()}/virtualnetworkpeerings/`;
    const lane = log
      .filter((w) => w.resourceId.toLowerCase().startsWith(hubPeerings))
      .sort((a, b) => a.startedAt - b.startedAt);
    const gaps = lane.slice(1).map((w, i) => w.startedAt - (lane[i]?.finishedAt ?? w.startedAt));
    const laneEnd = Math.max(...lane.map((w) => w.finishedAt ?? w.startedAt));
    const laneSpan = lane.length > 0 ? laneEnd - (lane[0]?.startedAt ?? 0) : 0;
    const syncMs = lane.reduce((sum, w) => sum + ((w.finishedAt ?? w.startedAt) - w.startedAt), 0);
    const throttled = await emulator.throttleStats();
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const rowsReported = stack.monitor.rowCount(DUAL_STACK_CHANGES_SCHEMA.streamName);
    const rolledBack = options.rollback
      ? await rollbackFigures(stack, emulator, config, maxParallelSpokes, timeScale, end)
      : undefined;
    return {
      spokes,
      steps: plan.steps,
      writes: log.length,
      refusedWrites,
      diagnosticWrites,
      makespanMs: Math.round(makespan),
      hubLaneStartMs: Math.round((lane[0]?.startedAt ?? start) - start),
      hubLaneGapMs: Math.round(gaps.reduce((a, b) => a + b, 0) / Math.max(1, gaps.length)),
      lowerBoundMs: Math.round(lowerBound),
      criticalPathMs: Math.round(critical),
      throttleBoundMs: Math.round(throttle),
      vnetSerialBoundMs: Math.round(serial),
      windowBoundMs: Math.round(windowed),
      sequentialMs: Math.round(sequential),
      makespanToLowerBound: Number((makespan / lowerBound).toFixed(2)),
      makespanToCriticalOrThrottle: Number((makespan / Math.max(critical, throttle)).toFixed(2)),
      sequentialToMakespan: Number((sequential / makespan).toFixed(2)),
      writesPerSpokeToMinimum: Number((log.length / plan.steps).toFixed(3)),
      outcome: result.outcome,
      hubSyncs: {
        count: lane.length,
        spanMs: Math.round(laneSpan),
        meanSyncMs: Math.round(syncMs / Math.max(1, lane.length)),
        shareOfMakespan: Number((laneSpan / makespan).toFixed(2)),
      },
      histories: histories.largestByName(),
      mostEvents: histories.largestByName('events'),
      throttled: { refused: throttled.refused, retryAfterSeconds: throttled.retryAfterMs / 1000 },
      peakRssMb,
      rowsReported,
      ...(rolledBack ? { rollback: rolledBack } : {}),
      wallMs: Math.round(performance.now() - wallStart),
    };
  } finally {
    await stack.stop();
    await emulator.stop();
  }
}
