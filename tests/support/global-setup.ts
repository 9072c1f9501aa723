// Once per test run: build the app as production (the HTTP and browser tests serve that build)
// and start a private Postgres cluster on loopback for the Postgres leg of the suite.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startPostgresCluster } from "./postgres-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    /** admin URL of the private cluster, or the reason there is none */
    postgres: { url: string } | { skipped: string };
  }
}

const root = path.resolve(import.meta.dirname, "../..");

/** Two test runs at once (two terminals) must not write build/ at the same time. */
async function withBuildLock(work: () => void) {
  const lock = path.join(root, ".cache", "build.lock");
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 250) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      const stat = fs.statSync(lock, { throwIfNoEntry: false });
      const age = stat ? Date.now() - stat.mtimeMs : 0;
      if (age > 300_000 || waited > 300_000) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export default async function setup(project: TestProject) {
  await withBuildLock(() => {
    const build = spawnSync("node", ["scripts/build-if-needed.mjs"], { cwd: root, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`remix build failed:\n${build.stdout}\n${build.stderr}`);
  });

  const cluster = await startPostgresCluster();
  if ("skipped" in cluster) {
    if (process.env.CI === "true") {
      throw new Error(`CI=true but the Postgres leg cannot run: ${cluster.skipped}`);
    }
    project.provide("postgres", { skipped: cluster.skipped });
    return;
  }
  project.provide("postgres", { url: cluster.url });
  return async () => {
    await cluster.stop();
  };
}
