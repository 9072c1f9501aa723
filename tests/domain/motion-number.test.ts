import { describe, expect, it } from "vitest";
import { formatMotionNumber, isMotionNumber } from "../../server/domain/motion-number";

describe("motion numbers", () => {
  it("the fourteenth motion of 2026 is M-2026-014", () => {
    expect(formatMotionNumber(2026, 14)).toBe("M-2026-014");
    expect(formatMotionNumber(2026, 1)).toBe("M-2026-001");
  });

  it("grow past three digits in a busy year", () => {
    expect(formatMotionNumber(2026, 1000)).toBe("M-2026-1000");
    expect(isMotionNumber("M-2026-1000")).toBe(true);
  });

  it("recognises numbers it made and nothing else", () => {
    for (const seq of [1, 9, 99, 999, 12345]) expect(isMotionNumber(formatMotionNumber(2027, seq))).toBe(true);
    for (const text of ["M-26-001", "m-2026-001", "M-2026-01", "M-2026-001x", " M-2026-001", "2026-001", ""]) {
      expect(isMotionNumber(text), text).toBe(false);
    }
  });
});
