// Who is in the room: members present (by pseudonym), the quorum for the sitting, and how many
// people watch from the public gallery (counted, never named).
import { plural } from "~/lib/format";
import type { LiveState } from "./use-live-sitting";

export function PresencePanel({ presence }: { presence: LiveState["presence"] }) {
  // The server sends the first names only (a sitting may have thousands present) and the count.
  const { present: shown, presentCount, quorum, quorumMet, gallery } = presence;
  return (
    <section id="presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading">Who is here</h2>
      <ul className="presence-facts">
        <li>
          <strong className="present-count">{plural(presentCount, "member")} present</strong>
        </li>
        <li className="quorum">
          Quorum is {quorum}: <strong>{quorumMet ? "met" : "not yet met"}</strong>
        </li>
        <li className="gallery">
          Public gallery: {gallery === 1 ? "1 person watching" : `${gallery} people watching`}
        </li>
      </ul>
      {presentCount ? (
        <>
          <ul className="present-names" aria-label="Members present">
            {shown.map((name, i) => (
              <li key={`${i}-${name}`}>{name}</li>
            ))}
          </ul>
          {presentCount > shown.length ? <p>and {presentCount - shown.length} more.</p> : null}
        </>
      ) : (
        <p className="empty">No members have joined yet. Members count as present while they have this page open.</p>
      )}
    </section>
  );
}
