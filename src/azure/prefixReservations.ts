import { createHash } from 'node:crypto';
import type { TokenCredential } from '@azure/core-auth';
import { odata, TableClient, type TableEntityResult } from '@azure/data-tables';
import { formatCidr, isCanonical, parseCidr } from '../arm/cidr';
import { idKey, parseResourceId } from '../arm/resourceId';
import { classifyError } from './classifyError';
import { DualstackError } from './DualstackError';

/** One VNet's hold on one IPv6 prefix. The planner's `Plan.reservations` entries are this shape minus the audit fields. */
export interface PrefixReservation {
  vnetId: string;
  /** canonical form, e.g. 'fd00:db8:0:100::/56' */
  prefix: string;
  reservedAt?: string;
  runId?: string;
}

export interface ReservationOptions {
  abortSignal?: AbortSignal;
}

export interface ReserveOptions extends ReservationOptions {
  /** recorded on the reservation for audit */
  runId?: string;
}

interface ReservationEntity {
  prefix: string;
  vnetId: string;
  /** lower-case VNet id: ids compare case-insensitively */
  vnetKey: string;
  reservedAt: string;
  runId: string;
}

/**
 * The prefix claims live in one partition so that the same prefix is the same (PartitionKey,
 * RowKey) whatever pool setting produced it: a conflicting insert is the whole concurrency
 * control. Keying by pool would let two runs with differently written pools hold one /56 twice,
 * and `reserve` is given prefixes, not pools. One partition comfortably carries thousands of
 * claims. The per-VNet index makes `reserve` idempotent: it is the single answer to "which prefix
 * does this VNet hold", and it is written only after the claim, so "index exists" implies
 * "claim exists" (release deletes in the opposite order).
 */
const CLAIMS = 'prefix';
const INDEX = 'vnet';

export const DEFAULT_RESERVATIONS_TABLE = 'DualstackReservations';

/** Keys may not hold '/', '\\', '#', '?' or control characters; a canonical IPv6 prefix only needs '/' replaced. */
function claimKey(prefix: string): string {
  return prefix.replace('/', '_');
}

function indexKey(vnetId: string): string {
  return createHash('sha256').update(idKey(vnetId)).digest('hex');
}

function canonicalPrefix(text: unknown, field: string): string {
  const cidr = typeof text === 'string' ? parseCidr(text.trim()) : undefined;
  if (!cidr || cidr.version !== 'IPv6') {
    throw new RangeError(
      `${field}: '${String(text)}' is not an IPv6 prefix in CIDR notation (e.g. fd00:db8:0:100::/56)`,
    );
  }
  if (!isCanonical(cidr)) {
    throw new RangeError(`${field}: '${String(text)}' has host bits set; did you mean ${formatCidr(cidr)}?`);
  }
  return formatCidr(cidr);
}

function checkVnetId(vnetId: unknown): string {
  const parsed = typeof vnetId === 'string' ? parseResourceId(vnetId) : undefined;
  if (!parsed || parsed.type.toLowerCase() !== 'microsoft.network/virtualnetworks') {
    throw new TypeError(`vnetId: '${String(vnetId)}' is not a virtual network resource id`);
  }
  return vnetId as string;
}

