import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';
import { REFERENCE_SUBSCRIPTION_ID } from '../../estates/referenceLayout';
import { reconcileInstanceId } from '../../src/orchestrations/instanceIds';
import { specEvent } from '../src/functions/eventGrid/eventGridKit';

const REPO = path.join(__dirname, '..', '..');
type Json = Record<string, any>;

interface Served {
  child: ChildProcess;
  output: () => string;
  api: string;
  key: string;
  eventGrid: string;
  durableInstances: string;
  ports: number[];
}

/** `npm run serve` in its own process group (so SIGINT reaches it as Ctrl-C does), once its banner is out. */
function startServe(): Promise<Served> {
  const child = spawn('npm', ['run', '--silent', 'serve', '--', '--port', '0'], {
    cwd: REPO,
    detached: true,
    // The drift scan fires every 20 s here instead of daily, so the test sees the timer trigger run.
    env: { ...process.env, DUALSTACK_DRIFT_SCHEDULE: '*/20 * * * * *' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const exported = /export DUALSTACK_API_URL=(\S+) KEY=(\S+)/.exec(text);
      if (!exported) return;
      clearInterval(timer);
      const url = (label: string): string => new RegExp(`${label}\\S*`).exec(text)?.[0] ?? '';
      resolve({
        child,
        output: () => text,
        api: exported[1] ?? '',
        key: exported[2] ?? '',
        eventGrid: url('http://\\S+/runtime/webhooks/EventGrid'),
        durableInstances: url('http://\\S+/runtime/webhooks/durabletask/instances'),
        ports: [...text.matchAll(/https?:\/\/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1])),
      });
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`serve exited with ${String(code)}:\n${text}`));
    });
  });
}

