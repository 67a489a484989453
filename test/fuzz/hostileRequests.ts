import fc from 'fast-check';

/** One HTTP request as a client sends it: the path after /api/ exactly as on the wire. */
export interface HttpCase {
  category: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** What the generators aim at: the estate's real ids, so hostile input also meets real resources and runs. */
export interface RequestTargets {
  subscriptionId: string;
  hubVnetId: string;
  spokeVnetIds: string[];
  /** run ids that exist (a finished migration, the singleton migration and rollback ids) */
  runIds: string[];
}

type BodyRoute = 'plans' | 'migrations' | 'approve' | 'reject' | 'rollback';
const BODY_ROUTES: BodyRoute[] = ['plans', 'migrations', 'approve', 'reject', 'rollback'];

function bodyPath(route: BodyRoute, runId: string): string {
  return route === 'plans' || route === 'migrations' ? route : `migrations/${runId}/${route}`;
}

/** Every field each body takes, with its JSON type: what a wrong type is wrong against. */
const FIELDS: Record<
  BodyRoute,
  [path: string, type: 'array' | 'boolean' | 'integer' | 'string' | 'object'][]
> = {
  plans: [
    ['spokes', 'array'],
    ['rollback', 'object'],
    ['rollback.vnetIds', 'array'],
  ],
  migrations: [
    ['spokes', 'array'],
    ['dryRun', 'boolean'],
    ['approval', 'object'],
    ['approval.required', 'boolean'],
    ['approval.timeoutMinutes', 'integer'],
    ['rollout', 'object'],
    ['rollout.maxParallelSpokes', 'integer'],
    ['rollout.canarySpokes', 'integer'],
    ['rollout.canaryVnetIds', 'array'],
    ['rollout.abortAfterFailures', 'integer'],
    ['rollout.maxParallelWrites', 'integer'],
  ],
  approve: [['comment', 'string']],
  reject: [['comment', 'string']],
  rollback: [
    ['vnetIds', 'array'],
    ['dryRun', 'boolean'],
    ['approval', 'object'],
    ['approval.timeoutMinutes', 'integer'],
    ['rollout', 'object'],
    ['rollout.maxParallelWrites', 'integer'],
  ],
};

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** `{ a: { b: value } }` for 'a.b', as JSON text (so '__proto__' and friends stay plain keys). */
function nestedJson(path: string, valueJson: string): string {
  return path
    .split('.')
    .reverse()
    .reduce((inner, key) => `{${JSON.stringify(key)}:${inner}}`, valueJson);
}

const post = (
  category: string,
  path: string,
  body: string | undefined,
  headers: Record<string, string> = {},
): HttpCase => ({
  category,
  method: 'POST',
  path,
  headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
  ...(body === undefined ? {} : { body }),
});

/** Strings that break parsers, routers and logs: path tricks, encodings, controls, direction marks, emoji, length. */
function trickyText(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      '..',
      '../plans',
      '..%2F..%2Fplans',
      '%2e%2e',
      '%2E%2E%2F',
      'a%2Fb',
      'a/b',
      '.',
      '%00',
      '%',
      '%zz',
      '%0d%0aSet-Cookie:%20x',
      '\u202emigration',
      'ｍｉｇｒａｔｉｏｎ-１',
      '😀',
      'migration-\u0000',
      ' ',
      '?',
      '#frag',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
    fc.integer({ min: 101, max: 60_000 }).map((n) => 'x'.repeat(n)),
  );
}

