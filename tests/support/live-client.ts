// Socket.IO clients for tests against the real server: one signs in over HTTP like a browser
// and connects with its session cookie and this site's Origin, as a page's script would. Every
// message is kept, so a test waits for the one it expects (with a timeout) instead of sleeping.
import { type Socket, io } from "socket.io-client";
import type { Ack } from "../../server/realtime/gateway";
import { BrowserLikeClient } from "./browser-like-client";
import type { TestPerson } from "./factories";
import type { TestServer } from "./server";
import { sittingInDebate, sittingWithAgenda } from "./sittings";

export interface Received {
  event: string;
  data: any;
  /** when it arrived, by the test's clock */
  at: number;
}

export interface LiveClient {
  socket: Socket;
  /** every server message, in the order it arrived */
  received: Received[];
  /** send a command and wait for its acknowledgement */
  send(event: string, payload?: unknown, timeoutMs?: number): Promise<Ack & Record<string, any>>;
  /** join a room; the acknowledgement carries the snapshot */
  join(room: string): Promise<Ack & Record<string, any>>;
  /** the first message of this event ("*" for any) from index `since` that matches, waiting up to `timeoutMs` */
  waitFor(event: string, match?: (data: any) => boolean, options?: { since?: number; timeoutMs?: number }): Promise<any>;
  /** messages of one event received so far */
  messages(event: string): any[];
  close(): void;
}

export interface ConnectOptions {
  cookie?: string | null;
  /** the Origin header; null sends none */
  origin?: string | null;
  timeoutMs?: number;
  /** websocket by default; "polling" checks the long-polling handshake as old browsers use it */
  transports?: ("websocket" | "polling")[];
}

/** The session cookie a browser would hold after signing in with the person's password. */
export async function sessionCookie(baseUrl: string, person: TestPerson): Promise<string> {
  const response = await new BrowserLikeClient(baseUrl).signIn(person.email, person.password);
  const line = response.headers.getSetCookie().find((c) => c.startsWith("parliament_session="));
  if (!line) throw new Error("signing in did not set a session cookie");
  return line.split(";")[0];
}

/** Open a socket; rejects with the server's reason when the handshake is refused. */
export function connectLive(baseUrl: string, options: ConnectOptions = {}): Promise<LiveClient> {
  const headers: Record<string, string> = {};
  const origin = options.origin === undefined ? baseUrl : options.origin;
  if (origin !== null) headers.Origin = origin;
  if (options.cookie) headers.Cookie = options.cookie;
  const socket = io(baseUrl, {
    transports: options.transports ?? ["websocket"],
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
    timeout: options.timeoutMs ?? 5_000,
  });
  const received: Received[] = [];
  const waiters = new Set<() => void>();
  socket.onAny((event: string, data: unknown) => {
    received.push({ event, data, at: Date.now() });
    for (const wake of [...waiters]) wake();
  });

  const client: LiveClient = {
    socket,
    received,
    async send(event, payload, timeoutMs = 5_000) {
      return socket.timeout(timeoutMs).emitWithAck(event, payload);
    },
    join(room) {
      return client.send("room:join", { room });
    },
    waitFor(event, match = () => true, { since = 0, timeoutMs = 5_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.slice(since).find((r) => (event === "*" || r.event === event) && match(r.data));
          if (!found) return false;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(found.data);
          return true;
        };
        const wake = () => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          const seen = received.slice(since).map((r) => r.event).join(", ") || "nothing";
          reject(new Error(`no matching "${event}" within ${timeoutMs} ms (received: ${seen})`));
        }, timeoutMs);
        if (!check()) waiters.add(wake);
      });
    },
    messages(event) {
      return received.filter((r) => r.event === event).map((r) => r.data);
    },
    close() {
      socket.disconnect();
    },
  };

  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(client));
    socket.once("connect_error", (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

/** Sign in as this person and connect with their session, as their open sitting page would. */
export async function connectAs(baseUrl: string, person: TestPerson, options: Omit<ConnectOptions, "cookie"> = {}) {
  return connectLive(baseUrl, { ...options, cookie: await sessionCookie(baseUrl, person) });
}

/** A set of clients closed together at the end of a test. */
export function clientPool() {
  const open: LiveClient[] = [];
  return {
    add<T extends LiveClient>(client: T): T {
      open.push(client);
      return client;
    },
    closeAll() {
      for (const c of open.splice(0)) c.close();
    },
  };
}

/** A sitting on the real server with the chair, some members and a signed-out watcher in its room. */
export async function liveSitting(
  server: TestServer,
  pool: ReturnType<typeof clientPool>,
  { motions = 2, members = 4, connected = 2, debate = true }: { motions?: number; members?: number; connected?: number; debate?: boolean } = {},
) {
  const parliament = { services: server.services, db: server.database.db };
  const scene = debate ? await sittingInDebate(parliament, { motions, members }) : await sittingWithAgenda(parliament, { motions, members });
  const room = `sitting:${scene.sittingId}`;
  const [chair, watcher, ...memberClients] = await Promise.all([
    connectAs(server.url, scene.chair),
    connectLive(server.url),
    ...scene.members.slice(0, connected).map((m) => connectAs(server.url, m)),
  ]);
  const clients = { chair, watcher, members: memberClients };
  for (const c of [chair, watcher, ...memberClients]) {
    pool.add(c);
    const joined = await c.join(room);
    if (!joined.ok) throw new Error(`could not join ${room}: ${JSON.stringify(joined)}`);
  }
  return { ...scene, room, clients };
}
