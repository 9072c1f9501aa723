// One-time notices after a form succeeds ("Your vote was recorded"), carried across the
// redirect in a short-lived signed cookie so they also work without JavaScript.
import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";

const noticeCookie = createCookie("parliament_notice", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 60,
  // Notices live for seconds; a per-process secret is enough and needs no configuration.
  secrets: [randomBytes(32).toString("hex")],
});

export async function redirectWithNotice(url: string, notice: string, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await noticeCookie.serialize(notice));
  return redirect(url, { ...init, headers });
}

/** The pending notice, and the header that clears it. */
export async function takeNotice(request: Request): Promise<{ notice: string | null; clear: string | null }> {
  const notice = (await noticeCookie.parse(request.headers.get("Cookie"))) as string | null;
  if (!notice) return { notice: null, clear: null };
  return { notice, clear: await noticeCookie.serialize("", { maxAge: 0 }) };
}