/** ARM ids that are wrong in every way a caller gets them wrong: malformed, other types, out of scope, tricks. */
function badArmId(t: RequestTargets): fc.Arbitrary<string> {
  const sub = t.subscriptionId;
  const vnet = (rg: string, name: string, s = sub): string =>
    `/subscriptions/${s}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/${name}`;
  return fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.constantFrom(
      '',
      '/',
      t.hubVnetId,
      `${t.hubVnetId}/`,
      `${t.hubVnetId}/subnets/GatewaySubnet`,
      t.hubVnetId.toLowerCase().replace('/providers/microsoft.network/', '/providers/Microsoft.Network/'),
      t.hubVnetId.replace('/resourceGroups/', '/resourcegroups/'),
      `/subscriptions/${sub}/resourceGroups/rg-hub/providers/Microsoft.Network/networkInterfaces/nic-1`,
      `/subscriptions/${sub}/resourceGroups/rg-hub/providers/Microsoft.Compute/virtualMachines/vm-1`,
      vnet('rg-x', 'vnet-x', '99999999-0000-4000-8000-000000000000'),
      vnet('rg-x', 'vnet-x', 'not-a-guid'),
      vnet('rg-spoke-prod-1', 'vnet-nope'),
      vnet('..', '..'),
      vnet('rg-hub', '..%2F..%2FvirtualNetworks%2Fvnet-hub'),
      vnet('rg-hub', 'vnet-hub?api-version=2017-01-01'),
      vnet('rg-hub', 'vnet-hub#x'),
      vnet('rg-hub', 'vnet-😀'),
      vnet('rg-hub', 'vnet-\u0000'),
      vnet('rg-hub', 'x'.repeat(2000)),
      `//subscriptions/${sub}//resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub`,
    ),
    fc.constantFrom(...t.spokeVnetIds).map((id) => id.toUpperCase()),
    fc.tuple(fc.constantFrom(...t.spokeVnetIds), trickyText()).map(([id, tail]) => `${id}/${tail}`),
  );
}

const wrongValue = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 20 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.constantFrom(0, -1, 1.5, 1e9, 10081, 51, 5001),
);

