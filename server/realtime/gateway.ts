// The Socket.IO gateway, on the same HTTP server and port as the pages. Anyone may watch a room
// (the public gallery); only signed-in people act, and every command goes through the same
// service as the HTTP form. Domain events fan out to rooms as small, versioned messages.
import type http from "node:http";
import { Server, type Socket } from "socket.io";
import { z } from "zod";
import type { Auth } from "../auth/sessions";
import { isServiceError } from "../domain/errors";
import type { Actor } from "../domain/permissions";
import { SOCKET_GRACE_MS } from "../domain/sitting-rules";
import type { EventBus } from "../events";
import { isSameOrigin } from "../http/origin";
import type { Services } from "../services";
import { MAX_ROW_ID, commands } from "./commands";
import { createCoalescer } from "./coalescer";

export const TALLY_WINDOW_MS = 100;
const SESSION_RECHECK_MS = 60_000;
const STATE_WINDOW_MS = 100;
const PRESENCE_WINDOW_MS = 500;

export type Ack = { ok: true; [key: string]: unknown } | { ok: false; error: { code: string; message: string } };

const roomSchema = z.object({
  room: z
    .string()
    .regex(/^(sitting|motion):[1-9]\d{0,9}$|^record$/)
    .refine((room) => room === "record" || Number(room.split(":")[1]) <= MAX_ROW_ID),
});

interface SocketData {
  actor: Actor | null;
  /** the session behind the handshake, and when it was last confirmed */
  sessionId: string | null;
  checkedAt: number;
  /** the session behind this connection has ended: it may watch, never act */
  ended: boolean;
  /** sitting rooms this socket joined, for presence and the gallery count */
  sittings: Set<number>;
}

type LiveSocket = Socket<any, any, any, SocketData>;

function fail(code: string, message: string): Ack {
  return { ok: false, error: { code, message } };
}

