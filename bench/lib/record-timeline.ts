// The record happens in time order, but it is generated a motion at a time. Rows whose order
// matters (audit entries, whose hash chain must follow time, and posts, whose ids follow time
// as they would in a real thread) wait in a heap and are written when no later-generated
// motion can still produce anything earlier: motions are generated in publication order, so
// everything before the next motion's publication is final.
import { GENESIS_HASH, hashEntry } from "../../server/services/audit";
import { canonicalJson } from "../../server/domain/canonical-json";
import type { BulkWriter } from "./record-sqlite";

export interface AuditEvent {
  kind: "audit";
  at: number;
  type: string;
  actorId: string | null;
  subjectType: string;
  /** a function when the subject's id is known only once it is written (a post) */
  subjectId: number | string | (() => number);
  motionId: number | null;
  payload: Record<string, unknown> | (() => Record<string, unknown>);
}

export interface PostEvent {
  kind: "post";
  at: number;
  motionId: number;
  parent: PostEvent | null;
  depth: number;
  authorId: string;
  stance: string;
  body: string;
  editedAt: number | null;
  /** the text before the edit */
  original: { stance: string; body: string } | null;
  deletedAt: number | null;
  hidden: { at: number; by: string; reason: string } | null;
  reports: { reporterId: string; reason: string; at: number; resolvedAt: number | null; resolvedBy: string | null }[];
  /** given when written */
  id: number;
}

type Event = AuditEvent | PostEvent;
interface Entry {
  at: number;
  order: number;
  event: Event;
}

export class Timeline {
  private heap: Entry[] = [];
  private order = 0;
  private seq = 0;
  private prevHash = GENESIS_HASH;
  private postId = 0;
  written = { audit: 0, posts: 0 };

  constructor(private readonly out: BulkWriter) {}

  get size() {
    return this.heap.length;
  }

  /** Same-time events keep the order they were added in (a ballot closes, then the motion moves). */
  add(event: Event) {
    const entry = { at: event.at, order: this.order++, event };
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = entry;
  }

  audit(at: number, type: string, actorId: string | null, subjectType: string, subjectId: AuditEvent["subjectId"], motionId: number | null, payload: AuditEvent["payload"]) {
    this.add({ kind: "audit", at, type, actorId, subjectType, subjectId, motionId, payload });
  }

  /** Write everything that happened before `until`. */
  flush(until = Infinity) {
    const heap = this.heap;
    while (heap.length && heap[0].at < until) {
      const top = heap[0];
      const last = heap.pop()!;
      if (heap.length) {
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= heap.length) break;
          const r = l + 1;
          const child = r < heap.length && before(heap[r], heap[l]) ? r : l;
          if (!before(heap[child], last)) break;
          heap[i] = heap[child];
          i = child;
        }
        heap[i] = last;
      }
      this.write(top.event);
    }
  }

  private write(event: Event) {
    if (event.kind === "post") return this.writePost(event);
    const subjectId = typeof event.subjectId === "function" ? event.subjectId() : event.subjectId;
    const payload = typeof event.payload === "function" ? event.payload() : event.payload;
    const fields = {
      seq: ++this.seq,
      at: event.at,
      actor_id: event.actorId,
      type: event.type,
      subject_type: event.subjectType,
      subject_id: String(subjectId),
      motion_id: event.motionId,
      payload: canonicalJson(payload),
    };
    // The application's own hash function: the generated chain verifies with `npm run audit:verify`.
    const hash = hashEntry(this.prevHash, fields);
    this.out.insert("audit_log", [fields.seq, fields.at, fields.actor_id, fields.type, fields.subject_type, fields.subject_id, fields.motion_id, fields.payload, this.prevHash, hash]);
    this.prevHash = hash;
    this.written.audit++;
  }

  private writePost(p: PostEvent) {
    p.id = ++this.postId;
    this.out.insert("posts", [
      p.id, p.motionId, p.parent?.id ?? null, p.depth, p.authorId, p.stance, p.deletedAt ? "" : p.body, p.at, p.editedAt, p.deletedAt,
      p.hidden?.at ?? null, p.hidden?.by ?? null, p.hidden?.reason ?? null,
    ]);
    if (p.original && !p.deletedAt) this.out.insert("post_revisions", [p.id, p.original.stance, p.original.body, p.editedAt]);
    for (const r of p.reports) this.out.insert("post_reports", [p.id, r.reporterId, r.reason, r.at, r.resolvedAt, r.resolvedBy]);
    this.written.posts++;
  }
}

function before(a: Entry, b: Entry) {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}
