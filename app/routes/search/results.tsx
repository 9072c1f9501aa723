// The search page's lists: matches in the record (each saying what it is and linking to its
// place on the motion page), posts that mention the words, and the cursor links between pages.
import { Link } from "@remix-run/react";
import { Highlight } from "~/components/highlight";
import { ResponseTag, StatusTag } from "~/components/status-tag";
import { When } from "~/components/when";
import type { SearchData } from "./route";

type Hit = SearchData["hits"][number];
type Post = SearchData["discussion"][number];

const kindText = {
  motion: { before: "Motion", dated: "Published" },
  response: { before: "Commissioner’s response to", dated: "Response published" },
  action: { before: "Promised action on", dated: "Promised" },
} as const;

/** Responses and promised actions are shown in the motion page's response section. */
const anchorFor = (kind: Hit["kind"]) => (kind === "motion" ? "" : "#response");

export function RecordHits({ hits }: { hits: Hit[] }) {
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading">Motions, responses and actions</h2>
      <ol className="search-results">
        {hits.map((hit) => {
          const kind = kindText[hit.kind];
          return (
            <li key={`${hit.kind}-${hit.refId}`} className={`hit hit-${hit.kind}`}>
              <h3>
                <Link to={`/motions/${hit.motion.number}${anchorFor(hit.kind)}`}>
                  <span className="hit-kind">{kind.before}</span> <span className="number">{hit.motion.number}</span>: {hit.motion.title}
                </Link>
              </h3>
              {hit.snippet ? (
                <p className="snippet">
                  <Highlight snippet={hit.snippet} />
                </p>
              ) : null}
              <p className="meta">
                <StatusTag status={hit.motion.status} />
                {hit.motion.responseStatus ? (
                  <>
                    {" "}
                    <ResponseTag status={hit.motion.responseStatus} />
                  </>
                ) : null}{" "}
                To {hit.motion.bodyName} · {kind.dated} <When at={hit.at} />
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function DiscussionList({ posts, more }: { posts: Post[]; more: string | null }) {
  return (
    <section aria-labelledby="discussion-heading" className="search-discussion">
      <h2 id="discussion-heading">Mentioned in discussion</h2>
      <p className="hint">Posts by members and commissioners in the discussion of a motion, newest first.</p>
      <ol className="search-results">
        {posts.map((post) => (
          <li key={post.postId} className="hit hit-post">
            <p>
              <Link to={`/motions/${post.motion.number}#post-${post.postId}`}>
                A post on <span className="number">{post.motion.number}</span>: {post.motion.title}
              </Link>{" "}
              <span className="meta">
                · <When at={post.at} />
              </span>
            </p>
            <p className="snippet">
              <Highlight snippet={post.snippet} />
            </p>
          </li>
        ))}
      </ol>
      {more ? (
        <p>
          <Link to={more}>More from the discussion</Link>
        </p>
      ) : null}
    </section>
  );
}

export function Pages({ next, first }: { next: string | null; first: string | null }) {
  if (!next && !first) return null;
  return (
    <nav className="pagination" aria-label="More results">
      {first ? <Link to={first}>← Back to the first page</Link> : null}
      {next ? (
        <Link to={next} rel="next">
          Next page →
        </Link>
      ) : null}
    </nav>
  );
}
