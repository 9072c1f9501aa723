// Writes a download chunk by chunk with back-pressure: when the response's buffer is full it
// waits for 'drain' before asking for the next chunk, and when the client goes away it stops
// asking. The chunks come from generators that read the database one batch per chunk, so a
// slow reader slows the reads and an abandoned download stops them.

/** The part of an HTTP response (or any writable stream) the pump uses. */
export interface PumpTarget {
  write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): boolean;
  end(): void;
  on(event: "drain" | "close", listener: () => void): unknown;
  off(event: "drain" | "close", listener: () => void): unknown;
  readonly destroyed?: boolean;
  /** the compression middleware's flush: sends what it holds without waiting for more */
  flush?: () => void;
  /** an HTTP response's headers: whether the body is being compressed */
  getHeader?: (name: string) => unknown;
}

export type PumpResult = "finished" | "aborted";

/** Two buffers are enough to keep the socket busy: one being sent while the next is filled. */
const BUFFERS = 2;

export async function pump(out: PumpTarget, chunks: AsyncIterable<string>): Promise<PumpResult> {
  let closed = out.destroyed === true;
  let wake: (() => void) | null = null;
  const resume = () => {
    const waiting = wake;
    wake = null;
    waiting?.();
  };
  const onClose = () => {
    closed = true;
    resume();
  };
  // One listener each for the whole download: the compression middleware moves 'drain'
  // listeners onto its zlib stream, where a listener per wait could never be removed.
  out.on("drain", resume);
  out.on("close", onClose);
  const sleep = () => new Promise<void>((resolve) => (wake = resolve));

  // Text written as a string is copied into fresh native memory that is only given back when
  // the collector next runs, and a download makes so little other garbage that it may not run
  // for hundreds of megabytes. Uncompressed bodies therefore go out through a few buffers
  // used over and over, each refilled only once the socket has taken what it held. (A
  // compressed body is copied into zlib at once and its output is small: strings are fine.)
  const free: Buffer[] = [];
  let owned = 0;
  let writeError = false;
  const release = (buffer: Buffer) => (error?: Error | null) => {
    if (error) writeError = true;
    free.push(buffer);
    resume();
  };

  try {
    let first = true;
    // Leaving this loop early calls the generator's return(): it reads nothing more.
    for await (const chunk of chunks) {
      if (closed || writeError) return "aborted";
      // The compression middleware decides when the headers go out, with the first write.
      const reuse = !first && out.getHeader !== undefined && !out.getHeader("content-encoding");
      first = false;
      let accepted: boolean;
      if (reuse) {
        const bytes = Buffer.byteLength(chunk);
        if (!free.length && owned < BUFFERS) {
          free.push(Buffer.allocUnsafe(Math.max(bytes, 64 * 1024)));
          owned++;
        }
        while (!free.length && !closed) await sleep();
        if (closed || writeError) return "aborted";
        let buffer = free.pop()!;
        if (buffer.length < bytes) buffer = Buffer.allocUnsafe(bytes);
        const written = buffer.write(chunk, "utf8");
        accepted = out.write(buffer.subarray(0, written), release(buffer));
      } else {
        accepted = out.write(chunk);
      }
      if (!accepted) await sleep();
      if (closed || writeError) return "aborted";
      out.flush?.();
    }
    if (closed) return "aborted";
    out.end();
    return "finished";
  } finally {
    out.off("drain", resume);
    out.off("close", onClose);
  }
}

/**
 * Joins small pieces of text into chunks of about `size` characters, to write a few at a time.
 * Measured on a 300 MB export, chunks this size left far less garbage behind than one string
 * per batch of motions (30 MB of growth against 75 MB): V8 gives each string over 128 KB a
 * page of its own in its large-object space, and those pages were collected late.
 */
export async function* inChunks(pieces: AsyncIterable<string> | Iterable<string>, size = 60_000): AsyncGenerator<string> {
  let chunk = "";
  for await (const piece of pieces) {
    chunk += piece;
    if (chunk.length >= size) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}
