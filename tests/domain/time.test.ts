import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS, MINUTE_MS, epochToZonedLocal, zonedLocalToEpoch } from "../../server/domain/time";

const london = "Europe/London";

/** "2026-03-29T00:30" from its parts, as a datetime-local input writes it. */
function local(y: number, mo: number, d: number, h: number, mi: number) {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}`;
}

describe("reading a closing time typed in the parliament's time zone", () => {
  it("reads winter times as GMT and summer times as BST", () => {
    expect(zonedLocalToEpoch("2026-12-01T18:00", london)).toBe(Date.UTC(2026, 11, 1, 18, 0));
    expect(zonedLocalToEpoch("2026-07-01T18:00", london)).toBe(Date.UTC(2026, 6, 1, 17, 0));
  });

  it("keeps seconds when they are given", () => {
    expect(zonedLocalToEpoch("2026-12-01T18:00:30", london)).toBe(Date.UTC(2026, 11, 1, 18, 0, 30));
  });

  it("works in other time zones too", () => {
    expect(zonedLocalToEpoch("2026-07-01T18:00", "America/New_York")).toBe(Date.UTC(2026, 6, 1, 22, 0));
    expect(zonedLocalToEpoch("2026-07-01T18:00", "UTC")).toBe(Date.UTC(2026, 6, 1, 18, 0));
  });

  it("either side of the spring change, on 29 March 2026", () => {
    expect(zonedLocalToEpoch("2026-03-29T00:59", london)).toBe(Date.UTC(2026, 2, 29, 0, 59));
    expect(zonedLocalToEpoch("2026-03-29T02:00", london)).toBe(Date.UTC(2026, 2, 29, 1, 0));
  });

  it("a time the clocks skip in spring is read as the hour after", () => {
    // 01:30 never happens on 29 March; a person typing it means "just after the change".
    expect(zonedLocalToEpoch("2026-03-29T01:30", london)).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(epochToZonedLocal(Date.UTC(2026, 2, 29, 1, 30), london)).toBe("2026-03-29T02:30");
  });

  it("a time that happens twice in autumn is read as one of the two, and shows the same", () => {
    const first = Date.UTC(2026, 9, 25, 0, 30); // 01:30 BST
    const second = Date.UTC(2026, 9, 25, 1, 30); // 01:30 GMT
    expect(epochToZonedLocal(first, london)).toBe("2026-10-25T01:30");
    expect(epochToZonedLocal(second, london)).toBe("2026-10-25T01:30");
    expect([first, second]).toContain(zonedLocalToEpoch("2026-10-25T01:30", london));
  });

  it("round-trips every quarter hour across both UK daylight-saving changes", () => {
    for (const [month, day] of [
      [3, 28],
      [3, 29],
      [3, 30],
      [10, 24],
      [10, 25],
      [10, 26],
    ]) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const h = Math.floor(minutes / 60);
        const typed = local(2026, month, day, h, minutes % 60);
        const skipped = month === 3 && day === 29 && h === 1;
        if (skipped) continue;
        const epoch = zonedLocalToEpoch(typed, london);
        expect(epoch, typed).not.toBeNull();
        expect(epochToZonedLocal(epoch!, london), typed).toBe(typed);
      }
    }
  });

  it("every instant across the changes shows as a local time that reads back to it (outside the repeated hour)", () => {
    const repeatedHour = [Date.UTC(2026, 9, 25, 0, 0), Date.UTC(2026, 9, 25, 1, 0)];
    for (const start of [Date.UTC(2026, 2, 28), Date.UTC(2026, 9, 24)]) {
      for (let epoch = start; epoch < start + 3 * DAY_MS; epoch += 15 * MINUTE_MS) {
        if (epoch >= repeatedHour[0] && epoch < repeatedHour[1]) continue;
        const shown = epochToZonedLocal(epoch, london);
        expect(zonedLocalToEpoch(shown, london), shown).toBe(epoch);
      }
    }
  });

  it("shows every hour of two years as the time zone's own clock does, in zones with odd offsets and changes", () => {
    for (const timeZone of [london, "Asia/Kathmandu", "Australia/Lord_Howe", "America/St_Johns", "Pacific/Chatham"]) {
      const clock = new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
      // each hour and seven minutes past it, twice over (the second pass reads what the first kept)
      for (const pass of [1, 2]) {
        for (let epoch = Date.UTC(2025, 0, 1); epoch < Date.UTC(2027, 0, 1); epoch += HOUR_MS + (pass === 1 ? 0 : 7 * MINUTE_MS)) {
          expect(epochToZonedLocal(epoch, timeZone), `${timeZone} ${new Date(epoch).toISOString()}`).toBe(clock.format(new Date(epoch)).replace(" ", "T"));
        }
      }
    }
  });

  it("the day of the spring change is 23 hours long and the autumn one 25", () => {
    const springDay = zonedLocalToEpoch("2026-03-30T00:00", london)! - zonedLocalToEpoch("2026-03-29T00:00", london)!;
    const autumnDay = zonedLocalToEpoch("2026-10-26T00:00", london)! - zonedLocalToEpoch("2026-10-25T00:00", london)!;
    expect(springDay).toBe(23 * HOUR_MS);
    expect(autumnDay).toBe(25 * HOUR_MS);
  });
});

describe("text that is not a date and time", () => {
  it.each([
    ["an empty field", ""],
    ["words", "next Tuesday"],
    ["a date without a time", "2026-12-01"],
    ["a space instead of T", "2026-12-01 18:00"],
    ["a time zone suffix", "2026-12-01T18:00Z"],
    ["a thirteenth month", "2026-13-01T10:00"],
    ["the thirtieth of February", "2026-02-30T10:00"],
    ["the twenty-ninth of February in a common year", "2027-02-29T10:00"],
    ["day zero", "2026-12-00T10:00"],
    ["hour 24", "2026-12-01T24:00"],
    ["minute 60", "2026-12-01T18:60"],
    ["second 60", "2026-12-01T18:00:60"],
  ])("%s gives null", (_, typed) => {
    expect(zonedLocalToEpoch(typed, london)).toBeNull();
  });

  it("a real leap day is accepted", () => {
    expect(zonedLocalToEpoch("2028-02-29T10:00", london)).toBe(Date.UTC(2028, 1, 29, 10, 0));
  });
});
