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

/**
 * Group commit for a hot path (votes in a big sitting): writes that arrive together share one
 * transaction, each inside its own savepoint, so one refused write (already voted) neither
 * fails nor delays the others, and the database lock is taken once per batch, not per write.
 * Each caller still gets its own result or error, and its events only if its write stood.
 */
export function createGroupCommit(deps: ServiceDeps, maxBatch = 250) {
  interface Job {
    work: (scope: WriteScope) => Promise<unknown>;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }
  type Outcome = { ok: true; value: unknown; events: DomainEvent[] } | { ok: false; error: unknown };
  const queue: Job[] = [];
  let draining = false;

  async function runBatch(batch: Job[]) {
    const outcomes: Outcome[] = [];
    try {
      await write(deps, async (scope) => {
        for (const job of batch) {
          const events: DomainEvent[] = [];
          await sql`savepoint group_item`.execute(scope.trx);
          try {
            const value = await job.work({ ...scope, emit: (event) => events.push(event) });
            await sql`release savepoint group_item`.execute(scope.trx);
            outcomes.push({ ok: true, value, events });
          } catch (error) {
            await sql`rollback to savepoint group_item`.execute(scope.trx);
            await sql`release savepoint group_item`.execute(scope.trx);
            outcomes.push({ ok: false, error });
          }
        }
        for (const outcome of outcomes) if (outcome.ok) for (const event of outcome.events) scope.emit(event);
      });
    } catch (error) {
      // The batch did not commit, so nobody's write happened.
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }

  async function drain() {
    while (queue.length) await runBatch(queue.splice(0, maxBatch));
    draining = false;
  }

  return {
    run<T>(work: (scope: WriteScope) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (draining) return;
        draining = true;
        // Wait one turn of the event loop so writes arriving together share the batch.
        setImmediate(() => void drain());
      });
    },
  };
}