function statusOf(e: unknown): number | undefined {
  const s = (e as { statusCode?: unknown })?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

function toReservation(e: TableEntityResult<ReservationEntity>): PrefixReservation {
  return { vnetId: e.vnetId, prefix: e.prefix, reservedAt: e.reservedAt, runId: e.runId };
}

/**
 * IPv6 prefix reservations in Azure Table Storage: a conditional insert per prefix, so two runs
 * (or two new spokes) can never hold the same /56.
 */
export class PrefixReservationStore {
  constructor(private readonly table: TableClient) {}

  /** In Azure: the table endpoint reached with the managed identity (no shared keys). */
  static fromEndpoint(
    endpoint: string,
    credential: TokenCredential,
    tableName: string = DEFAULT_RESERVATIONS_TABLE,
  ): PrefixReservationStore {
    return new PrefixReservationStore(new TableClient(endpoint, tableName, credential));
  }

  /** Creates the table if it doesn't exist (an existing table is fine). */
  async ensureTable(options: ReservationOptions = {}): Promise<void> {
    try {
      await this.table.createTable(options);
    } catch (e) {
      throw classifyError(e);
    }
  }

  /**
   * The prefix `vnetId` holds: its existing reservation if it has one, otherwise the first of
   * `candidatePrefixes` (in order of preference) that nobody holds. Racers for the same VNet
   * agree on one prefix; racers for different VNets never share one. Throws a terminal
   * DualstackError 'PrefixesExhausted' when every candidate is held by another VNet.
   */
  async reserve(
    vnetId: string,
    candidatePrefixes: readonly string[],
    options: ReserveOptions = {},
  ): Promise<string> {
    checkVnetId(vnetId);
    if (!Array.isArray(candidatePrefixes) || candidatePrefixes.length === 0) {
      throw new RangeError(
        `candidatePrefixes: at least one IPv6 prefix is needed to reserve one for ${vnetId}`,
      );
    }
    const candidates = candidatePrefixes.map((p, i) => canonicalPrefix(p, `candidatePrefixes[${i}]`));
    const { abortSignal } = options;
    try {
      const held = await this.readIndex(vnetId, abortSignal);
      if (held) return held.prefix;

      const entity = {
        vnetId,
        vnetKey: idKey(vnetId),
        reservedAt: new Date().toISOString(),
        runId: options.runId ?? '',
      };
      const won = await this.claimFirstFree(candidates, entity, abortSignal);
      if (won === undefined) {
        throw new DualstackError({
          code: 'PrefixesExhausted',
          detail: `every candidate prefix for ${vnetId} is reserved by another VNet: ${candidates.join(', ')}`,
          retryable: false,
          resourceId: vnetId,
        });
      }
      try {
        await this.table.createEntity(
          { partitionKey: INDEX, rowKey: indexKey(vnetId), ...entity, prefix: won },
          { abortSignal },
        );
        return won;
      } catch (e) {
        if (statusOf(e) !== 409) throw e;
      }
      // A racer for the same VNet indexed first. Its answer stands; give back our claim if it differs.
      const winner = await this.readIndex(vnetId, abortSignal);
      if (!winner) throw new Error(`reservation index for ${vnetId} conflicted but cannot be read`);
      if (winner.prefix !== won) await this.deleteClaim(won, idKey(vnetId), abortSignal);
      return winner.prefix;
    } catch (e) {
      throw classifyError(e, { resourceId: vnetId });
    }
  }

  /** The reservation `vnetId` holds, if any. */
  async get(vnetId: string, options: ReservationOptions = {}): Promise<PrefixReservation | undefined> {
    checkVnetId(vnetId);
    try {
      return await this.readIndex(vnetId, options.abortSignal);
    } catch (e) {
      throw classifyError(e, { resourceId: vnetId });
    }
  }

  /** Gives back every prefix `vnetId` holds. Returns the released prefixes (none: nothing was held). */
  async release(vnetId: string, options: ReservationOptions = {}): Promise<string[]> {
    checkVnetId(vnetId);
    const { abortSignal } = options;
    try {
      // Index first: while it exists its claim must too, or another VNet could take the prefix.
      await this.table.deleteEntity(INDEX, indexKey(vnetId), { abortSignal }).catch((e: unknown) => {
        if (statusOf(e) !== 404) throw e;
      });
      // Claims are found by owner, not through the index, so a claim orphaned by a crash between
      // claim and index is released too.
      const released: string[] = [];
      for await (const claim of this.table.listEntities<ReservationEntity>({
        queryOptions: { filter: odata`PartitionKey eq ${CLAIMS} and vnetKey eq ${idKey(vnetId)}` },
        abortSignal,
      })) {
        await this.deleteClaim(claim.prefix, idKey(vnetId), abortSignal);
        released.push(claim.prefix);
      }
      return released.sort();
    } catch (e) {
      throw classifyError(e, { resourceId: vnetId });
    }
  }

  /**
   * Every prefix held, sorted by prefix. These are the claims themselves, so a claim orphaned by a
   * crash still shows (and still blocks others); the planner passes a VNet's own reservation back
   * as its first candidate, which adopts it.
   */
  async list(options: ReservationOptions = {}): Promise<PrefixReservation[]> {
    try {
      const out: PrefixReservation[] = [];
      for await (const claim of this.table.listEntities<ReservationEntity>({
        queryOptions: { filter: odata`PartitionKey eq ${CLAIMS}` },
        abortSignal: options.abortSignal,
      })) {
        out.push(toReservation(claim));
      }
      return out.sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
    } catch (e) {
      throw classifyError(e);
    }
  }

  private async readIndex(vnetId: string, abortSignal?: AbortSignal): Promise<PrefixReservation | undefined> {
    try {
      return toReservation(
        await this.table.getEntity<ReservationEntity>(INDEX, indexKey(vnetId), { abortSignal }),
      );
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  }

  /** The first candidate this VNet now holds: newly inserted, or already its own (a racer for the same VNet, or an earlier attempt). */
  private async claimFirstFree(
    candidates: string[],
    entity: Omit<ReservationEntity, 'prefix'>,
    abortSignal?: AbortSignal,
  ): Promise<string | undefined> {
    for (const prefix of candidates) {
      // A claim can vanish between our failed insert and our read (released); then try again.
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          await this.table.createEntity(
            { partitionKey: CLAIMS, rowKey: claimKey(prefix), ...entity, prefix },
            { abortSignal },
          );
          return prefix;
        } catch (e) {
          if (statusOf(e) !== 409) throw e;
        }
        const owner = await this.readClaim(prefix, abortSignal);
        if (owner === undefined) continue;
        if (owner.vnetKey === entity.vnetKey) return prefix;
        break;
      }
    }
    return undefined;
  }

  private async readClaim(prefix: string, abortSignal?: AbortSignal): Promise<ReservationEntity | undefined> {
    try {
      return await this.table.getEntity<ReservationEntity>(CLAIMS, claimKey(prefix), { abortSignal });
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  }

  /** Deletes a claim only while `vnetKey` still owns it (etag-conditional), so we never drop someone else's. */
  private async deleteClaim(prefix: string, vnetKey: string, abortSignal?: AbortSignal): Promise<void> {
    const claim = await this.table
      .getEntity<ReservationEntity>(CLAIMS, claimKey(prefix), { abortSignal })
      .catch((e: unknown) => {
        if (statusOf(e) === 404) return undefined;
        throw e;
      });
    if (!claim || claim.vnetKey !== vnetKey) return;
    await this.table
      .deleteEntity(CLAIMS, claimKey(prefix), { etag: claim.etag, abortSignal })
      .catch((e: unknown) => {
        if (statusOf(e) !== 404 && statusOf(e) !== 412) throw e;
      });
  }
}
