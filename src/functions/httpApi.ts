import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import type { ApiDeps } from './http/ApiDeps';
import { apiDepsFor } from './http/apiDepsFor';
import { createPlan } from './http/createPlan';
import { getMigration } from './http/getMigration';
import { getMigrationReport } from './http/getMigrationReport';
import { approveMigration, rejectMigration, terminateMigration } from './http/runControl';
import { rollbackMigration } from './http/rollbackMigration';
import { startMigration } from './http/startMigration';
import { runtimeConfig, runtimeServices } from './azureRuntime';

type Handler = (request: HttpRequest, deps: ApiDeps) => Promise<HttpResponseInit>;

function withDeps(handler: Handler) {
  return (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> =>
    handler(request, apiDepsFor(df.getClient(context), runtimeServices(), runtimeConfig()));
}

const routes: [name: string, method: 'GET' | 'POST' | 'DELETE', route: string, handler: Handler][] = [
  ['createPlan', 'POST', 'plans', createPlan],
  ['startMigration', 'POST', 'migrations', startMigration],
  ['getMigration', 'GET', 'migrations/{id}', getMigration],
  ['getMigrationReport', 'GET', 'migrations/{id}/report', getMigrationReport],
  ['terminateMigration', 'DELETE', 'migrations/{id}', terminateMigration],
  ['approveMigration', 'POST', 'migrations/{id}/approve', approveMigration],
  ['rejectMigration', 'POST', 'migrations/{id}/reject', rejectMigration],
  ['rollbackMigration', 'POST', 'migrations/{id}/rollback', rollbackMigration],
];

for (const [name, method, route, handler] of routes) {
  app.http(name, {
    methods: [method],
    route,
    authLevel: 'function',
    extraInputs: [df.input.durableClient()],
    handler: withDeps(handler),
  });
}
