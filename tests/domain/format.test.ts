// Dates as readers see them, in the parliament's time zone. Zone offsets are remembered per day
// and zone, so the same instant must still print differently in two zones and across a clock change.
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "../../app/lib/format";

describe("printing dates", () => {
  it("prints the same instant in each zone's own wall-clock time, however often it is asked", () => {
    const at = Date.UTC(2026, 10, 26, 23, 30);
    for (let i = 0; i < 3; i++) {
      expect(formatDateTime(at, "Europe/London")).toBe("26 November 2026 at 23:30");
      expect(formatDateTime(at, "Pacific/Auckland")).toBe("27 November 2026 at 12:30");
      expect(formatDate(at, "America/New_York")).toBe("26 November 2026");
    }
  });

  it("follows the clocks going forward in London, minute by minute", () => {
    // 01:00 GMT on 29 March 2026 is 02:00 BST.
    expect(formatDateTime(Date.UTC(2026, 2, 29, 0, 59), "Europe/London")).toBe("29 March 2026 at 00:59");
    expect(formatDateTime(Date.UTC(2026, 2, 29, 1, 0), "Europe/London")).toBe("29 March 2026 at 02:00");
    expect(formatDateTime(Date.UTC(2026, 2, 29, 1, 0, 59), "Europe/London")).toBe("29 March 2026 at 02:00");
  });
});
