// Human motion numbers: M-2026-014 is the fourteenth motion published in 2026.

export function formatMotionNumber(year: number, sequence: number): string {
  return `M-${year}-${String(sequence).padStart(3, "0")}`;
}

const pattern = /^M-(\d{4})-(\d{3,})$/;

export function isMotionNumber(value: string): boolean {
  return pattern.test(value);
}
