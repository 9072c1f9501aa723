// Real databases for tests: a SQLite file, and a database in the private Postgres cluster.
// Each test gets a fresh, migrated database copied from a per-process template, so every test
// owns its data and counts (quorum, turnout) never leak between tests.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, inject } from "vitest";
import { connect, type DatabaseHandle, type DialectName } from "../../db/connect";
import { migrateToLatest } from "../../db/migrate";

export type { DialectName };

export interface TestDatabase {
  dialect: DialectName;
  url: string;
  /** removes the database; call after every handle on it is closed */
  drop(): Promise<void>;
}

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "parliament-test-"));
let sqliteTemplate: Promise<string> | null = null;
let postgresTemplate: Promise<string> | null = null;
let counter = 0;

function postgresAdminUrl(): string {
  const pgInfo = inject("postgres");
  if ("skipped" in pgInfo) throw new Error(`Postgres unavailable: ${pgInfo.skipped}`);
  return pgInfo.url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function migrated(url: string) {
  const handle = connect(url);
  await migrateToLatest(handle.db);
  await handle.close();
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  counter += 1;
  if (dialect === "sqlite") {
    sqliteTemplate ??= (async () => {
      const file = path.join(tmpRoot, "template.db");
      await migrated(`file:${file}`);
      return file;
    })();
    const template = await sqliteTemplate;
    const file = path.join(tmpRoot, `test-${counter}.db`);
    fs.copyFileSync(template, file);
    return {
      dialect,
      url: `file:${file}`,
      drop: async () => {
        for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
      },
    };
  }
  const admin = postgresAdminUrl();
  postgresTemplate ??= (async () => {
    const name = `template_${process.pid}`;
    await adminQuery(`DROP DATABASE IF EXISTS ${name}`);
    await adminQuery(`CREATE DATABASE ${name}`);
    await migrated(withDatabase(admin, name));
    return name;
  })();
  const template = await postgresTemplate;
  const name = `test_${process.pid}_${counter}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  return {
    dialect,
    url: withDatabase(admin, name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Open a fresh test database; close() closes the handle and drops the database. */
export async function openTestDatabase(dialect: DialectName): Promise<DatabaseHandle & { url: string }> {
  const test = await createTestDatabase(dialect);
  const handle = connect(test.url);
  return {
    ...handle,
    url: test.url,
    close: async () => {
      await handle.close();
      await test.drop();
    },
  };
}

/** The databases this run covers, and why one is skipped (only ever outside CI). */
export function testDialects(): { dialect: DialectName; skipped?: string }[] {
  const pgInfo = inject("postgres");
  return [{ dialect: "sqlite" }, { dialect: "postgres", skipped: "skipped" in pgInfo ? pgInfo.skipped : undefined }];
}

/** Runs the same tests on SQLite and on Postgres. */
export function describeEachDatabase(name: string, body: (dialect: DialectName) => void) {
  for (const { dialect, skipped } of testDialects()) {
    if (skipped) describe.skip(`${name} [${dialect}: skipped, ${skipped}]`, () => body(dialect));
    else describe(`${name} [${dialect}]`, () => body(dialect));
  }
}
