// Motions like the one being written, as JSON for the raise form's "similar motions" box while
// the member types a title. Published motions are public, so this needs no sign-in.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const text = (new URL(request.url).searchParams.get("text") ?? "").trim().slice(0, 300);
  const motions = text ? await context.services.read.similarMotions(text) : [];
  return json({ text, motions }, { headers: { "Cache-Control": "no-store" } });
}
