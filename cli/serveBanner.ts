import type { FunctionsHost } from '../devhost/startFunctionsHost';
import type { LocalStack } from './localStack';

/**
 * What `npm run serve` prints once everything listens: each function as `func start` lists it, the keys, the
 * local services, and a line to paste into another shell followed by a first request.
 */
export function serveBanner(app: FunctionsHost, stack: LocalStack, estate: string): string {
  const width = Math.max(...app.httpRoutes.map((r) => r.name.length)) + 1;
  const lines = [
    `Dualstack on a local Functions host; estate: ${estate}`,
    '',
    'Functions:',
    ...app.httpRoutes.map((r) => `  ${`${r.name}:`.padEnd(width)} [${r.methods.join(',')}] ${r.url}`),
    ...app.eventGridWebhooks.map((w) => `  ${w.name}: eventGridTrigger ${w.url}`),
    ...app.timers.map(
      (t) => `  ${t.name}: timerTrigger '${t.schedule.expression}' (UTC; next ${t.next.toISOString()})`,
    ),
    '',
    `Function key (x-functions-key header or ?code=): ${app.keys.functionKey}`,
    `Durable Task instances: ${app.durableInstancesUrl}`,
    `ARM emulator: ${stack.emulator.endpoint}   Azurite tables: ${stack.azurite.endpoint}   Logs ingestion: ${stack.ingestion.endpoint}`,
    '',
    'In another shell:',
    `  export DUALSTACK_API_URL=${app.origin}/api KEY=${app.keys.functionKey}`,
    `  curl -sS -X POST "$DUALSTACK_API_URL/plans" -H "x-functions-key: $KEY" -H "Accept: text/markdown" -d '{}'`,
    '',
    'Ctrl-C stops the app, the emulator and Azurite.',
  ];
  return `${lines.join('\n')}\n`;
}
