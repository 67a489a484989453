import { createRequire } from 'node:module';
import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';

/** Azurite's published, well-known development account (not a secret). */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteTables {
  /** http://127.0.0.1:<port>/devstoreaccount1 */
  readonly endpoint: string;
  readonly connectionString: string;
  /** A client for `tableName`; plain HTTP is allowed because this is Azurite on loopback. */
  tableClient(tableName: string, options?: TableServiceClientOptions): TableClient;
  stop(): Promise<void>;
}

interface AzuriteTableServer {
  start(): Promise<void>;
  close(): Promise<void>;
  clean(): Promise<void>;
  getHttpServerAddress(): string;
}
type TableConfigurationCtor = new (
  host: string,
  port: number,
  keepAliveTimeout?: number,
  metadataDBPath?: string,
  enableDebugLog?: boolean,
  enableAccessLog?: boolean,
  accessLogWriteStream?: unknown,
  debugLogFilePath?: string,
  loose?: boolean,
  skipApiVersionCheck?: boolean,
  cert?: string,
  key?: string,
  pwd?: string,
  oauth?: string,
  disableProductStyleUrl?: boolean,
  isMemoryPersistence?: boolean,
) => unknown;
type TableServerCtor = new (config: unknown) => AzuriteTableServer;

/**
 * Starts Azurite's Table service in this process, in memory, on a free loopback port (port 0:
 * the OS picks, so parallel jest workers never collide). Azurite ships no type declarations,
 * hence the narrow local types.
 */
export async function startAzurite(): Promise<AzuriteTables> {
  const load = createRequire(__filename);
  const Configuration = (
    load('azurite/dist/src/table/TableConfiguration') as { default: TableConfigurationCtor }
  ).default;
  const Server = (load('azurite/dist/src/table/TableServer') as { default: TableServerCtor }).default;
  const config = new Configuration(
    '127.0.0.1',
    0,
    undefined,
    'azurite-table-memory.json',
    false,
    false,
    undefined,
    undefined,
    true,
    true,
    '',
    '',
    '',
    undefined,
    false,
    true,
  );
  const server = new Server(config);
  await server.start();
  return azuriteTables(`${server.getHttpServerAddress()}/${ACCOUNT}`, async () => {
    await server.close();
    await server.clean();
  });
}

/** Clients for the Azurite account at `endpoint` (this process's or another's), and how to stop it. */
export function azuriteTables(endpoint: string, stop: () => Promise<void>): AzuriteTables {
  const connectionString =
    `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};` +
    `TableEndpoint=${endpoint};`;
  return {
    endpoint,
    connectionString,
    tableClient: (tableName, options) =>
      TableClient.fromConnectionString(connectionString, tableName, {
        ...options,
        allowInsecureConnection: true,
      }),
    stop,
  };
}
