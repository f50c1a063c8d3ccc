/**
 * Query cursors: a query with more rows than one batch answers its first batch and a
 * `nextRecordsUrl` (`/services/data/vXX.X/query/01g…-2000`) for the rest (REST API Developer
 * Guide, "Execute a SOQL Query"). The rest is read lazily from the query's row iterator, one batch
 * per request, so an open cursor holds no rows.
 *
 * Like Salesforce's, a cursor belongs to its user, ends after 15 minutes unused, and a user keeps
 * at most 10 open: opening an eleventh closes the oldest (Knowledge 000004410; SOAP API guide,
 * queryMore()). A cursor that is gone, another user's, or asked for any offset but its next one
 * answers `INVALID_QUERY_LOCATOR` (reported by simple-salesforce#95 and restforce#616; that
 * asking for the same batch again is refused is UNCONFIRMED).
 */
import { to18 } from './ids';

export const QUERY_CURSOR_IDLE_MS = 15 * 60_000;
export const MAX_CURSORS_PER_USER = 10;

interface QueryCursor {
  /** The 18-character `01g…` locator. */
  id: string;
  ownerUserId: string;
  records: Iterator<Record<string, unknown>>;
  /** How many records were served so far: the offset the next request must name. */
  position: number;
  totalSize: number;
  lastUsedAt: number;
  /** The history version the rows were read from; seeding moves rows and ends the cursor. */
  historyVersion: number;
}

/** One batch of a query's answer, as the REST query envelope carries it. */
export interface QueryBatch {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Record<string, unknown>[];
}

export class QueryCursors {
  private readonly cursors = new Map<string, QueryCursor>();
  private counter = 0;

  clear(): void {
    this.cursors.clear();
  }

  /** The first batch of a query; a cursor stays open when more rows follow. */
  firstBatch(
    query: { totalSize: number; records: Iterator<Record<string, unknown>> },
    owner: { userId: string; apiVersion: string; batchSize: number; now: number; historyVersion: number },
  ): QueryBatch {
    const cursor: QueryCursor = {
      id: this.newId(),
      ownerUserId: owner.userId,
      records: query.records,
      position: 0,
      totalSize: query.totalSize,
      lastUsedAt: owner.now,
      historyVersion: owner.historyVersion,
    };
    return this.serve(cursor, owner.apiVersion, owner.batchSize);
  }

  /** The next batch of the cursor `locator` at `offset`, or null when Salesforce would answer INVALID_QUERY_LOCATOR. */
  nextBatch(locator: string, offset: number, owner: { userId: string; apiVersion: string; batchSize: number; now: number; historyVersion: number }): QueryBatch | null {
    this.expire(owner.now);
    const cursor = this.cursors.get(locator);
    if (!cursor || cursor.ownerUserId !== owner.userId || cursor.position !== offset || cursor.historyVersion !== owner.historyVersion) return null;
    cursor.lastUsedAt = owner.now;
    return this.serve(cursor, owner.apiVersion, owner.batchSize);
  }

  private serve(cursor: QueryCursor, apiVersion: string, batchSize: number): QueryBatch {
    const records: Record<string, unknown>[] = [];
    while (records.length < batchSize) {
      const next = cursor.records.next();
      if (next.done) break;
      records.push(next.value);
    }
    cursor.position += records.length;
    const done = cursor.position >= cursor.totalSize;
    if (done) {
      this.cursors.delete(cursor.id);
      return { totalSize: cursor.totalSize, done, records };
    }
    if (!this.cursors.has(cursor.id)) this.open(cursor);
    return { totalSize: cursor.totalSize, done, nextRecordsUrl: `/services/data/v${apiVersion}/query/${cursor.id}-${cursor.position}`, records };
  }

  private open(cursor: QueryCursor): void {
    const own = [...this.cursors.values()].filter((other) => other.ownerUserId === cursor.ownerUserId);
    if (own.length >= MAX_CURSORS_PER_USER) {
      const oldest = own.reduce((a, b) => (a.lastUsedAt <= b.lastUsedAt ? a : b));
      this.cursors.delete(oldest.id);
    }
    this.cursors.set(cursor.id, cursor);
  }

  private expire(now: number): void {
    for (const cursor of this.cursors.values()) {
      if (now - cursor.lastUsedAt > QUERY_CURSOR_IDLE_MS) this.cursors.delete(cursor.id);
    }
  }

  /** `01g` is the query locator's key prefix, as in `01gD0000000LhmSIAS-2000`. */
  private newId(): string {
    this.counter += 1;
    return to18(`01g5g000${this.counter.toString(36).toUpperCase().padStart(7, '0')}`);
  }
}
