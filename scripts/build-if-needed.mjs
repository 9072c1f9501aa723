// `npm start` calls this first: build the app when there is no build yet, or when any source
// it bundles is newer than the build. A fresh clone therefore needs no separate build step.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const built = path.join(root, "build", "index.js");
const sources = ["app", "server/domain", "db/schema.ts", "remix.config.js", "package-lock.json"];

function newestMtime(target) {
  const full = path.join(root, target);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  // A folder's own time changes when a file in it is added, removed or renamed: a deleted
  // route must trigger a build as surely as an edited one.
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(full, { recursive: true })) {
    newest = Math.max(newest, fs.statSync(path.join(full, entry)).mtimeMs);
  }
  return newest;
}

const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newestMtime));
if (builtAt > changedAt) process.exit(0);

console.log(builtAt ? "Sources changed since the last build; rebuilding…" : "First start: building the app…");
const result = spawnSync("npx", ["remix", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production", VITE_CJS_IGNORE_WARNING: "true" } });
process.exit(result.status ?? 1);
