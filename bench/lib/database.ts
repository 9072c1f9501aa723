// A fresh database for each run: a SQLite file in its own temp dir (the default), or a new
// database on the Postgres server named by --database-url. Both are removed afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface FreshDatabase {
  url: string;
  dialect: "sqlite" | "postgres";
  drop(): Promise<void>;
}

export async function freshDatabase(postgresUrl: string | null): Promise<FreshDatabase> {
  if (!postgresUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parliament-bench-"));
    return {
      url: `file:${path.join(dir, "bench.db")}`,
      dialect: "sqlite",
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `parliament_bench_${process.pid}_${Date.now()}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dialect: "postgres",
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}
