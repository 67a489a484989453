import https from 'node:https';
import { gzipSync } from 'node:zlib';
import type { EmulatorHandle } from '../../emulator/EmulatorOptions';
import { emulatorCredential } from '../../emulator/emulatorCredential';
import { registerHandlerModule } from '../../emulator/http/router';
import { armRequest, networkId, startTestEmulator } from './emulatorTestKit';

describe('extension points of the router', () => {
  let handle: EmulatorHandle;
  beforeAll(async () => {
    registerHandlerModule({
      routes: [
        {
          method: 'POST',
          path: '/custom/{thing}/echo',
          resourceType: 'Custom.Provider/things',
          operation: 'action',
          apiVersions: ['2023-01-01'],
          writeLog: false,
          handle: (ctx) => ({ status: 200, body: { thing: ctx.params.thing, got: ctx.req.body } }),
        },
      ],
    });
    handle = await startTestEmulator();
  });
  afterAll(() => handle.stop());

  it('serves a registered module behind the shared pipeline, kept out of the write log when asked', async () => {
    handle.clearWriteLog();
    const res = await armRequest(handle, 'POST', '/custom/abc/echo?api-version=2023-01-01', {
      body: { a: 1 },
    });
    expect(res.body).toEqual({ thing: 'abc', got: { a: 1 } });
    expect(
      (await armRequest(handle, 'POST', '/custom/abc/echo?api-version=2023-01-01', { token: null })).status,
    ).toBe(401);
    expect(handle.writeLog()).toEqual([]);
  });

  it('reads gzip-encoded request bodies', async () => {
    const token = (await emulatorCredential().getToken('x'))?.token ?? '';
    const payload = gzipSync(Buffer.from(JSON.stringify({ location: 'westeurope' })));
    const status = await new Promise<number>((resolve, reject) => {
      const req = https.request(
        `${handle.endpoint}${networkId('routeTables', 'gz')}?api-version=2025-05-01`,
        {
          method: 'PUT',
          ca: handle.ca,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-encoding': 'gzip',
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
    expect(status).toBe(201);
  });
});
