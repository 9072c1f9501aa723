// A tiny request/reply protocol over the Node IPC channel between the benchmark's processes.
// Structured-clone serialization ("advanced") carries typed arrays of samples cheaply.
import type { ChildProcess } from "node:child_process";

interface Call {
  kind: "call";
  id: number;
  method: string;
  payload: unknown;
}

interface Reply {
  kind: "reply";
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

type Handlers = Record<string, (payload: any) => Promise<unknown> | unknown>;

/** In a child: answer the parent's calls; leave when the parent goes away. */
export function serveRpc(handlers: Handlers, onParentGone: () => void) {
  if (!process.send) throw new Error("This script is started by bench/sitting.ts, not on its own.");
  process.on("message", async (message: Call) => {
    if (message?.kind !== "call") return;
    const reply = (r: Omit<Reply, "kind" | "id">) => process.send?.({ kind: "reply", id: message.id, ...r });
    try {
      const handler = handlers[message.method];
      if (!handler) throw new Error(`unknown method ${message.method}`);
      reply({ ok: true, result: await handler(message.payload) });
    } catch (error) {
      reply({ ok: false, error: (error as Error).stack ?? String(error) });
    }
  });
  // The parent died or was killed: do not linger as an orphan holding sockets and files.
  process.on("disconnect", onParentGone);
}

/** In the parent: call a child and await its reply, failing if the child exits first. */
export function rpcClient(child: ChildProcess, name: string) {
  let next = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
  child.on("message", (message: Reply) => {
    if (message?.kind !== "reply") return;
    const w = waiting.get(message.id);
    if (!w) return;
    waiting.delete(message.id);
    clearTimeout(w.timer);
    if (message.ok) w.resolve(message.result);
    else w.reject(new Error(`${name}: ${message.error}`));
  });
  child.on("exit", (code, signal) => {
    for (const w of waiting.values()) {
      clearTimeout(w.timer);
      w.reject(new Error(`${name} exited (${signal ?? `code ${code}`}) before answering`));
    }
    waiting.clear();
  });
  return {
    call<T>(method: string, payload: unknown = {}, timeoutMs = 120_000): Promise<T> {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`${name}: no answer to ${method} within ${Math.round(timeoutMs / 1000)} s`));
        }, timeoutMs);
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
        child.send({ kind: "call", id, method, payload } satisfies Call);
      });
    },
  };
}

export type RpcClient = ReturnType<typeof rpcClient>;
