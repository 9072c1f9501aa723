import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import type { CSSProperties, ReactNode } from "react";
import { ErrorPage, errorHeading } from "./components/error-page";
import { takeNotice } from "./lib/notice.server";
import { pageTitle } from "./lib/meta";
import { useNonce } from "./lib/nonce";
import stylesheet from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.ico", sizes: "any" },
  // Feed readers find the decisions feed from any page.
  { rel: "alternate", type: "application/atom+xml", href: "/feed.atom", title: "Decisions, responses and action updates" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { notice, clear } = await takeNotice(request);
  const viewer = context.actor ? { displayName: context.actor.displayName, role: context.actor.role } : null;
  // Where this site is, for printed pages: links are printed in full so paper leads back here.
  // Only URL characters, because it goes into a CSS string.
  const origin = new URL(request.url).origin.replace(/[^\w.:/[\]-]/g, "");
  const unread = context.actor ? await context.services.notifications.unreadCount(context.actor) : 0;
  return json(
    { viewer, unread, notice, timeZone: context.services.rules.timeZone, parliamentName: context.parliamentName, origin },
    { headers: clear ? { "Set-Cookie": clear } : undefined },
  );
}

export type RootData = ReturnType<typeof useLoaderData<typeof loader>>;
export const useRootData = () => useRouteLoaderData<typeof loader>("root");

function Header({ viewer, unread, name }: { viewer: RootData["viewer"] | undefined; unread: number; name: string }) {
  return (
    <header className="site-header">
      <div className="wrap">
        <Link to="/" className="site-name">
          {name}
        </Link>
        <nav aria-label="Main" id="main-nav">
          <ul>
            <li>
              <NavLink to="/" end>
                Home
              </NavLink>
            </li>
            <li>
              <NavLink to="/motions" end>
                Motions
              </NavLink>
            </li>
            <li>
              <NavLink to="/sittings">Sittings</NavLink>
            </li>
            <li>
              <NavLink to="/accountability">Accountability</NavLink>
            </li>
            {viewer?.role === "member" ? (
              <>
                <li>
                  <NavLink to="/motions/new">Raise a motion</NavLink>
                </li>
                <li>
                  <NavLink to="/my-motions">My motions</NavLink>
                </li>
              </>
            ) : null}
            {viewer?.role === "chair" ? (
              <li>
                <NavLink to="/moderation">Moderation</NavLink>
              </li>
            ) : null}
            {viewer?.role === "admin" ? (
              <>
                <li>
                  <NavLink to="/admin/people">People</NavLink>
                </li>
                <li>
                  <NavLink to="/admin/invitations">Invitations</NavLink>
                </li>
                <li>
                  <NavLink to="/admin/bodies">Bodies</NavLink>
                </li>
              </>
            ) : null}
            {viewer ? (
              <li>
                <NavLink to="/notifications">
                  Notifications{unread > 0 ? <span className="unread-count">{` (${unread} unread)`}</span> : null}
                </NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <Form method="get" action="/search" role="search" aria-label="Site" className="site-search">
          <label htmlFor="site-search" className="visually-hidden">
            Search the record
          </label>
          <input type="search" id="site-search" name="q" maxLength={200} />
          <button type="submit" className="button">
            Search
          </button>
        </Form>
        <div className="account">
          {viewer ? (
            <Form method="post" action="/logout">
              <span>
                Signed in as <strong>{viewer.displayName}</strong>
              </span>{" "}
              <button type="submit" className="link-button">
                Sign out
              </button>
            </Form>
          ) : (
            <Link to="/login">Sign in</Link>
          )}
        </div>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const location = useLocation();
  const origin = data?.origin ?? "";
  return (
    <html lang="en-GB" style={origin ? ({ "--site-origin": JSON.stringify(origin) } as CSSProperties) : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          Skip to main content
        </a>
        <Header viewer={data?.viewer} unread={data?.unread ?? 0} name={data?.parliamentName ?? "Mental Health Parliament"} />
        <main id="main" tabIndex={-1} className="wrap">
          {data?.notice ? (
            <div className="notice" role="status">
              {data.notice}
            </div>
          ) : null}
          {children}
        </main>
        <footer className="site-footer">
          <div className="wrap">
            <p>
              A public record of what this parliament raised, decided, and what commissioners answered. Everything
              here is open for anyone to read.
            </p>
            <nav aria-label="Open record">
              <ul className="footer-links">
                <li>
                  <Link to="/audit">Audit log</Link>
                </li>
                <li>
                  <a href="/record.csv">The record as CSV</a>
                </li>
                <li>
                  <a href="/record.json">The record as JSON</a>
                </li>
                <li>
                  <a href="/feed.atom">Decisions feed (Atom)</a>
                </li>
              </ul>
            </nav>
            {origin ? <p className="print-only">Printed from {`${origin}${location.pathname}`}</p> : null}
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

/** Every page's own meta replaces this; it titles the error page when no route matched at all. */
export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  pageTitle(matches, error ? errorHeading(error) : "Mental health parliament");
