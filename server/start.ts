// Composition root: config -> database -> services -> HTTP (+ Socket.IO) -> listen.
// Used by server/index.ts, by the tests (on a port of their choosing) and by the benchmarks.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import { connect, type DatabaseHandle } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { createAuth } from "./auth/sessions";
import type { Config } from "./config";
import { type Clock, systemClock } from "./domain/time";
import { createEventBus } from "./events";
import { createHttpApp } from "./http/app";
import { startMailer } from "./notify/mailer";
import { attachRealtime, type Realtime } from "./realtime/gateway";
import { createServices, type Services } from "./services";
import { startScheduler } from "./services/scheduler";
import { type DemoSignIn, findDemoSignIns, seedDemoParliament } from "./seed/demo-parliament";

const root = path.resolve(import.meta.dirname, "..");

export interface RunningParliament {
  url: string;
  port: number;
  services: Services;
  database: DatabaseHandle;
  httpServer: http.Server;
  realtime: Realtime;
  /** demo sign-ins, when the database holds the demo parliament */
  demoSignIns: DemoSignIn[];
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  log?: (message: string) => void;
  /** where `remix build` wrote the server bundle */
  buildDir?: string;
}

async function importBuild(buildDir: string): Promise<ServerBuild> {
  const file = path.join(buildDir, "index.js");
  if (!fs.existsSync(file)) {
    throw new Error(`No server build at ${file}. Run "npm run build" first (npm start does it for you).`);
  }
  const stamp = fs.statSync(file).mtimeMs;
  return import(`${pathToFileURL(file).href}?t=${stamp}`);
}

/** In development, pick up each rebuild from `remix dev` and tell it we are ready. */
function watchBuild(buildDir: string, initial: ServerBuild, log: (m: string) => void) {
  let current = initial;
  const versionFile = path.join(buildDir, "version.txt");
  fs.watchFile(versionFile, { interval: 200 }, async () => {
    try {
      current = await importBuild(buildDir);
      await broadcastDevReady(current);
    } catch (error) {
      log(`could not load the new build: ${(error as Error).message}`);
    }
  });
  return {
    get: async () => current,
    stop: () => fs.unwatchFile(versionFile),
  };
}

export async function startParliament(config: Config, options: StartOptions = {}): Promise<RunningParliament> {
  const log = options.log ?? ((message: string) => console.log(message));
  const clock = options.clock ?? systemClock;
  const buildDir = options.buildDir ?? path.join(root, "build");
  const mode = config.production ? "production" : "development";

  const database = connect(config.databaseUrl, { readThreads: config.readThreads });
  await migrateToLatest(database.db);

  const events = createEventBus();
  const deps = { db: database.db, reads: database.reads, clock, events, rules: config.rules };
  let demoSignIns: DemoSignIn[] = [];
  if (config.demoData) {
    demoSignIns = (await seedDemoParliament(deps)) ?? (await findDemoSignIns(database.db));
  }
  const services = createServices(deps);
  const auth = createAuth(database.db, {
    secureCookies: config.secureCookies,
    now: () => clock.now(),
    onSignOut: (userId, sessionId) => events.emit({ type: "user:changed", userId, sessionId }),
  });

  const initialBuild = await importBuild(buildDir);
  const builds = mode === "development" ? watchBuild(buildDir, initialBuild, log) : null;
  const app = createHttpApp({
    services,
    auth,
    build: builds ? builds.get : async () => initialBuild,
    mode,
    secureCookies: config.secureCookies,
    parliamentName: config.parliamentName,
    publicUrl: config.publicUrlSet ? config.publicUrl : undefined,
    publicDir: path.join(root, "public"),
    log,
  });

  const httpServer = http.createServer(app);
  // Socket.IO shares the server, so live updates use the same port, origin and session cookie.
  const realtime = attachRealtime(httpServer, { services, auth, events, log });
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  if (builds) await broadcastDevReady(initialBuild);
  const scheduler = startScheduler(services, database.db, events, log);
  const mailer = config.smtpUrl
    ? startMailer(database.db, events, { transport: config.smtpUrl, from: config.mailFrom, publicUrl: config.publicUrl }, log)
    : null;

  const port = (httpServer.address() as AddressInfo).port;
  let stopping: Promise<void> | null = null;
  return {
    url: `http://localhost:${port}`,
    port,
    services,
    database,
    httpServer,
    realtime,
    demoSignIns,
    stop() {
      stopping ??= (async () => {
        builds?.stop();
        await scheduler.stop();
        await mailer?.stop();
        await realtime.stop();
        // Let requests in flight finish, but not forever.
        const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        httpServer.closeIdleConnections();
        const force = setTimeout(() => httpServer.closeAllConnections(), 5_000);
        await closed;
        clearTimeout(force);
        await database.close();
      })();
      return stopping;
    },
  };
}
