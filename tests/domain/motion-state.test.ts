import { describe, expect, it } from "vitest";
import type { MotionStatus } from "../../db/schema";
import { InvalidState } from "../../server/domain/errors";
import {
  assertTransition,
  canEditText,
  canSecond,
  canTransition,
  canWithdraw,
  isDecided,
  isPublic,
  motionStatuses,
  statusLabels,
} from "../../server/domain/motion-state";

// The life of a motion as DESIGN.md tells it, written out again here so a change to the state
// table has to be made twice, on purpose.
const allowed: Record<MotionStatus, MotionStatus[]> = {
  draft: ["open"],
  open: ["seconded", "withdrawn", "lapsed"],
  seconded: ["scheduled", "voting", "withdrawn"],
  scheduled: ["debating", "seconded", "withdrawn"],
  debating: ["voting", "scheduled", "withdrawn"],
  voting: ["carried", "defeated", "seconded", "debating"],
  carried: [],
  defeated: [],
  withdrawn: [],
  lapsed: [],
};
const everyStatus = Object.keys(allowed) as MotionStatus[];

describe("the motion's life", () => {
  it("knows every status, each with a label", () => {
    expect([...motionStatuses].sort()).toEqual([...everyStatus].sort());
    for (const status of everyStatus) expect(statusLabels[status]).toMatch(/\S/);
  });

  describe.each(everyStatus)("from %s", (from) => {
    it.each(everyStatus)(`to %s is allowed only where the design says so`, (to) => {
      const expected = allowed[from].includes(to);
      expect(canTransition(from, to)).toBe(expected);
      if (expected) expect(() => assertTransition(from, to)).not.toThrow();
      else expect(() => assertTransition(from, to)).toThrow(InvalidState);
    });
  });

  it("a draft cannot go straight to a vote", () => {
    expect(() => assertTransition("draft", "voting")).toThrow(
      new InvalidState("This motion is draft, so it cannot become voting."),
    );
  });

  it("a vote can carry or defeat a motion, or send it back when there was no quorum", () => {
    expect(canTransition("voting", "carried")).toBe(true);
    expect(canTransition("voting", "defeated")).toBe(true);
    expect(canTransition("voting", "seconded")).toBe(true);
    expect(canTransition("voting", "debating")).toBe(true);
  });

  it("there is no way out of carried, defeated, withdrawn or lapsed", () => {
    for (const end of ["carried", "defeated", "withdrawn", "lapsed"] as const) {
      for (const to of everyStatus) expect(canTransition(end, to), `${end} -> ${to}`).toBe(false);
    }
  });

  it("no status moves to itself, so a repeated action is always refused", () => {
    for (const status of everyStatus) expect(canTransition(status, status)).toBe(false);
  });
});

describe("what the proposer and members may do in each status", () => {
  it("the proposer may withdraw before the vote, never once voting has started or it is over", () => {
    const withdrawable = everyStatus.filter(canWithdraw);
    expect(withdrawable.sort()).toEqual(["debating", "open", "scheduled", "seconded"]);
  });

  it("a draft is discarded, not withdrawn", () => {
    expect(canWithdraw("draft")).toBe(false);
  });

  it("the text may change in a draft, and in an open motion until somebody seconds it", () => {
    expect(canEditText("draft", 0)).toBe(true);
    expect(canEditText("open", 0)).toBe(true);
    expect(canEditText("open", 1)).toBe(false);
    for (const status of everyStatus.filter((s) => s !== "draft" && s !== "open")) {
      expect(canEditText(status, 0), status).toBe(false);
    }
  });

  it("members second open motions, and may still add their name once it is seconded", () => {
    expect(everyStatus.filter(canSecond).sort()).toEqual(["open", "seconded"]);
  });

  it("everything but a draft is public, and only carried or defeated is decided", () => {
    expect(everyStatus.filter((s) => !isPublic(s))).toEqual(["draft"]);
    expect(everyStatus.filter(isDecided).sort()).toEqual(["carried", "defeated"]);
  });
});
