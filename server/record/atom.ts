// Atom 1.0 (RFC 4287) for the feeds. Fifty entries are small, so the document is built as one
// string; every piece of text people typed is escaped, and characters XML 1.0 forbids are dropped.
import type { FeedCategory, FeedEntry } from "./feed-entries";
import { isoTime } from "./motion-facts";

// eslint-disable-next-line no-control-regex
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(value: string): string {
  return value.replace(notXml, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const categoryLabels: Record<FeedCategory, string> = {
  decision: "Decision",
  response: "Response",
  "holding-reply": "Holding reply",
  "action-update": "Action update",
};

export interface FeedDocument {
  /** this feed's own address: its Atom id and rel="self" link */
  selfUrl: string;
  /** the page the feed follows */
  pageUrl: string;
  title: string;
  subtitle: string;
  /** scheme, host and port the links are built on */
  origin: string;
  parliamentName: string;
  entries: FeedEntry[];
  /** used as the feed's updated time when it has no entries yet */
  now: number;
}

/**
 * A tag: URI (RFC 4151) for an entry: the site's host name, the day the thing happened, and what
 * it is. It never changes, so feed readers show each decision or update once.
 */
export function tagUri(origin: string, entry: Pick<FeedEntry, "at" | "key">): string {
  const host = new URL(origin).hostname;
  return `tag:${host},${isoTime(entry.at)!.slice(0, 10)}:${entry.key}`;
}

function entryXml(e: FeedEntry, doc: FeedDocument): string {
  const at = isoTime(e.at)!;
  return [
    "  <entry>",
    `    <id>${xmlText(tagUri(doc.origin, e))}</id>`,
    `    <title>${xmlText(e.title)}</title>`,
    `    <updated>${at}</updated>`,
    `    <published>${at}</published>`,
    `    <author><name>${xmlText(e.author ?? doc.parliamentName)}</name></author>`,
    `    <link rel="alternate" type="text/html" href="${xmlText(doc.origin + e.path)}"/>`,
    `    <category term="${e.category}" label="${categoryLabels[e.category]}"/>`,
    `    <summary>${xmlText(e.summary)}</summary>`,
    "  </entry>",
  ].join("\n");
}

export function atomFeed(doc: FeedDocument): string {
  const updated = isoTime(doc.entries.length ? Math.max(...doc.entries.map((e) => e.at)) : doc.now);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">',
    `  <id>${xmlText(doc.selfUrl)}</id>`,
    `  <title>${xmlText(doc.title)}</title>`,
    `  <subtitle>${xmlText(doc.subtitle)}</subtitle>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(doc.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(doc.pageUrl)}"/>`,
    `  <author><name>${xmlText(doc.parliamentName)}</name></author>`,
    ...doc.entries.map((e) => entryXml(e, doc)),
    "</feed>",
    "",
  ].join("\n");
}
