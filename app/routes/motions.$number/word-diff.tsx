// What changed between two versions of a text, word by word: additions underlined, removals
// struck through, and each one also said in words ("added:", "removed:") for screen readers,
// which do not announce <ins> and <del> by default. Colour is never the only sign.
import { diffWords } from "diff";

export function WordDiff({ before, after }: { before: string; after: string }) {
  if (before === after) return <p className="empty">No change.</p>;
  const parts = diffWords(before, after);
  return (
    <p className="word-diff prose">
      {parts.map((part, i) =>
        part.added ? (
          <ins key={i}>
            <span className="visually-hidden">[added: </span>
            {part.value}
            <span className="visually-hidden">]</span>
          </ins>
        ) : part.removed ? (
          <del key={i}>
            <span className="visually-hidden">[removed: </span>
            {part.value}
            <span className="visually-hidden">]</span>
          </del>
        ) : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </p>
  );
}

interface Version {
  version: number;
  position: string;
  summary: string;
  reasons: string;
}

/** "What changed since version N-1": the position, the summary and the reasons, compared. */
export function VersionChanges({
  previous,
  current,
  positionLabel,
}: {
  previous: Version;
  current: Version;
  positionLabel: (p: string) => string;
}) {
  return (
    <details className="version-changes">
      <summary>{`What changed since version ${previous.version}`}</summary>
      <p className="hint">
        Words added since version {previous.version} are underlined; words taken out are struck through.
      </p>
      {previous.position !== current.position ? (
        <p>
          <strong>Position:</strong> was {positionLabel(previous.position)}, now {positionLabel(current.position)}.
        </p>
      ) : (
        <p>
          <strong>Position:</strong> unchanged ({positionLabel(current.position)}).
        </p>
      )}
      <h4>Summary</h4>
      <WordDiff before={previous.summary} after={current.summary} />
      <h4>Reasons</h4>
      <WordDiff before={previous.reasons} after={current.reasons} />
    </details>
  );
}
