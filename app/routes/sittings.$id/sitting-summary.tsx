// How a sitting is named everywhere it is listed: its state as a tag (text, not colour alone),
// and when and where it meets. Shared by the sitting page, the list of sittings and the home page.
// Until a sitting opens, "when" is its scheduled time; once it has opened, it is when it was
// actually held, because a chair may open a sitting early and the minutes go by the real times.
import type { SittingStatus } from "../../../db/schema";
import { sittingStatusLabels } from "../../../server/domain/sitting-rules";
import { When } from "~/components/when";

const statusTone = { scheduled: "info", open: "good", suspended: "warn", closed: "" } as const;

/** How far from its scheduled start a sitting may open before the page points the difference out. */
export const EARLY_OPEN_MS = 60 * 60 * 1000;

interface Timing {
  startsAt: number;
  openedAt: number | null;
  closedAt: number | null;
}

export function SittingStatusTag({ status }: { status: SittingStatus }) {
  return <span className={`tag ${statusTone[status]}`}>{sittingStatusLabels[status]}</span>;
}

/** The scheduled time, or once opened, when it opened (and closed). */
export function HeldWhen({ sitting }: { sitting: Timing }) {
  if (sitting.openedAt === null) return <When at={sitting.startsAt} withTime />;
  return (
    <>
      Opened <When at={sitting.openedAt} withTime />
      {sitting.closedAt !== null ? (
        <>
          , closed <When at={sitting.closedAt} withTime />
        </>
      ) : null}
    </>
  );
}

/** True when a sitting opened well before or after the time it was scheduled for. */
export function heldOffSchedule(sitting: Timing): boolean {
  return sitting.openedAt !== null && Math.abs(sitting.openedAt - sitting.startsAt) > EARLY_OPEN_MS;
}

export function WhereAndWhen({ sitting }: { sitting: Timing & { status: SittingStatus; place: string; onlineLink: string } }) {
  return (
    <>
      <HeldWhen sitting={sitting} />
      {sitting.place ? <> · {sitting.place}</> : null}
      {/* A held sitting has nothing left to join. */}
      {sitting.onlineLink && sitting.status !== "closed" ? (
        <>
          {" · "}
          <a href={sitting.onlineLink} rel="noreferrer">
            Join online<span className="visually-hidden"> (opens the meeting link)</span>
          </a>
        </>
      ) : null}
    </>
  );
}
