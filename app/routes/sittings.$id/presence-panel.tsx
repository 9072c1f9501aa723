// Who is in the room: members present (by pseudonym), the quorum for the sitting, and how many
// people watch from the public gallery (counted, never named).
import { plural } from "~/lib/format";
import type { LiveState } from "./use-live-sitting";

const MAX_NAMES = 50;

export function PresencePanel({ presence }: { presence: LiveState["presence"] }) {
  const { present, quorum, quorumMet, gallery } = presence;
  const shown = present.slice(0, MAX_NAMES);
  return (
    <section id="presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading">Who is here</h2>
      <ul className="presence-facts">
        <li>
          <strong className="present-count">{plural(present.length, "member")} present</strong>
        </li>
        <li className="quorum">
          Quorum is {quorum}: <strong>{quorumMet ? "met" : "not yet met"}</strong>
        </li>
        <li className="gallery">
          Public gallery: {gallery === 1 ? "1 person watching" : `${gallery} people watching`}
        </li>
      </ul>
      {present.length ? (
        <>
          <ul className="present-names" aria-label="Members present">
            {shown.map((name, i) => (
              <li key={`${i}-${name}`}>{name}</li>
            ))}
          </ul>
          {present.length > shown.length ? <p>and {present.length - shown.length} more.</p> : null}
        </>
      ) : (
        <p className="empty">No members have joined yet. Members count as present while they have this page open.</p>
      )}
    </section>
  );
}
