// Once per test run: build the app as production (the HTTP and browser tests serve that build)
// and start a private Postgres cluster on loopback for the Postgres leg of the suite.
import { spawnSync } from "node:child_process";
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

export default async function setup(project: TestProject) {
  const build = spawnSync("npx", ["remix", "build"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production" },
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`remix build failed:\n${build.stdout}\n${build.stderr}`);

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
