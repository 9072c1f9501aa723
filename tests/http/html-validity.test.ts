// The main pages, as the public gets them from the real server with a realistic record, are
// valid HTML: the Nu HTML checker (the vnu-jar package, run on Java) reports no errors. Outside
// CI a machine without Java skips this by name; under CI=true a missing Java is a failure.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { BrowserLikeClient } from "../support/browser-like-client";
import { describeEachDatabase } from "../support/databases";
import { useTestServer } from "../support/server";
import { busyMotion, closedSitting } from "./record-scenes";

const VNU_JAR = path.resolve(import.meta.dirname, "../../node_modules/vnu-jar/build/dist/vnu.jar");

/** The java command, or null when this machine has none (Debian: apt-get install default-jre-headless). */
function findJava(): string | null {
  const candidates = [process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, "bin", "java") : null, "java"].filter(Boolean) as string[];
  return candidates.find((java) => spawnSync(java, ["-version"], { encoding: "utf8" }).status === 0) ?? null;
}

function checkerUnavailable(): string | null {
  const java = findJava();
  const reason = !java
    ? "no Java runtime (install Debian's default-jre-headless)"
    : !fs.existsSync(VNU_JAR)
      ? `no Nu HTML checker at ${VNU_JAR} (npm ci installs the vnu-jar package)`
      : null;
  if (reason && process.env.CI === "true") throw new Error(`CI=true but the HTML checker cannot run: ${reason}`);
  return reason;
}

const skip = checkerUnavailable();

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  message: string;
  extract?: string;
  lastLine?: number;
  firstColumn?: number;
}

/** One JVM for every page (it takes seconds to start); errors only, as JSON. */
function validate(files: string[]): VnuMessage[] {
  const run = spawnSync(findJava()!, ["-Xss4m", "-jar", VNU_JAR, "--errors-only", "--format", "json", "--stdout", ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  try {
    return (JSON.parse(run.stdout) as { messages: VnuMessage[] }).messages;
  } catch {
    throw new Error(`the HTML checker did not answer in JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
}

describeEachDatabase("the main pages are valid HTML", (dialect) => {
  const holder = useTestServer(dialect, { rules: { quorumPercent: 1 } });

  it.skipIf(skip)("the Nu HTML checker finds no errors on the pages the public reads", async () => {
    const motion = await busyMotion(holder.server);
    const sitting = await closedSitting(holder.server);
    const pages: [string, string, number][] = [
      ["home", "/", 200],
      ["motions list", "/motions", 200],
      ["a motion with a busy history", motion.path, 200],
      ["search results", "/search?q=pets", 200],
      ["filtered search", `/search?q=pets&status=carried&body=${motion.body.slug}&from=2020-01-01&sort=newest`, 200],
      ["search with problems", "/search?q=%29%29&status=bogus&from=2026-02-30", 200],
      ["the discussion's search results", "/search?q=winter&in=discussion", 200],
      ["sittings list", "/sittings", 200],
      ["a sitting's minutes", sitting.path, 200],
      ["sign in", "/login", 200],
      ["page not found", "/no-such-page", 404],
      ["motion not found", "/motions/M-2099-999", 404],
    ];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "html-validity-"));
    const client = new BrowserLikeClient(holder.server.url);
    const files = new Map<string, string>();
    try {
      for (const [name, url, status] of pages) {
        const page = await client.get(url);
        expect(page.status, `${name} (${url})`).toBe(status);
        const file = path.join(dir, `${name.replace(/\W+/g, "-")}.html`);
        fs.writeFileSync(file, page.html);
        files.set(`file:${file}`, `${name} (${url})`);
      }
      const messages = validate([...files.keys()].map((f) => f.slice("file:".length)));
      const readable = messages.map(
        (m) =>
          `${files.get(m.url ?? "") ?? m.url ?? "?"}, line ${m.lastLine ?? "?"} column ${m.firstColumn ?? "?"}: ${m.message}` +
          (m.extract ? `\n      …${m.extract.replace(/\s+/g, " ")}…` : ""),
      );
      expect(readable, `the HTML checker found errors:\n${readable.join("\n")}\n`).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
