// Starts bench/record-server.ts as a child process and talks to it over IPC.
import { type ChildProcess, fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export interface ServerOptions {
  databaseFile: string;
  quorumPercent: number;
  /** write a V8 CPU profile of the server into this folder */
  cpuProfDir?: string;
}

export class BenchServer {
  private waiting = new Map<string, (message: any) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly pid: number,
    readonly database: string,
  ) {
    child.on("message", (message: any) => {
      const resolve = this.waiting.get(message.type);
      if (resolve) {
        this.waiting.delete(message.type);
        resolve(message);
      }
    });
  }

  static async start(options: ServerOptions): Promise<BenchServer> {
    const execArgv = ["--import", "tsx"];
    if (options.cpuProfDir) execArgv.push("--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`);
    const child = fork(path.join(root, "bench/record-server.ts"), [], {
      cwd: root,
      execArgv,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        DEMO_DATA: "false",
        DATABASE_URL: `file:${options.databaseFile}`,
        PORT: "0",
        HOST: "127.0.0.1",
        QUORUM_PERCENT: String(options.quorumPercent),
      },
    });
    const ready = await new Promise<any>((resolve, reject) => {
      child.once("message", resolve);
      child.once("exit", (code) => reject(new Error(`the server exited before it was ready (code ${code})`)));
    });
    return new BenchServer(child, `http://127.0.0.1:${ready.port}`, ready.pid, ready.database);
  }

  /** Sends a message and waits for the reply of the given type. */
  ask<T = any>(message: { type: string; [key: string]: unknown }, reply: string): Promise<T> {
    return new Promise((resolve) => {
      this.waiting.set(reply, resolve);
      this.child.send(message);
    });
  }

  /** Server-side durations (ms) of the requests sent with this x-bench-label, since last asked. */
  async timings(label: string): Promise<number[]> {
    return (await this.ask<{ durations: number[] }>({ type: "timings", label }, "timings")).durations;
  }

  /** Waits until the server has finished every request it was given (a load run leaves some behind). */
  async idle(): Promise<number> {
    return (await this.ask<{ waitedMs: number }>({ type: "idle" }, "idle")).waitedMs;
  }

  /** Resident set size as the kernel counts it (independent of the server's own event loop). */
  rss(): number {
    return this.memory().rss;
  }

  /** RSS and its anonymous part (heap, buffers), apart from file pages such as a memory-mapped database. */
  memory(): { rss: number; anon: number } {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb("VmRSS"), anon: kb("RssAnon") };
  }

  async stop(): Promise<string[]> {
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    const { logs } = await this.ask<{ logs: string[] }>({ type: "stop" }, "stopped");
    await exited;
    return logs;
  }
}
