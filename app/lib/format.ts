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

type Parts = { year: string; month: number; day: string; hour: string; minute: string };

// Taking a date apart is still the costliest step in printing one, and pages print the same
// dates again and again (every sitting in a filter list, every post of a busy thread), so the
// parts of each minute are kept: bounded, and simply started afresh when full.
const MAX_REMEMBERED = 20_000;
const remembered = new Map<string, Parts>();

function parts(epoch: number, timeZone: string): Parts {
  const key = `${timeZone} ${Math.floor(epoch / 60_000)}`;
  const known = remembered.get(key);
  if (known) return known;
  const p = formatFor(timeZone).formatToParts(new Date(epoch));
  const get = (type: string) => p.find((x) => x.type === type)?.value ?? "";
  const taken = { year: get("year"), month: Number(get("month")), day: String(Number(get("day"))), hour: get("hour"), minute: get("minute") };
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  remembered.set(key, taken);
  return taken;
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
