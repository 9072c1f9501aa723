// Long reads off the event loop. better-sqlite3 answers on the thread that asks, so a search
// over a large record (tens of milliseconds of FTS5 ranking) held up everything else the
// server was doing, live sittings included, and a search's three kinds of match ran one after
// another. The read pool gives such reads their own threads, each with a read-only connection
// to the same file (WAL lets them read while the server writes), so they run beside the event
// loop and beside each other, as they already do on Postgres's connection pool.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from "kysely";
import type { ReadReply, ReadRequest } from "./read-worker";
import type { Database } from "./schema";

interface Pending {
  resolve: (rows: unknown[]) => void;
  reject: (error: Error) => void;
}

interface Reader {
  worker: Worker;
  pending: Map<number, Pending>;
  /** it has opened its connection */
  ready: boolean;
}

// The worker is TypeScript, loaded through tsx as the server itself is. A worker does not
// inherit the loader of the thread that starts it, so its first line registers tsx's.
const resolvePackage = createRequire(import.meta.url).resolve;
const workerSource = `require(${JSON.stringify(resolvePackage("tsx/cjs"))}); require(${JSON.stringify(fileURLToPath(new URL("./read-worker.ts", import.meta.url)))});`;

class ReadPoolDriver implements Driver {
  private readers: Reader[] = [];
  private nextId = 1;
  private closed = false;
  /** why a reader could not start, once none is left */
  private broken: string | null = null;

  constructor(
    private readonly file: string,
    private readonly size: number,
  ) {}

  async init() {
    for (let i = 0; i < this.size; i++) this.readers.push(this.startReader());
  }

  private startReader(): Reader {
    const worker = new Worker(workerSource, { eval: true, workerData: { file: this.file } });
    const reader: Reader = { worker, pending: new Map(), ready: false };
    worker.on("message", (reply: ReadReply) => {
      if ("ready" in reply) {
        reader.ready = true;
        return;
      }
      const waiting = reader.pending.get(reply.id);
      if (!waiting) return;
      reader.pending.delete(reply.id);
      if ("rows" in reply) waiting.resolve(reply.rows);
      else waiting.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
    });
    // A thread that dies takes only its own queries with it, and a new one takes its place.
    // One that could not even open the file (gone, unreadable) is not started again, which
    // would only fail again, over and over: once none is left, queries fail saying why.
    const lost = (why: string) => {
      for (const waiting of reader.pending.values()) waiting.reject(new Error(`A database reader stopped: ${why}`));
      reader.pending.clear();
      const index = this.readers.indexOf(reader);
      if (index < 0 || this.closed) return;
      if (reader.ready) {
        this.readers[index] = this.startReader();
      } else {
        this.readers.splice(index, 1);
        this.broken = why;
      }
    };
    worker.on("error", (error) => lost(error.message));
    worker.on("exit", (code) => lost(`exit code ${code}`));
    return reader;
  }

  /** The query goes to the reader with the fewest queries waiting. */
  run(sql: string, parameters: readonly unknown[]): Promise<unknown[]> {
    if (this.closed) return Promise.reject(new Error("The database is closed."));
    if (!this.readers.length) return Promise.reject(new Error(`The database readers could not start: ${this.broken}`));
    const reader = this.readers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      reader.pending.set(id, { resolve, reject });
      reader.worker.postMessage({ id, sql, parameters } satisfies ReadRequest);
    });
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => ({
        rows: (await this.run(query.sql, query.parameters)) as R[],
      }),
      streamQuery: () => {
        throw new Error("The read pool does not stream; use the main connection.");
      },
    };
  }

  async beginTransaction(): Promise<void> {
    throw new Error("The read pool only reads; write through the main connection.");
  }

  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}

  async destroy() {
    this.closed = true;
    await Promise.all(this.readers.map((r) => r.worker.terminate()));
    this.readers = [];
  }
}

/** A Kysely for reading only, answered by `size` threads with read-only connections to `file`. */
export function readPool(file: string, size: number): Kysely<Database> {
  const dialect: Dialect = {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new ReadPoolDriver(file, size),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createIntrospector: (db) => new SqliteIntrospector(db),
  };
  return new Kysely<Database>({ dialect });
}
