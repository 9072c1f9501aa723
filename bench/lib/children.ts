// Starting and stopping the benchmark's child processes. Each child is plain Node with the tsx
// loader (`node --import tsx`), not the tsx CLI, so the pid we hold is the process that owns
// the sockets and a signal reaches it directly. Nothing outlives the run: children are sent
// SIGTERM, then SIGKILL after a grace period, and they also leave when the parent's IPC closes.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type RpcClient, rpcClient } from "./rpc";

export const repoRoot = path.resolve(import.meta.dirname, "../..");

const running = new Set<ChildProcess>();

export interface Child {
  name: string;
  proc: ChildProcess;
  rpc: RpcClient;
  exited: Promise<number | null>;
}

export function startChild(name: string, script: string, { nodeOptions = [] as string[], env = {} as Record<string, string> } = {}): Child {
  const proc = spawn(process.execPath, [...nodeOptions, "--import", "tsx", path.join(repoRoot, script)], {
    cwd: repoRoot,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    serialization: "advanced",
    env: { ...process.env, ...env },
  });
  running.add(proc);
  const exited = new Promise<number | null>((resolve) =>
    proc.once("exit", (code) => {
      running.delete(proc);
      resolve(code);
    }),
  );
  return { name, proc, rpc: rpcClient(proc, name), exited };
}

/** Stop every child still running: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopChildren(graceMs = 8_000): Promise<void> {
  const alive = [...running].filter((p) => p.exitCode === null && p.signalCode === null);
  await Promise.all(
    alive.map(
      (proc) =>
        new Promise<void>((resolve) => {
          const killer = setTimeout(() => proc.kill("SIGKILL"), graceMs);
          proc.once("exit", () => {
            clearTimeout(killer);
            resolve();
          });
          proc.kill("SIGTERM");
        }),
    ),
  );
}

/** Node raises its own soft limit to the hard one at start-up, so the hard limit is what counts. */
export function openFileLimit(): number {
  try {
    const line = fs.readFileSync("/proc/self/limits", "utf8").split("\n").find((l) => l.startsWith("Max open files"));
    const hard = line?.trim().split(/\s+/)[4];
    return hard === "unlimited" ? Infinity : Number(hard);
  } catch {
    return Infinity; // not Linux: let the run say so if it runs out
  }
}
