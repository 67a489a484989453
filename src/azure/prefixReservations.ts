import { createHash } from 'node:crypto';
import type { TokenCredential } from '@azure/core-auth';
import { odata, TableClient, type TableEntityResult } from '@azure/data-tables';
import { formatCidr, isCanonical, parseCidr } from '../arm/cidr';
import { idKey, parseResourceId } from '../arm/resourceId';
import type { PrefixReservation } from '../planner/PrefixReservation';
import { classifyError } from './classifyError';
import { DualstackError } from './DualstackError';

/** A reservation as stored: the planner's PrefixReservation plus who made it and when. */
export interface StoredPrefixReservation extends PrefixReservation {
  /** ISO time of the claim */
  reservedAt: string;
  /** the run that made it ('' when none was given) */
  runId: string;
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
/** in-order attempts before a contended reserve spreads out (see claimFirstFree) */
const ORDERED_ATTEMPTS = 2;
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

function toReservation(e: TableEntityResult<ReservationEntity>): StoredPrefixReservation {
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
   * `candidatePrefixes` (in order of preference) that nobody holds; under heavy contention the
   * later candidates are tried in a spread order (see claimFirstFree). Racers for the same VNet
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
      // Look again before giving up: the conflicts may all have been racers for this same VNet.
      const won =
        (await this.ownClaim(entity.vnetKey, candidates, abortSignal)) ??
        (await this.claimFirstFree(candidates, entity, abortSignal)) ??
        (await this.readIndex(vnetId, abortSignal))?.prefix ??
        (await this.ownClaim(entity.vnetKey, candidates, abortSignal));
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
  async get(vnetId: string, options: ReservationOptions = {}): Promise<StoredPrefixReservation | undefined> {
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
      for await (const claim of this.claimsOf(idKey(vnetId), abortSignal)) {
        await this.deleteClaim(claim.prefix, idKey(vnetId), abortSignal);
        released.push(claim.prefix);
      }
      return released.sort();
    } catch (e) {
      throw classifyError(e, { resourceId: vnetId });
    }
  }

  /**
   * Every prefix held, sorted by prefix. These are the claims themselves, so a claim left without
   * an index entry by an interrupted reserve still shows (and still blocks other VNets); the next
   * reserve for its VNet takes it over.
   */
  async list(options: ReservationOptions = {}): Promise<StoredPrefixReservation[]> {
    try {
      const out: StoredPrefixReservation[] = [];
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

  private async readIndex(
    vnetId: string,
    abortSignal?: AbortSignal,
  ): Promise<StoredPrefixReservation | undefined> {
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
  /**
   * A claim this VNet already holds without an index entry: left by a run that stopped between
   * claiming and indexing, or being made right now by a racer for the same VNet. Taking it over
   * keeps one VNet on one prefix; the most preferred one wins if there are several.
   */
  private async ownClaim(
    vnetKey: string,
    candidates: string[],
    abortSignal?: AbortSignal,
  ): Promise<string | undefined> {
    const mine: string[] = [];
    for await (const claim of this.claimsOf(vnetKey, abortSignal)) mine.push(claim.prefix);
    const rank = (p: string): number => (candidates.includes(p) ? candidates.indexOf(p) : candidates.length);
    return mine.sort((a, b) => rank(a) - rank(b))[0];
  }

  private claimsOf(vnetKey: string, abortSignal?: AbortSignal): AsyncIterable<ReservationEntity> {
    return this.table.listEntities<ReservationEntity>({
      queryOptions: { filter: odata`PartitionKey eq ${CLAIMS} and vnetKey eq ${vnetKey}` },
      abortSignal,
    });
  }

  /**
   * The first candidate whose conditional insert succeeds. A conflict means someone holds it;
   * whether that someone is a racer for this same VNet doesn't matter here, because the index
   * insert that follows settles it (one index entry per VNet), so no read is spent per conflict.
   *
   * Candidates are tried in order, but a crowd of racers with the same preferences would then
   * queue behind one prefix at a time (n racers, n²/2 inserts). So after ORDERED_ATTEMPTS lost
   * races the store reads which candidates are held (one query) and tries the free ones in an
   * order seeded by the VNet id: racers spread out and mostly succeed at once. Two racers still
   * see plain order: the loser gets the next candidate.
   */
  private async claimFirstFree(
    candidates: string[],
    entity: Omit<ReservationEntity, 'prefix'>,
    abortSignal?: AbortSignal,
  ): Promise<string | undefined> {
    const tryClaim = async (prefix: string): Promise<boolean> => {
      try {
        await this.table.createEntity(
          { partitionKey: CLAIMS, rowKey: claimKey(prefix), ...entity, prefix },
          { abortSignal },
        );
        return true;
      } catch (e) {
        if (statusOf(e) !== 409) throw e;
        return false;
      }
    };
    for (const prefix of candidates.slice(0, ORDERED_ATTEMPTS)) if (await tryClaim(prefix)) return prefix;
    const rest = candidates.slice(ORDERED_ATTEMPTS);
    if (rest.length === 0) return undefined;
    const held = new Set<string>();
    for await (const claim of this.table.listEntities<Pick<ReservationEntity, 'prefix'>>({
      queryOptions: { filter: odata`PartitionKey eq ${CLAIMS}`, select: ['prefix'] },
      abortSignal,
    })) {
      held.add(claim.prefix);
    }
    const spread = (p: string): string => createHash('sha256').update(`${entity.vnetKey}|${p}`).digest('hex');
    const free = rest
      .filter((p) => !held.has(p))
      .map((p) => ({ p, k: spread(p) }))
      .sort((a, b) => (a.k < b.k ? -1 : 1));
    for (const { p } of free) if (await tryClaim(p)) return p;
    return undefined;
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
