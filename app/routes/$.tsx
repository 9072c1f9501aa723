// Any address no other route claims. A route of its own (rather than Remix's built-in "no
// match") so the root loader still runs: the 404 page keeps the reader signed in, with the
// parliament's name and navigation, like every other page.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ErrorPage, errorHeading } from "~/components/error-page";
import { notFound } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";

export async function loader(_args: LoaderFunctionArgs) {
  notFound("There is no page at this address. It may have moved, or the address may have a typing mistake.");
}

export async function action(_args: LoaderFunctionArgs) {
  notFound("There is no page at this address.");
}

export default function NoSuchPage() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction = ({ error, matches }) => pageTitle(matches, errorHeading(error));
