// The real server (Express + Remix build + services) on a fresh database and a free port.
import { afterAll, beforeAll } from "vitest";
import { loadConfig } from "../../server/config";
import type { Clock } from "../../server/domain/time";
import type { ParliamentRules } from "../../server/services/deps";
import { type RunningParliament, startParliament } from "../../server/start";
import { type DialectName, createTestDatabase } from "./databases";

export interface TestServer extends RunningParliament {
  dialect: DialectName;
}

export async function startTestServer(
  dialect: DialectName,
  options: { clock?: Clock; rules?: Partial<ParliamentRules>; demoData?: boolean; publicUrl?: string } = {},
): Promise<TestServer> {
  const database = await createTestDatabase(dialect);
  const config = loadConfig({ NODE_ENV: "production", DATABASE_URL: database.url, PORT: "0", HOST: "127.0.0.1", PUBLIC_URL: options.publicUrl });
  config.demoData = options.demoData ?? false;
  config.rules = { ...config.rules, ...options.rules };
  const logs: string[] = [];
  const running = await startParliament(config, { clock: options.clock, log: (m) => logs.push(m) });
  return {
    ...running,
    dialect,
    async stop() {
      await running.stop();
      await database.drop();
    },
  };
}

/** One server for the whole describe block (tests create their own people and motions). */
export function useTestServer(dialect: DialectName, options: Parameters<typeof startTestServer>[1] = {}) {
  const holder = {} as { server: TestServer };
  beforeAll(async () => {
    holder.server = await startTestServer(dialect, options);
  });
  afterAll(async () => {
    await holder.server?.stop();
  });
  return holder;
}
