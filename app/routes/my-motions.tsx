import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { MotionList } from "~/components/motion-list";
import { When } from "~/components/when";
import { requireRole } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { plural } from "~/lib/format";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireRole(request, context, ["member"]);
  const { drafts, published } = await context.services.read.ownMotions(actor.id);
  return json({ drafts, published, now: context.services.clock.now() });
}

export default function MyMotions() {
  const { drafts, published, now } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>My motions</h1>
      <p>
        <Link to="/motions/new" className="button primary">
          Raise a motion
        </Link>
      </p>

      <h2>Drafts</h2>
      <p className="hint">Only you can see your drafts. Open one to finish it, publish it or discard it.</p>
      {drafts.length ? (
        <ul className="motion-list" aria-label="Your drafts">
          {drafts.map((d) => (
            <li key={d.id}>
              <h3>
                <Link to={`/drafts/${d.id}`}>{d.title}</Link>
              </h3>
              <p className="meta">
                To {d.bodyName} · last saved <When at={d.updatedAt} withTime />
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">You have no drafts. When you save a motion as a draft, it waits for you here.</p>
      )}

      <h2>Published</h2>
      {published.length ? (
        <p className="hint">You have published {plural(published.length, "motion")}. Each one is public.</p>
      ) : null}
      <MotionList
        motions={published}
        headingLevel={3}
        now={now}
        label="Your published motions"
        detail={(m) =>
          m.status === "open" ? (
            <p>
              {m.seconds} of {m.secondersRequired} seconders so far
              {m.lapsesAt ? (
                <>
                  {" "}
                  · lapses on <When at={m.lapsesAt} /> if not seconded
                </>
              ) : null}
              {m.seconds === 0 ? (
                <>
                  {" "}
                  · <Link to={`/motions/${m.number}/edit`}>Edit motion {m.number}</Link>
                </>
              ) : null}
            </p>
          ) : m.decidedAt ? (
            <p>
              Decided <When at={m.decidedAt} />
            </p>
          ) : (
            <p>
              Published <When at={m.publishedAt} />
            </p>
          )
        }
        empty={<p>You have not published a motion yet. When you do, you can follow its progress here.</p>}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "My motions");