/** Whether any process of the group is still running. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('npm run serve, driven over real HTTP as the README does with curl', () => {
  let served: Served;
  const withKey = (init: RequestInit = {}): RequestInit => ({
    ...init,
    headers: { 'x-functions-key': served.key, ...(init.headers as Record<string, string>) },
  });
  const post = (url: string, body: unknown = {}): Promise<Response> =>
    fetch(url, withKey({ method: 'POST', body: JSON.stringify(body) }));
  const json = async (url: string): Promise<Json> => (await (await fetch(url, withKey())).json()) as Json;
  async function pollUntil(url: string, done: (status: Json) => boolean): Promise<Json> {
    for (let i = 0; i < 600; i++) {
      const status = await json(url);
      if (done(status)) return status;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${url} never got there`);
  }

  beforeAll(async () => {
    served = await startServe();
  }, 60_000);
  afterAll(() => {
    // Only when a test failed before the SIGINT test: never leave the process group behind.
    if (served?.child.pid && groupAlive(served.child.pid)) process.kill(-served.child.pid, 'SIGKILL');
  });

  it('answers 401 without the function key and accepts it as ?code= too', async () => {
    expect((await fetch(`${served.api}/plans`, { method: 'POST', body: '{}' })).status).toBe(401);
    const wrong = await fetch(`${served.api}/plans`, {
      method: 'POST',
      body: '{}',
      headers: { 'x-functions-key': `${served.key}x` },
    });
    expect(wrong.status).toBe(401);
    const byQuery = await fetch(`${served.api}/plans?code=${served.key}`, {
      method: 'POST',
      body: '{}',
      headers: { accept: 'text/markdown' },
    });
    expect(byQuery.status).toBe(200);
    expect(await byQuery.text()).toMatch(/^# Dual-stack plan/);
    expect((await fetch(`${served.api}/plans`, withKey())).status).toBe(404);
  });

  it('plans, starts, waits for approval, migrates, then rolls back the same way', async () => {
    const plan = (await (await post(`${served.api}/plans`)).json()) as Json;
    expect(plan.steps.length).toBeGreaterThan(0);
    expect(plan.blockers).toEqual([]);

    const started = await post(`${served.api}/migrations`);
    expect(started.status).toBe(202);
    const run = (await started.json()) as Json;
    expect(started.headers.get('location')).toBe(run.statusQueryGetUri);
    expect((await post(`${served.api}/migrations`)).status).toBe(409);
    const waiting = await pollUntil(run.statusQueryGetUri, (s) => s.phase === 'awaitingApproval');
    expect(waiting.plan.steps).toBe(plan.steps.length);
    expect((await post(run.approvePostUri, { comment: 'reviewed' })).status).toBe(202);
    const migrated = await pollUntil(run.statusQueryGetUri, (s) => s.runtimeStatus !== 'Running');
    expect(migrated.output.outcome).toBe('succeeded');
    expect(migrated.vnets.map((v: Json) => v.state)).toEqual(Array(5).fill('succeeded'));
    expect(((await (await post(`${served.api}/plans`)).json()) as Json).steps).toEqual([]);

    const rollback = await post(`${served.api}/migrations/${run.id}/rollback`);
    expect(rollback.status).toBe(202);
    const back = (await rollback.json()) as Json;
    await pollUntil(back.statusQueryGetUri, (s) => s.phase === 'awaitingApproval');
    expect((await post(back.approvePostUri)).status).toBe(202);
    const rolledBack = await pollUntil(back.statusQueryGetUri, (s) => s.runtimeStatus !== 'Running');
    expect(rolledBack.output.outcome).toBe('succeeded');

    // The Durable Task webhooks answer on the same origin, behind their system key.
    const instance = `${served.durableInstances.replace('/instances?', `/instances/${run.id}?`)}`;
    expect(((await (await fetch(instance)).json()) as Json).runtimeStatus).toBe('Completed');
    expect((await fetch(instance.replace(/&code=.*/, ''))).status).toBe(401);
  });

  it('does the Event Grid handshake and runs the trigger for a resource event', async () => {
    const validation = await fetch(served.eventGrid, {
      method: 'POST',
      headers: { 'aeg-event-type': 'SubscriptionValidation', 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          id: 'v1',
          topic: `/subscriptions/${REFERENCE_SUBSCRIPTION_ID}`,
          subject: '',
          eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
          eventTime: new Date().toISOString(),
          data: { validationCode: 'code-123', validationUrl: 'https://example.invalid/validate' },
          dataVersion: '2',
          metadataVersion: '1',
        },
      ]),
    });
    expect(validation.status).toBe(200);
    expect(await validation.json()).toEqual({ validationResponse: 'code-123' });
    expect((await fetch(served.eventGrid.replace(/&code=.*/, ''), { method: 'POST' })).status).toBe(401);
    expect((await fetch(served.eventGrid.replace('resourceEvents', 'nope'), { method: 'POST' })).status).toBe(
      404,
    );

    // A landing-zone pipeline (not our identity) writes a spoke: its reconcile starts.
    const vnetId = `/subscriptions/${REFERENCE_SUBSCRIPTION_ID}/resourceGroups/rg-spoke-prod-1/providers/Microsoft.Network/virtualNetworks/vnet-spoke-prod-1`;
    const delivered = await fetch(served.eventGrid, {
      method: 'POST',
      headers: { 'aeg-event-type': 'Notification', 'content-type': 'application/json' },
      body: JSON.stringify([specEvent(vnetId)]),
    });
    expect(delivered.status).toBe(202);
    const instances = (await (await fetch(served.durableInstances)).json()) as Json[];
    expect(instances.find((i) => i.instanceId === reconcileInstanceId(vnetId))?.name).toBe('reconcileSpoke');
  });

  it('runs the timer trigger on its schedule', async () => {
    const scans = async (): Promise<Json[]> =>
      ((await (await fetch(served.durableInstances)).json()) as Json[]).filter((i) => i.name === 'scanDrift');
    for (let i = 0; i < 250 && (await scans()).length === 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect((await scans()).length).toBeGreaterThan(0);
    expect(served.output()).toMatch(/timer driftScan fired/);
  });

  it('stops everything on SIGINT: no process of its group is left and every port it opened is closed', async () => {
    expect(served.ports.length).toBeGreaterThanOrEqual(4);
    const group = served.child.pid ?? 0;
    const exited = new Promise<void>((resolve) => served.child.once('exit', () => resolve()));
    process.kill(-group, 'SIGINT');
    await exited;
    // npm ends as soon as it is interrupted; serve (its grandchild) stops everything, then exits.
    for (let i = 0; i < 100 && groupAlive(group); i++) await new Promise((r) => setTimeout(r, 100));
    expect(groupAlive(group)).toBe(false);
    expect(served.output()).toMatch(/SIGINT: stopping/);
    expect(served.output()).not.toMatch(/^stopping: /m);
    for (const port of served.ports) expect(await refused(port)).toBe(true);
  });
});
