// How a sitting is named everywhere it is listed: its state as a tag (text, not colour alone),
// and when and where it meets. Shared by the sitting page, the list of sittings and the home page.
import type { SittingStatus } from "../../../db/schema";
import { sittingStatusLabels } from "../../../server/domain/sitting-rules";
import { When } from "~/components/when";

const statusTone = { scheduled: "info", open: "good", suspended: "warn", closed: "" } as const;

export function SittingStatusTag({ status }: { status: SittingStatus }) {
  return <span className={`tag ${statusTone[status]}`}>{sittingStatusLabels[status]}</span>;
}

export function WhereAndWhen({ sitting }: { sitting: { startsAt: number; place: string; onlineLink: string } }) {
  return (
    <>
      <When at={sitting.startsAt} withTime />
      {sitting.place ? <> · {sitting.place}</> : null}
      {sitting.onlineLink ? (
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