export function attachRealtime(
  httpServer: http.Server,
  { services, auth, events, log }: { services: Services; auth: Auth; events: EventBus; log: (m: string) => void },
) {
  const io = new Server<any, any, any, SocketData>(httpServer, {
    serveClient: false,
    // Commands are small; a bigger frame is a mistake or an attack.
    maxHttpBufferSize: 32 * 1024,
    // Same rule as form posts: the handshake must come from a page of this site.
    allowRequest: (req, callback) => callback(null, isSameOrigin(req.headers.origin, req.headers.host)),
  });
  const versions = new Map<string, number>();
  const gallery = new Map<number, number>();
  let stopping = false;

  /** Every room message carries the room's next version, so clients can spot a gap. */
  function send(room: string, event: string, data: Record<string, unknown>) {
    if (!io.sockets.adapter.rooms.get(room)?.size) return;
    const version = (versions.get(room) ?? 0) + 1;
    versions.set(room, version);
    io.to(room).emit(event, { ...data, room, version });
  }

  const onError = (error: unknown) => log(`realtime: ${(error as Error).stack ?? error}`);
  // Issued before the server listens, so it runs ahead of the first handshake's queries.
  services.presence.forgetConnections().catch(onError);

  const tallies = createCoalescer<number>(
    TALLY_WINDOW_MS,
    async (ballotId, committedAt) => {
      const b = await services.read.ballotTally(ballotId);
      if (!b) return;
      const message = { ...b, committedAt };
      send(`motion:${b.motionId}`, "ballot:tally", message);
      if (b.sittingId) send(`sitting:${b.sittingId}`, "ballot:tally", message);
    },
    onError,
  );

  const sittingStates = createCoalescer<number>(
    STATE_WINDOW_MS,
    async (sittingId) => {
      const room = `sitting:${sittingId}`;
      if (!io.sockets.adapter.rooms.get(room)?.size) return;
      send(room, "sitting:state", { state: await services.read.liveSitting(sittingId, null) });
    },
    onError,
  );

  const presence = createCoalescer<number>(
    PRESENCE_WINDOW_MS,
    async (sittingId) => {
      await services.presence.setGallery(sittingId, gallery.get(sittingId) ?? 0);
      send(`sitting:${sittingId}`, "sitting:presence", { presence: await services.presence.summary(sittingId) });
    },
    onError,
  );

  const unsubscribe = events.on((event) => {
    switch (event.type) {
      case "user:changed":
        // Look again before this person's next command (rare: a sign-out, suspension or new role).
        for (const socket of io.sockets.sockets.values()) {
          const data = socket.data as SocketData;
          if (data.actor?.id === event.userId && (!event.sessionId || data.sessionId === event.sessionId)) data.checkedAt = 0;
        }
        break;
      case "ballot:tally":
        tallies.mark(event.ballotId);
        break;
      case "ballot:opened":
      case "ballot:closed":
        tallies.mark(event.ballotId);
        send(`motion:${event.motionId}`, "motion:changed", { motionId: event.motionId });
        break;
      case "sitting:changed":
        sittingStates.mark(event.sittingId);
        break;
      case "presence:changed":
        presence.mark(event.sittingId);
        break;
      case "post:changed":
        send(`motion:${event.motionId}`, "post:changed", { motionId: event.motionId, postId: event.postId });
        break;
      case "motion:published":
      case "motion:changed":
      case "motion:state":
      case "response:published":
        send(`motion:${event.motionId}`, "motion:changed", { motionId: event.motionId });
        send("record", "record:changed", { motionId: event.motionId });
        break;
    }
  });

  async function snapshot(room: string, actor: Actor | null) {
    const version = versions.get(room) ?? 0;
    const [kind, id] = room.split(":");
    if (kind === "sitting") {
      const state = await services.read.liveSitting(Number(id), actor);
      return state ? { version, state } : null;
    }
    return { version };
  }

  async function join(socket: LiveSocket, room: string) {
    const [kind, id] = room.split(":");
    const snap = await snapshot(room, socket.data.actor);
    if (!snap) return null;
    socket.join(room);
    if (kind === "sitting" && !socket.data.sittings.has(Number(id))) {
      const sittingId = Number(id);
      socket.data.sittings.add(sittingId);
      if (socket.data.actor) await services.presence.connected(socket.data.actor, sittingId);
      else {
        gallery.set(sittingId, (gallery.get(sittingId) ?? 0) + 1);
        presence.mark(sittingId);
      }
    }
    return snap;
  }

  async function leave(socket: LiveSocket, sittingId: number) {
    socket.data.sittings.delete(sittingId);
    if (stopping) return;
    if (socket.data.actor) {
      await services.presence.disconnected(socket.data.actor, sittingId);
      // The member stays present through the grace period; announce when it runs out.
      setTimeout(() => presence.mark(sittingId), SOCKET_GRACE_MS + 50).unref();
    } else {
      gallery.set(sittingId, Math.max(0, (gallery.get(sittingId) ?? 1) - 1));
      presence.mark(sittingId);
    }
  }

  /**
   * Who is acting now. The handshake's session may since have ended (signed out, or suspended and
   * so signed out everywhere) or its role changed; a live connection must not outlive that. Those
   * changes announce themselves (user:changed), and a session is confirmed again at least every
   * minute anyway, so a vote costs no session lookup.
   */
  async function actingAs(socket: LiveSocket): Promise<Actor | null> {
    if (!socket.data.actor || socket.data.ended) return null;
    if (Date.now() - socket.data.checkedAt > SESSION_RECHECK_MS) {
      const session = await auth.check(socket.handshake.headers.cookie);
      socket.data.checkedAt = Date.now();
      if (session.actor?.id === socket.data.actor.id) socket.data.actor = session.actor;
      else socket.data.ended = true;
    }
    return socket.data.ended ? null : socket.data.actor;
  }

  io.use(async (socket, next) => {
    try {
      const session = await auth.check(socket.handshake.headers.cookie);
      socket.data.actor = session.actor;
      socket.data.sessionId = session.sessionId;
      socket.data.checkedAt = Date.now();
      socket.data.ended = false;
      socket.data.sittings = new Set();
      next();
    } catch (error) {
      onError(error);
      next(new Error("Your session could not be checked. Please reload the page."));
    }
  });

  io.on("connection", (socket: LiveSocket) => {
    /** Always answer, whatever the client sent; never let a bad message escape. */
    const answer = (ack: unknown, result: Ack) => {
      if (typeof ack === "function") ack(result);
    };
    /** `emit(name, callback)` without a payload hands the callback over first. */
    const on = (event: string, handler: (payload: unknown, ack: unknown) => Promise<void>) =>
      socket.on(event, (payload: unknown, ack: unknown) =>
        typeof payload === "function" ? handler(undefined, payload) : handler(payload, ack),
      );
    const known = new Set(["room:join", "room:leave", "snapshot:get", ...Object.keys(commands)]);
    // A client waiting on an acknowledgement for a command that does not exist would wait forever.
    socket.onAny((event: string, ...args: unknown[]) => {
      if (!known.has(event)) answer(args.at(-1), fail("invalid_input", "There is no such command."));
    });

    on("room:join", async (payload, ack) => {
      const parsed = roomSchema.safeParse(payload);
      if (!parsed.success) return answer(ack, fail("invalid_input", "Give a room such as sitting:12 or motion:3."));
      try {
        const snap = await join(socket, parsed.data.room);
        answer(ack, snap ? { ok: true, ...snap } : fail("not_found", "There is no such sitting."));
      } catch (error) {
        onError(error);
        answer(ack, fail("server_error", "Something went wrong on our side. Please try again."));
      }
    });

    on("room:leave", async (payload, ack) => {
      const parsed = roomSchema.safeParse(payload);
      if (!parsed.success) return answer(ack, fail("invalid_input", "Give a room such as sitting:12 or motion:3."));
      socket.leave(parsed.data.room);
      const [kind, id] = parsed.data.room.split(":");
      if (kind === "sitting" && socket.data.sittings.has(Number(id))) await leave(socket, Number(id)).catch(onError);
      answer(ack, { ok: true });
    });

    on("snapshot:get", async (payload, ack) => {
      const parsed = roomSchema.safeParse(payload);
      if (!parsed.success) return answer(ack, fail("invalid_input", "Give a room such as sitting:12 or motion:3."));
      try {
        const snap = await snapshot(parsed.data.room, socket.data.actor);
        answer(ack, snap ? { ok: true, ...snap } : fail("not_found", "There is no such sitting."));
      } catch (error) {
        onError(error);
        answer(ack, fail("server_error", "Something went wrong on our side. Please try again."));
      }
    });

    for (const [name, command] of Object.entries(commands)) {
      on(name, async (payload, ack) => {
        if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
          return answer(ack, fail("invalid_input", "A command takes an object of named values, such as { ballotId: 3, choice: \"for\" }."));
        }
        const target = command.target.safeParse(payload);
        if (!target.success) {
          return answer(ack, fail("invalid_input", target.error.issues[0]?.message ?? "That message is not in the right shape."));
        }
        try {
          const actor = await actingAs(socket);
          if (socket.data.ended) {
            return answer(ack, fail("not_allowed", "Your session has ended. Please reload the page and sign in again."));
          }
          const result = await command.run(services, actor, target.data);
          answer(ack, { ok: true, ...(result && typeof result === "object" ? result : {}) });
        } catch (error) {
          if (isServiceError(error)) return answer(ack, fail(error.code, error.message));
          onError(error);
          answer(ack, fail("server_error", "Something went wrong on our side. Nothing was changed; please try again."));
        }
      });
    }

    socket.on("disconnect", () => {
      for (const sittingId of [...socket.data.sittings]) void leave(socket, sittingId).catch(onError);
    });
  });

  return {
    io,
    async stop() {
      stopping = true;
      unsubscribe();
      tallies.stop();
      sittingStates.stop();
      presence.stop();
      io.disconnectSockets(true);
      io.engine.close();
    },
  };
}

export type Realtime = ReturnType<typeof attachRealtime>;
