// One shape for every write: a transaction holding the rows and their audit entries, with
// domain events released only after commit (so listeners never see a rolled-back change).
import { PostgresAdapter, sql } from "kysely";
import type { DomainEvent } from "../events";
import { appendAudit, type NewAuditEntry } from "./audit";
import type { ServiceDeps, Tx } from "./deps";

export interface WriteScope {
  trx: Tx;
  /** one instant for the whole write, from the injected clock */
  now: number;
  audit(entry: NewAuditEntry): Promise<void>;
  emit(event: DomainEvent): void;
}

// Any constant: all audited writes on Postgres take this transaction-scoped lock first, so the
// chain's "read last hash, append next" cannot interleave and no lock order can deadlock.
const AUDIT_LOCK_KEY = 7_240_401;

export async function write<T>(deps: ServiceDeps, work: (scope: WriteScope) => Promise<T>): Promise<T> {
  const pending: DomainEvent[] = [];
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute(async (trx) => {
    if (trx.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
    }
    return work({
      trx,
      now,
      audit: async (entry) => {
        await appendAudit(trx, now, entry);
      },
      emit: (event) => pending.push(event),
    });
  });
  for (const event of pending) deps.events.emit(event);
  return result;
}

/** For deadline sweeps: one item that fails must not hold up the others; failures are reported together. */
export async function settleEach<T>(items: readonly T[], what: string, work: (item: T) => Promise<void>): Promise<void> {
  const failures: unknown[] = [];
  for (const item of items) {
    try {
      await work(item);
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length) {
    const reasons = failures.map((f) => (f as Error).message).join("; ");
    throw new AggregateError(failures, `${failures.length} ${what} failed: ${reasons}`);
  }
}
