// Live updates, layered on top of pages that already work without them. One Socket.IO
// connection per browser tab, shared by every room the page watches. Rooms send versioned
// messages; a gap or a reconnection fetches a fresh snapshot, so nothing depends on the socket
// staying up.
import { useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";

export type Ack<T = Record<string, unknown>> =
  | ({ ok: true } & T)
  | { ok: false; error: { code: string; message: string } };

let shared: Socket | null = null;

function socket(): Socket {
  // Same origin as the page, so the session cookie goes with the handshake. WebSocket only:
  // its handshake always carries Origin, which the server checks; long-polling requests from
  // the same origin carry none, so they would be refused. Without a socket, pages still work.
  shared ??= io({ withCredentials: true, transports: ["websocket"] });
  return shared;
}

/** Send a command; null when there is no live connection (the caller falls back to the form). */
export async function sendCommand<T = Record<string, unknown>>(name: string, payload: object, timeoutMs = 8000): Promise<Ack<T> | null> {
  const s = socket();
  if (!s.connected) return null;
  try {
    return (await s.timeout(timeoutMs).emitWithAck(name, payload)) as Ack<T>;
  } catch {
    return null;
  }
}

interface RoomMessage {
  room: string;
  version: number;
  [key: string]: unknown;
}

/**
 * Watch a room. `onSnapshot` gets the full state on joining, on reconnecting and after a missed
 * message; `handlers` get each message in order. Returns whether the live connection is up.
 */
export function useLiveRoom(
  room: string,
  handlers: Record<string, (message: any) => void>,
  onSnapshot?: (snapshot: any) => void,
  /** false: stay out of the room (a closed sitting has nothing live to watch) */
  enabled = true,
): boolean {
  const [connected, setConnected] = useState(false);
  const latest = useRef({ handlers, onSnapshot });
  latest.current = { handlers, onSnapshot };

  useEffect(() => {
    if (!enabled) return;
    const s = socket();
    let version: number | null = null;
    let cancelled = false;

    const takeSnapshot = (snap: Ack<{ version: number }>) => {
      if (cancelled || !snap.ok) return;
      version = snap.version;
      latest.current.onSnapshot?.(snap);
    };
    const join = () => {
      setConnected(true);
      s.timeout(8000)
        .emitWithAck("room:join", { room })
        .then(takeSnapshot)
        .catch(() => {});
    };
    const resync = () => {
      s.timeout(8000)
        .emitWithAck("snapshot:get", { room })
        .then(takeSnapshot)
        .catch(() => {});
    };
    const onDisconnect = () => setConnected(false);

    const listeners = Object.keys(latest.current.handlers).map((event) => {
      const listener = (message: RoomMessage) => {
        if (message.room !== room || version === null) return;
        if (message.version <= version) return; // already covered by a snapshot
        if (message.version !== version + 1) return resync(); // a gap: something was missed
        version = message.version;
        latest.current.handlers[event]?.(message);
      };
      s.on(event, listener);
      return [event, listener] as const;
    });

    s.on("connect", join);
    s.on("disconnect", onDisconnect);
    if (s.connected) join();

    return () => {
      cancelled = true;
      s.off("connect", join);
      s.off("disconnect", onDisconnect);
      for (const [event, listener] of listeners) s.off(event, listener);
      if (s.connected) s.emit("room:leave", { room });
    };
  }, [room, enabled]);

  return connected;
}
