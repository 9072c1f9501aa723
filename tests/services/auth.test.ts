import { expect, it } from "vitest";
import { createAuth, SESSION_COOKIE, WRONG_COMBINATION } from "../../server/auth/sessions";
import { createSignInThrottle, THROTTLE_LIMIT, THROTTLE_WINDOW_MS } from "../../server/auth/throttle";
import { InvalidInput } from "../../server/domain/errors";
import { describeEachDatabase } from "../support/databases";
import { createMember, createPerson } from "../support/factories";
import { useParliament } from "../support/parliament";

/** The cookie a browser would send back, from a Set-Cookie header. */
const cookieFrom = (setCookie: string) => setCookie.split(";")[0];

describeEachDatabase("signing in and out", (dialect) => {
  const t = useParliament(dialect);
  const authWith = (now?: () => number) => createAuth(t.db, { secureCookies: false, now });

  it("the right password gives an HttpOnly session cookie that check() accepts", async () => {
    const auth = authWith();
    const member = await createMember(t.db);
    const { setCookie, actor } = await auth.signIn({ email: member.email.toUpperCase(), password: member.password }, "client-1");
    expect(actor).toEqual({ id: member.id, displayName: member.displayName, role: "member", bodyId: null });
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[a-z0-9]+;`));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/);

    const session = await auth.check(cookieFrom(setCookie));
    expect(session.actor).toEqual(actor);
    expect(session.sessionId).toBe(cookieFrom(setCookie).split("=")[1]);
    expect(await auth.check(`${SESSION_COOKIE}=made-up`)).toMatchObject({ actor: null, sessionId: null });
  });

  it("a wrong password and an unknown email get the same message, and no session", async () => {
    const auth = authWith();
    const member = await createMember(t.db);
    const wrongPassword = await auth.signIn({ email: member.email, password: "not the password" }, "client-1").catch((e) => e);
    const unknownEmail = await auth.signIn({ email: "nobody@example.org", password: member.password }, "client-1").catch((e) => e);
    for (const error of [wrongPassword, unknownEmail]) {
      expect(error).toBeInstanceOf(InvalidInput);
      expect(error.message).toBe(WRONG_COMBINATION);
      expect(error.fieldErrors).toEqual({ form: [WRONG_COMBINATION] });
    }
    expect(await t.db.selectFrom("sessions").selectAll().execute()).toEqual([]);
  });

  it("a suspended account cannot sign in, even with the right password", async () => {
    const auth = authWith();
    const suspended = await createPerson(t.db, { status: "suspended" });
    await expect(auth.signIn({ email: suspended.email, password: suspended.password }, "client-1")).rejects.toThrow(
      "This account is suspended, so it cannot sign in.",
    );
    // With the wrong password it reads like any other failure, so suspension is not revealed to a guesser.
    await expect(auth.signIn({ email: suspended.email, password: "guess guess" }, "client-1")).rejects.toThrow(WRONG_COMBINATION);
    expect(await t.db.selectFrom("sessions").selectAll().execute()).toEqual([]);
  });

  it("signing out ends the session and returns a cookie that clears it", async () => {
    const auth = authWith();
    const member = await createMember(t.db);
    const { setCookie } = await auth.signIn({ email: member.email, password: member.password }, "client-1");
    const { sessionId } = await auth.check(cookieFrom(setCookie));
    const cleared = await auth.signOut(sessionId);
    expect(cleared).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(cleared).toMatch(/Max-Age=0/i);
    expect(await auth.check(cookieFrom(setCookie))).toMatchObject({ actor: null, sessionId: null });
    expect(await t.db.selectFrom("sessions").selectAll().execute()).toEqual([]);
  });

  it("after 5 failures the throttle blocks even the right password, until its time is up", async () => {
    let now = Date.UTC(2026, 2, 2, 10, 0);
    const auth = authWith(() => now);
    const member = await createMember(t.db);
    for (let i = 0; i < THROTTLE_LIMIT; i++) {
      await expect(auth.signIn({ email: member.email, password: `wrong ${i}` }, "client-1")).rejects.toThrow(WRONG_COMBINATION);
      now += 1000;
    }
    const blocked = await auth.signIn({ email: member.email, password: member.password }, "client-1").catch((e) => e);
    expect(blocked).toBeInstanceOf(InvalidInput);
    expect(blocked.message).toMatch(/too many attempts.*wait 15 minutes/i);
    expect(blocked.retryAfterMs).toBe(THROTTLE_WINDOW_MS - 1000);

    // Another client is not blocked by someone else's guesses.
    await expect(auth.signIn({ email: member.email, password: member.password }, "client-2")).resolves.toHaveProperty("setCookie");

    now += THROTTLE_WINDOW_MS;
    await expect(auth.signIn({ email: member.email, password: member.password }, "client-1")).resolves.toHaveProperty("setCookie");
  });
});

it("the throttle counts failures per key, forgets them after the window, and a success resets it", () => {
  let now = 0;
  const throttle = createSignInThrottle(() => now);
  for (let i = 0; i < THROTTLE_LIMIT - 1; i++) throttle.failed("a");
  expect(throttle.blockedFor("a")).toBe(0);
  throttle.succeeded("a");
  for (let i = 0; i < THROTTLE_LIMIT - 1; i++) throttle.failed("a");
  expect(throttle.blockedFor("a")).toBe(0);
  now += 60_000;
  throttle.failed("a");
  // Blocked for the full window from the failure that reached the limit.
  expect(throttle.blockedFor("a")).toBe(THROTTLE_WINDOW_MS);
  expect(throttle.blockedFor("b")).toBe(0);
  now += THROTTLE_WINDOW_MS;
  expect(throttle.blockedFor("a")).toBe(0);
  expect(throttle.size).toBe(0);

  // Failures spread over more than the window never add up to a block.
  for (let i = 0; i < THROTTLE_LIMIT * 2; i++) {
    throttle.failed("slow");
    now += THROTTLE_WINDOW_MS / 2;
  }
  expect(throttle.blockedFor("slow")).toBe(0);
});
