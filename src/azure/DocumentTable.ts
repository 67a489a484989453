import type { TokenCredential } from '@azure/core-auth';
import { odata, TableClient, type TransactionAction } from '@azure/data-tables';
import { classifyError } from './classifyError';

/**
 * A string property holds at most 64 KiB (32K UTF-16 characters); 30,000 leaves room, and a
 * row holds one chunk so a row stays far below the 1 MiB entity limit.
 */
const CHUNK_CHARS = 30_000;
/** A transaction takes at most 100 entities and 4 MiB; JSON escaping can double a chunk on the wire. */
const ROWS_PER_TRANSACTION = 40;

interface ChunkEntity extends Record<string, unknown> {
  partitionKey: string;
  rowKey: string;
  /** part of the document's JSON */
  data: string;
  /** on the first row: how many rows the document has (rows past it are stale leftovers) */
  chunks?: number;
}

/** Keys may not hold '/', '\\', '#', '?' or control characters; '!' separates a name from its chunk number. */
function safeKey(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[/\\#?!\u0000-\u001f\u007f]/g, '_');
}

function rowKey(name: string, chunk: number): string {
  return `${safeKey(name)}!${String(chunk).padStart(5, '0')}`;
}

/**
 * JSON documents of any size in Azure Table Storage: each is split into rows of one partition,
 * written in entity-group transactions, read back with one range query. What a run keeps
 * outside its orchestration history (its approved plan, its VNets' outcomes) lives here.
 */
export class DocumentTable {
  constructor(private readonly table: TableClient) {}

  static fromEndpoint(endpoint: string, credential: TokenCredential, tableName: string): DocumentTable {
    return new DocumentTable(new TableClient(endpoint, tableName, credential));
  }

  /** Creates the table if it doesn't exist (an existing table is fine). */
  async ensureTable(): Promise<void> {
    try {
      await this.table.createTable();
    } catch (e) {
      throw classifyError(e);
    }
  }

  /**
   * Writes (or overwrites) documents of one partition; idempotent, so an activity may run it twice.
   * Documents are serialised one at a time and sent a transaction at a time, so a large plan is
   * never held as JSON all at once beside its objects.
   */
  async put(partition: string, documents: Iterable<{ name: string; value: unknown }>): Promise<void> {
    const partitionKey = safeKey(partition);
    let rows: ChunkEntity[] = [];
    const flush = async (): Promise<void> => {
      const actions = rows.map((row): TransactionAction => ['upsert', row, 'Replace']);
      rows = [];
      await this.table.submitTransaction(actions);
    };
    try {
      for (const { name, value } of documents) {
        const json = JSON.stringify(value);
        const count = Math.max(1, Math.ceil(json.length / CHUNK_CHARS));
        for (let i = 0; i < count; i++) {
          rows.push({
            partitionKey,
            rowKey: rowKey(name, i),
            data: json.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS),
            ...(i === 0 ? { chunks: count } : {}),
          });
          if (rows.length === ROWS_PER_TRANSACTION) await flush();
        }
      }
      if (rows.length > 0) await flush();
    } catch (e) {
      throw classifyError(e);
    }
  }

  /** The document, or undefined when there is none. */
  async get<T>(partition: string, name: string): Promise<T | undefined> {
    // '"' follows '!': the range holds exactly this name's chunks.
    const found = await this.#read(partition, `${safeKey(name)}!`, `${safeKey(name)}"`);
    return found[0] as T | undefined;
  }

  /** Every document of the partition whose name starts with `prefix`, in name order. */
  async list<T>(partition: string, prefix: string): Promise<T[]> {
    return (await this.#read(partition, safeKey(prefix), `${safeKey(prefix)}\u007f`)) as T[];
  }

  async #read(partition: string, from: string, to: string): Promise<unknown[]> {
    const documents: unknown[] = [];
    let parts: string[] = [];
    let expected = 0;
    try {
      const rows = this.table.listEntities<ChunkEntity>({
        queryOptions: {
          filter: odata`PartitionKey eq ${safeKey(partition)} and RowKey ge ${from} and RowKey lt ${to}`,
        },
      });
      // Rows come back in RowKey order: each document's chunks in turn, its first row carrying the count.
      for await (const row of rows) {
        if (row.chunks !== undefined) {
          parts = [];
          expected = row.chunks;
        }
        if (parts.length >= expected) continue;
        parts.push(row.data);
        if (parts.length === expected) documents.push(JSON.parse(parts.join('')));
      }
    } catch (e) {
      throw classifyError(e);
    }
    return documents;
  }
}
