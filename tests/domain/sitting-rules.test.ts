import { describe, expect, it } from "vitest";
import type { AgendaItemStatus, SittingStatus, SpeakerKind, SpeakerStatus } from "../../db/schema";
import { InvalidState } from "../../server/domain/errors";
import {
  PAGE_GRACE_MS,
  SOCKET_GRACE_MS,
  assertItemTransition,
  assertSittingTransition,
  isActiveItem,
  itemStatusLabels,
  queueOrder,
  sittingStatusLabels,
  speakerKindLabels,
} from "../../server/domain/sitting-rules";

// The rules written out again, so a change to a state table has to be made twice, on purpose.
const sittingMoves: Record<SittingStatus, SittingStatus[]> = {
  scheduled: ["open"],
  open: ["suspended", "closed"],
  suspended: ["open", "closed"],
  closed: [],
};
const itemMoves: Record<AgendaItemStatus, AgendaItemStatus[]> = {
  pending: ["debating"],
  debating: ["voting", "adjourned"],
  voting: ["decided", "debating"],
  decided: [],
  adjourned: ["debating"],
};
const sittingStatuses = Object.keys(sittingMoves) as SittingStatus[];
const itemStatuses = Object.keys(itemMoves) as AgendaItemStatus[];

describe("a sitting's life", () => {
  it("every status has a label", () => {
    expect(Object.keys(sittingStatusLabels).sort()).toEqual([...sittingStatuses].sort());
  });

  describe.each(sittingStatuses)("from %s", (from) => {
    it.each(sittingStatuses)("to %s only where the rules say so", (to) => {
      if (sittingMoves[from].includes(to)) expect(() => assertSittingTransition(from, to)).not.toThrow();
      else expect(() => assertSittingTransition(from, to)).toThrow(InvalidState);
    });
  });

  it("a closed sitting never opens again, and says why in plain words", () => {
    expect(() => assertSittingTransition("closed", "open")).toThrow("This sitting is closed, so it cannot become in session.");
  });
});

describe("an agenda item's life", () => {
  it("every status has a label", () => {
    expect(Object.keys(itemStatusLabels).sort()).toEqual([...itemStatuses].sort());
  });

  describe.each(itemStatuses)("from %s", (from) => {
    it.each(itemStatuses)("to %s only where the rules say so", (to) => {
      if (itemMoves[from].includes(to)) expect(() => assertItemTransition(from, to)).not.toThrow();
      else expect(() => assertItemTransition(from, to)).toThrow(InvalidState);
    });
  });

  it("a ballot without quorum sends the item back to debate, and an adjourned item can be taken up again", () => {
    expect(() => assertItemTransition("voting", "debating")).not.toThrow();
    expect(() => assertItemTransition("adjourned", "debating")).not.toThrow();
    expect(() => assertItemTransition("decided", "debating")).toThrow("This agenda item is decided, so it cannot become in debate.");
  });

  it("only an item in debate or voting is the active one", () => {
    expect(itemStatuses.filter(isActiveItem).sort()).toEqual(["debating", "voting"]);
  });
});

describe("the speakers queue", () => {
  let nextId = 0;
  const request = (kind: SpeakerKind, requested_at: number, extra: { id?: number; status?: SpeakerStatus } = {}) => ({
    id: extra.id ?? ++nextId,
    kind,
    status: extra.status ?? ("waiting" as SpeakerStatus),
    requested_at,
  });

  it("every kind of request has a label", () => {
    expect(Object.keys(speakerKindLabels).sort()).toEqual(["point_of_order", "question", "speech"]);
  });

  it("is first come, first served for speeches and questions alike", () => {
    const a = request("speech", 300);
    const b = request("question", 100);
    const c = request("speech", 200);
    expect(queueOrder([a, b, c])).toEqual([b, c, a]);
  });

  it("puts points of order at the front, in the order they were raised", () => {
    const speech = request("speech", 100);
    const laterOrder = request("point_of_order", 500);
    const question = request("question", 200);
    const earlierOrder = request("point_of_order", 400);
    expect(queueOrder([speech, laterOrder, question, earlierOrder])).toEqual([earlierOrder, laterOrder, speech, question]);
  });

  it("breaks a tie in time by the order the requests were stored", () => {
    const second = request("speech", 100, { id: 42 });
    const first = request("speech", 100, { id: 7 });
    const orderA = request("point_of_order", 100, { id: 50 });
    const orderB = request("point_of_order", 100, { id: 49 });
    expect(queueOrder([second, orderA, first, orderB]).map((r) => r.id)).toEqual([49, 50, 7, 42]);
  });

  it("leaves out whoever is speaking, has spoken, withdrew or was removed", () => {
    const waiting = request("speech", 500);
    const others = (["speaking", "spoken", "withdrawn", "removed"] as SpeakerStatus[]).map((status, i) => request("speech", i, { status }));
    expect(queueOrder([...others, waiting])).toEqual([waiting]);
  });

  it("does not reorder the list it was given", () => {
    const list = [request("speech", 2), request("point_of_order", 3)];
    const copy = [...list];
    queueOrder(list);
    expect(list).toEqual(copy);
  });
});

describe("who is present", () => {
  it("the socket grace is a short wobble, the page grace covers reading a page", () => {
    expect(SOCKET_GRACE_MS).toBeLessThan(PAGE_GRACE_MS);
    expect(SOCKET_GRACE_MS).toBeGreaterThanOrEqual(10_000);
  });
});
