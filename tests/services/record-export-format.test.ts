// The pieces the exports are written with: the back-pressure pump, CSV quoting, and XML text.
import { Writable } from "node:stream";
import { parse } from "csv-parse/sync";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { atomFeed, tagUri, xmlText } from "../../server/record/atom";
import { csvField, defuseFormula } from "../../server/record/csv";
import { inChunks, pump } from "../../server/record/pump";

/** A slow client: it takes bytes only when the test says so. */
function slowClient() {
  const waiting: (() => void)[] = [];
  const received: string[] = [];
  const out = new Writable({
    highWaterMark: 8,
    decodeStrings: false,
    write(chunk: string, _encoding, done) {
      received.push(chunk);
      waiting.push(done);
    },
  });
  return {
    out,
    received,
    /** let the client take everything written so far */
    catchUp: () => {
      for (const done of waiting.splice(0)) done();
    },
  };
}

/** A source that counts how many chunks were asked of it and whether it was stopped. */
function countingSource(total: number) {
  const state = { asked: 0, stopped: false };
  async function* chunks() {
    try {
      for (let i = 1; i <= total; i++) {
        state.asked = i;
        yield `batch ${i} of ${total}\n`;
      }
    } finally {
      state.stopped = true;
    }
  }
  return { state, chunks };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("the download pump", () => {
  it("asks for the next batch only when the client has taken the last one", async () => {
    const client = slowClient();
    const source = countingSource(3);
    const done = pump(client.out, source.chunks());
    for (let i = 0; i < 5; i++) await tick();
    expect(source.state.asked).toBe(1);
    expect(client.received).toEqual(["batch 1 of 3\n"]);

    client.catchUp();
    for (let i = 0; i < 5; i++) await tick();
    expect(source.state.asked).toBe(2);

    client.catchUp();
    for (let i = 0; i < 5; i++) await tick();
    client.catchUp();
    expect(await done).toBe("finished");
    expect(client.received.join("")).toBe("batch 1 of 3\nbatch 2 of 3\nbatch 3 of 3\n");
    expect(source.state.stopped).toBe(true);
  });

  it("stops asking when the client goes away, and closes the source", async () => {
    const client = slowClient();
    const source = countingSource(1_000);
    const done = pump(client.out, source.chunks());
    for (let i = 0; i < 5; i++) await tick();
    client.out.destroy();
    expect(await done).toBe("aborted");
    expect(source.state.asked).toBe(1);
    expect(source.state.stopped).toBe(true);
  });
});

/**
 * A plain (uncompressed) HTTP response as the pump sees it: it keeps each buffer it is given
 * (as a socket does until the kernel has it) and says it is done only when the test lets it.
 */
function plainResponse() {
  const held: { bytes: Uint8Array; done: (error?: Error | null) => void }[] = [];
  /** what the socket read from each write, at the moment it sent it */
  const sent: string[] = [];
  const buffersUsed = new Set<ArrayBufferLike>();
  const listeners = new Map<string, () => void>();
  const out = {
    getHeader: (_name: string) => undefined,
    write(chunk: string | Uint8Array, done?: (error?: Error | null) => void) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      if (typeof chunk !== "string") buffersUsed.add(chunk.buffer);
      held.push({ bytes, done: done ?? (() => {}) });
      return true;
    },
    end() {},
    on: (event: string, listener: () => void) => listeners.set(event, listener),
    off: (event: string) => listeners.delete(event),
  };
  return {
    out,
    sent,
    buffersUsed,
    /** the socket sends the oldest write it holds, reading its bytes only now */
    sendOne: () => {
      const write = held.shift();
      if (!write) return;
      sent.push(Buffer.from(write.bytes).toString("utf8"));
      write.done();
    },
    get waiting() {
      return held.length;
    },
  };
}

