// Dates for readers, built from parts so the server and the browser print the same text
// (no hydration mismatch) in the parliament's own time zone.
const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

// Building an Intl.DateTimeFormat costs far more than using one (tens of microseconds, and a
// long thread prints thousands of dates), so there is one per time zone.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
    });
    formats.set(timeZone, format);
  }
  return format;
}

function parts(epoch: number, timeZone: string) {
  const p = formatFor(timeZone).formatToParts(new Date(epoch));
  const get = (type: string) => p.find((x) => x.type === type)?.value ?? "";
  return { year: get("year"), month: Number(get("month")), day: String(Number(get("day"))), hour: get("hour"), minute: get("minute") };
}

/** 26 November 2026 */
export function formatDate(epoch: number, timeZone: string): string {
  const d = parts(epoch, timeZone);
  return `${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
}

/** 26 November 2026 at 14:05 */
export function formatDateTime(epoch: number, timeZone: string): string {
  const d = parts(epoch, timeZone);
  return `${d.day} ${MONTHS[d.month - 1]} ${d.year} at ${d.hour}:${d.minute}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
