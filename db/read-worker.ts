// One thread of the read pool (db/read-pool.ts): its own read-only connection to the SQLite
// file, answering one query at a time with its rows.
import { parentPort, workerData } from "node:worker_threads";
import SQLite from "better-sqlite3";
import { statementCache } from "./statements";

export interface ReadRequest {
  id: number;
  sql: string;
  parameters: readonly unknown[];
}

export type ReadReply = { id: number; rows: unknown[] } | { id: number; error: { message: string; code?: string } } | { ready: true };

const sqlite = new SQLite((workerData as { file: string }).file, { readonly: true, fileMustExist: true });
sqlite.pragma("busy_timeout = 5000");
const prepare = statementCache(sqlite);
parentPort!.postMessage({ ready: true } satisfies ReadReply);

parentPort!.on("message", ({ id, sql, parameters }: ReadRequest) => {
  let reply: ReadReply;
  try {
    const statement = prepare(sql);
    // Only queries that return rows: the pool is for reading, and the connection is read-only anyway.
    if (!statement.reader) throw Object.assign(new Error("The read pool only runs queries that return rows."), { code: "READ_ONLY" });
    reply = { id, rows: statement.all(...parameters) };
  } catch (error) {
    const { message, code } = error as { message: string; code?: string };
    reply = { id, error: { message, code } };
  }
  parentPort!.postMessage(reply);
});