describe("the download pump, uncompressed", () => {
  it("reuses two buffers, refilling one only after the socket has sent what it held", async () => {
    const response = plainResponse();
    const pieces = Array.from({ length: 12 }, (_, i) => `line ${i} ${"é".repeat(i * 10)}\n`);
    async function* source() {
      yield* pieces;
    }
    const done = pump(response.out, source());
    for (let step = 0; step < 200 && response.sent.length < pieces.length; step++) {
      await tick();
      // Never more than the first (string) write and two buffers in the socket's hands.
      expect(response.waiting).toBeLessThanOrEqual(3);
      response.sendOne();
    }
    while (response.waiting) response.sendOne();
    expect(await done).toBe("finished");
    // What the socket read, when it read it, is the text in order: no buffer was refilled
    // while the socket still held it.
    expect(response.sent).toEqual(pieces);
    expect(response.buffersUsed.size).toBeGreaterThan(0);
    expect(response.buffersUsed.size).toBeLessThanOrEqual(2);
  });
});

describe("chunks of text", () => {
  it("joins small pieces into chunks of at least the size, keeping every character in order", async () => {
    const source = countingSource(10); // pieces of 14 or 15 characters
    const chunks: string[] = [];
    for await (const chunk of inChunks(source.chunks(), 40)) chunks.push(chunk);
    expect(chunks.slice(0, -1).every((c) => c.length >= 40 && c.length < 40 + 15)).toBe(true);
    expect(chunks.length).toBeLessThan(10);
    expect(chunks.join("")).toBe(Array.from({ length: 10 }, (_, i) => `batch ${i + 1} of 10\n`).join(""));
  });

  it("stops the source when the reader stops, so an abandoned download reads nothing more", async () => {
    const client = slowClient();
    const source = countingSource(1_000);
    const done = pump(client.out, inChunks(source.chunks(), 40));
    for (let i = 0; i < 5; i++) await tick();
    client.out.destroy();
    expect(await done).toBe("aborted");
    expect(source.state.asked).toBeLessThan(10);
    expect(source.state.stopped).toBe(true);
  });
});

describe("CSV fields", () => {
  it("quotes commas, quotes and line breaks as RFC 4180 says, so a parser gets the text back", () => {
    const awkward = ['Say "no" to waiting lists, now', "two\r\nlines", "plain", "", 'only "quotes"'];
    const line = `${awkward.map(csvField).join(",")}\r\n`;
    expect(csvField("plain")).toBe("plain");
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(parse(line)).toEqual([awkward]);
  });

  it("defuses text a spreadsheet would run as a formula, and leaves other text alone", () => {
    expect(defuseFormula('=HYPERLINK("http://example.com")')).toBe(`'=HYPERLINK("http://example.com")`);
    expect(defuseFormula("+44 line")).toBe("'+44 line");
    expect(defuseFormula("@chair")).toBe("'@chair");
    expect(defuseFormula("Fund crisis cafés")).toBe("Fund crisis cafés");
  });
});

describe("Atom text", () => {
  it("escapes markup and drops characters XML 1.0 cannot hold", () => {
    expect(xmlText(`Beds & "spaces" <now>`)).toBe("Beds &amp; &quot;spaces&quot; &lt;now&gt;");
    expect(xmlText("bell\u0007 and nul\u0000 gone, tab\tand newline\nkept")).toBe("bell and nul gone, tab\tand newline\nkept");
    expect(xmlText("half a pair \uD83D here, whole 😀 kept")).toBe("half a pair  here, whole 😀 kept");
  });

  it("builds a well-formed feed from awkward text, with tag: ids from the host and the day", () => {
    const entry = {
      key: "response/7",
      category: "response" as const,
      rowId: 7,
      at: Date.UTC(2026, 4, 3, 12),
      title: "A & B <reply>\u0001",
      summary: 'He said "yes"',
      path: "/motions/M-2026-001#response-1",
      author: "Council & partners",
      number: "M-2026-001",
    };
    const xml = atomFeed({
      selfUrl: "https://parliament.example/feed.atom",
      pageUrl: "https://parliament.example/motions",
      title: "Feed",
      subtitle: "Everything",
      origin: "https://parliament.example",
      parliamentName: "Riverside <Parliament>",
      entries: [entry],
      now: 0,
    });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(tagUri("https://parliament.example:8443", entry)).toBe("tag:parliament.example,2026-05-03:response/7");
    expect(xml).toContain("<updated>2026-05-03T12:00:00.000Z</updated>");
  });
});