/** Each category of hostile request, as its own generator. */
export function hostileRequests(t: RequestTargets): Record<string, fc.Arbitrary<HttpCase>> {
  const runId = fc.constantFrom(...t.runIds);
  const bodyRoute = fc.constantFrom(...BODY_ROUTES);
  const routed = <T>(arb: fc.Arbitrary<T>) => fc.tuple(bodyRoute, runId, arb);

  const wrongTypes = fc
    .tuple(bodyRoute, runId, fc.nat(), wrongValue)
    .map(([route, id, pick, value]) => {
      const fields = FIELDS[route];
      const [path, type] = fields[pick % fields.length]!;
      return { route, id, path, type, value };
    })
    .filter(
      ({ type, value }) => jsonType(value) !== type && !(type === 'integer' && jsonType(value) === 'integer'),
    )
    .map(({ route, id, path, value }) =>
      post('wrong types', bodyPath(route, id), nestedJson(path, JSON.stringify(value))),
    );

  /** The fields that take VNet ids. */
  const idFields = fc.constantFrom<[BodyRoute, string]>(
    ['plans', 'spokes'],
    ['plans', 'rollback.vnetIds'],
    ['migrations', 'spokes'],
    ['migrations', 'rollout.canaryVnetIds'],
    ['rollback', 'vnetIds'],
  );
  const hugeArrays = fc.oneof(
    // Over the documented limits.
    fc
      .tuple(
        idFields,
        runId,
        fc.integer({ min: 5001, max: 40_000 }),
        fc.oneof(fc.constantFrom(...t.spokeVnetIds), fc.constant(42), fc.constant('')),
      )
      .map(([[route, path], id, n, item]) =>
        post(
          'huge arrays',
          bodyPath(route, id),
          nestedJson(path, JSON.stringify(new Array<unknown>(n).fill(item))),
        ),
      ),
    // Inside the limit, every id well formed, in scope and missing: the handler must not turn it into thousands of reads.
    fc
      .tuple(fc.constantFrom<BodyRoute>('plans', 'migrations'), fc.integer({ min: 1000, max: 5000 }))
      .map(([route, n]) => {
        const ids = Array.from(
          { length: n },
          (_, i) =>
            `/subscriptions/${t.subscriptionId}/resourceGroups/rg-fuzz/providers/Microsoft.Network/virtualNetworks/vnet-${i}`,
        );
        return post('huge arrays', route, JSON.stringify({ spokes: ids }));
      }),
    // A comment over its 1,000 characters.
    fc
      .tuple(runId, fc.integer({ min: 1001, max: 200_000 }))
      .map(([id, n]) =>
        post('huge arrays', bodyPath('approve', id), JSON.stringify({ comment: 'c'.repeat(n) })),
      ),
  );

  const deepNesting = routed(
    fc.tuple(
      fc.constantFrom('array', 'known field', 'unknown field', 'object chain'),
      fc.integer({ min: 50, max: 100_000 }),
    ),
  ).map(([route, id, [where, depth]]) => {
    const arrays = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const body =
      where === 'array'
        ? arrays
        : where === 'known field'
          ? `{"${FIELDS[route][0]![0].split('.')[0]}":${arrays}}`
          : where === 'unknown field'
            ? `{"x":${objects}}`
            : `{"approval":${'{"required":'.repeat(depth)}true${'}'.repeat(depth)}}`;
    return post('deep nesting', bodyPath(route, id), body);
  });

  const unknownFields = routed(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(
          '__proto__',
          'constructor',
          'prototype',
          'a.b',
          '[0]',
          '',
          ' ',
          'spokes ',
          'Spokes',
          'dryrun',
          '\u0000',
          '😀',
          'x'.repeat(5000),
        ),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
      ),
      fc.constantFrom('', 'approval.', 'rollout.'),
      fc.jsonValue({ maxDepth: 2 }),
    ),
  )
    .filter(([route, , [key, under]]) => !FIELDS[route].some(([p]) => p === `${under}${key}`))
    .map(([route, id, [key, under, value]]) =>
      post(
        'unknown fields',
        bodyPath(route, id),
        under === '' || !FIELDS[route].some(([p]) => p === under.slice(0, -1))
          ? `{${JSON.stringify(key)}:${JSON.stringify(value)}}`
          : nestedJson(under.slice(0, -1), `{${JSON.stringify(key)}:${JSON.stringify(value)}}`),
      ),
    );

  const badArmIds = fc
    .tuple(idFields, runId, fc.array(badArmId(t), { minLength: 1, maxLength: 3 }))
    .map(([[route, path], id, ids]) =>
      post('bad ARM ids', bodyPath(route, id), nestedJson(path, JSON.stringify(ids))),
    );

  const idRoutes: [method: string, suffix: string][] = [
    ['GET', ''],
    ['DELETE', ''],
    ['POST', '/approve'],
    ['POST', '/reject'],
    ['POST', '/rollback'],
  ];
  const pathTricks = fc
    .tuple(
      fc.constantFrom(...idRoutes),
      fc.oneof(
        trickyText(),
        runId.map((id) => id.toUpperCase()),
        runId.map((id) => `${id}%00`),
      ),
      fc.boolean(),
    )
    .map(([[method, suffix], id, encode]) => ({
      category: 'path tricks in {id}',
      method,
      path: `migrations/${encode ? encodeURIComponent(id) : id}${suffix}`,
      headers: {},
    }));

  const invalidJson = routed(
    fc.oneof(
      fc.constantFrom(
        '{',
        '{"dryRun": true,}',
        "{'dryRun': true}",
        '{"dryRun": NaN}',
        '{"spokes": [}',
        '{} {}',
        '{"a":1}//',
        '/* c */ {}',
        '\ufeff{}x',
        'null',
        '[]',
        '"text"',
        '0',
        'true',
        '{"dryRun": tru}',
        '{"comment": "\\ud800"',
        '{"a": 1e999999}',
      ),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).filter((s) => {
        try {
          JSON.parse(s);
          return false;
        } catch {
          return s.trim() !== '';
        }
      }),
      fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat()).map(([v, cut]) => {
        // A valid body cut short anywhere.
        const s = JSON.stringify({ spokes: [v] });
        return s.slice(0, 1 + (cut % (s.length - 1)));
      }),
    ),
  ).map(([route, id, body]) => post('invalid JSON', bodyPath(route, id), body));

  const wrongContentTypes = routed(
    fc.constantFrom<[string, string]>(
      ['text/plain', 'dry run please'],
      ['application/xml', '<MigrationRequest><dryRun>true</dryRun></MigrationRequest>'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="dryRun"\r\n\r\ntrue\r\n--x--',
      ],
      ['application/x-www-form-urlencoded', 'dryRun=true&spokes=vnet-1'],
      ['application/json; charset=utf-16', '\u00ff\u00fe{\u0000}\u0000'],
      ['image/png', '\u0089PNG\r\n\u001a\n'],
      ['text/plain', '{"dryRun": "yes"}'],
      ['application/yaml', 'dryRun: true\n'],
    ),
  ).map(([route, id, [type, body]]) => ({
    category: 'wrong content types',
    method: 'POST',
    path: bodyPath(route, id),
    headers: { 'content-type': type },
    body,
  }));

  const emptyBodies = routed(
    fc.tuple(
      fc.constantFrom('', ' ', '\n\t', '\u0000', '\u0000\u0000'),
      fc.constantFrom('application/json', 'text/plain', ''),
    ),
  ).map(([route, id, [body, type]]): HttpCase => ({
    category: 'empty bodies',
    method: 'POST',
    path: bodyPath(route, id),
    headers: type ? { 'content-type': type } : {},
    body,
  }));

  const wrongMethods = fc
    .tuple(
      fc.constantFrom<[string, string[]]>(
        ['plans', ['GET', 'PUT', 'DELETE', 'PATCH']],
        ['migrations', ['GET', 'PUT', 'DELETE', 'PATCH']],
        ['migrations/{id}', ['POST', 'PUT', 'PATCH']],
        ['migrations/{id}/approve', ['GET', 'PUT', 'DELETE']],
        ['migrations/{id}/reject', ['GET', 'PUT', 'DELETE']],
        ['migrations/{id}/rollback', ['GET', 'PUT', 'DELETE', 'PATCH']],
      ),
      fc.nat(),
      fc.constantFrom('HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'FOO'),
      fc.boolean(),
      runId,
    )
    .map(([[route, methods], pick, odd, useOdd, id]) => ({
      category: 'wrong methods',
      method: useOdd ? odd : methods[pick % methods.length]!,
      path: route.replace('{id}', id),
      headers: { 'content-type': 'application/json' },
      body: '{}',
    }));

  const principal = fc.oneof(
    // Header values travel as bytes: the host hands any text over as Latin-1.
    fc
      .string({ unit: 'binary', maxLength: 40 })
      .map((s) => ({ 'x-ms-client-principal': Buffer.from(s, 'utf8').toString('latin1') })),
    fc.jsonValue({ maxDepth: 3 }).map((v) => ({
      'x-ms-client-principal': Buffer.from(JSON.stringify(v)).toString('base64'),
    })),
    fc
      .dictionary(fc.constantFrom('auth_typ', 'name_typ', 'claims'), fc.jsonValue({ maxDepth: 2 }))
      .map((v) => ({ 'x-ms-client-principal': Buffer.from(JSON.stringify(v)).toString('base64') })),
    fc.integer({ min: 257, max: 20_000 }).map((n) => ({ 'x-ms-client-principal-name': 'n'.repeat(n) })),
    fc.integer({ min: 257, max: 20_000 }).map((n) => ({ 'x-ms-client-principal-id': 'i'.repeat(n) })),
  );
  const principalHeaders = fc
    .tuple(fc.constantFrom<BodyRoute>('approve', 'reject'), runId, principal)
    .map(([route, id, headers]) => post('principal headers', bodyPath(route, id), '{}', headers));

  return {
    'wrong types': wrongTypes,
    'huge arrays': hugeArrays,
    'deep nesting': deepNesting,
    'unknown fields': unknownFields,
    'bad ARM ids': badArmIds,
    'path tricks in {id}': pathTricks,
    'invalid JSON': invalidJson,
    'wrong content types': wrongContentTypes,
    'empty bodies': emptyBodies,
    'wrong methods': wrongMethods,
    'principal headers': principalHeaders,
  };
}
