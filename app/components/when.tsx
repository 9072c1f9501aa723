import { useRouteLoaderData } from "@remix-run/react";
import { formatDate, formatDateTime } from "../lib/format";
import type { loader as rootLoader } from "../root";

/** The parliament's time zone, from the root loader. */
export function useTimeZone(): string {
  return useRouteLoaderData<typeof rootLoader>("root")?.timeZone ?? "Europe/London";
}

/** A machine-readable <time> showing a date (or date and time) in the parliament's zone. */
export function When({ at, withTime = false }: { at: number; withTime?: boolean }) {
  const timeZone = useTimeZone();
  return (
    <time dateTime={new Date(at).toISOString()}>{withTime ? formatDateTime(at, timeZone) : formatDate(at, timeZone)}</time>
  );
}
