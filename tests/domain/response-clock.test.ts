import { describe, expect, it } from "vitest";
import { DEFAULT_RESPONSE_PERIOD_DAYS, isOverdue, responseClock, responseDueAt } from "../../server/domain/response-clock";
import { DAY_MS, HOUR_MS } from "../../server/domain/time";

const carriedAt = Date.UTC(2026, 2, 2, 10, 0);

describe("the response clock", () => {
  it("gives a body eight weeks by default", () => {
    expect(DEFAULT_RESPONSE_PERIOD_DAYS).toBe(56);
    expect(responseDueAt(carriedAt, DEFAULT_RESPONSE_PERIOD_DAYS)).toBe(Date.UTC(2026, 3, 27, 10, 0));
  });

  it("follows the body's own response period", () => {
    expect(responseDueAt(carriedAt, 28)).toBe(carriedAt + 28 * DAY_MS);
  });

  it("counts whole days left, rounding up", () => {
    const due = responseDueAt(carriedAt, 56);
    expect(responseClock(due, carriedAt)).toEqual({ state: "due", daysLeft: 56 });
    expect(responseClock(due, due - DAY_MS - 1)).toEqual({ state: "due", daysLeft: 2 });
    expect(responseClock(due, due - 1)).toEqual({ state: "due", daysLeft: 1 });
  });

  it("on the due instant itself the response is still on time", () => {
    const due = responseDueAt(carriedAt, 56);
    expect(responseClock(due, due)).toEqual({ state: "due", daysLeft: 0 });
    expect(isOverdue(due, due)).toBe(false);
  });

  it("an hour late is overdue by 0 whole days, a day and an hour late by 1", () => {
    const due = responseDueAt(carriedAt, 56);
    expect(responseClock(due, due + HOUR_MS)).toEqual({ state: "overdue", daysOverdue: 0 });
    expect(responseClock(due, due + DAY_MS + HOUR_MS)).toEqual({ state: "overdue", daysOverdue: 1 });
    expect(isOverdue(due, due + 1)).toBe(true);
  });

  it("nothing is overdue when no response is owed", () => {
    expect(isOverdue(null, carriedAt + 1000 * DAY_MS)).toBe(false);
  });
});
