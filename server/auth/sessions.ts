// Sign-in, sign-out and session checks with Lucia. Used by the HTTP layer and the Socket.IO
// handshake alike, so both see the same person behind the same cookie.
import { Lucia, TimeSpan } from "lucia";
import { InvalidInput } from "../domain/errors";
import type { Actor } from "../domain/permissions";
import { signInSchema } from "../domain/schemas/account";
import type { Db } from "../services/deps";
import { validate } from "../services/validate";
import { createKyselyAdapter, type UserAttributes } from "./kysely-adapter";
import { verifyPassword } from "./password";
import { createSignInThrottle } from "./throttle";

export const SESSION_COOKIE = "parliament_session";

function createLucia(db: Db, secureCookies: boolean) {
  return new Lucia(createKyselyAdapter(db), {
    sessionExpiresIn: new TimeSpan(30, "d"),
    sessionCookie: { name: SESSION_COOKIE, attributes: { secure: secureCookies, sameSite: "lax" } },
    getUserAttributes: (attributes) => ({
      displayName: attributes.display_name,
      role: attributes.role,
      bodyId: attributes.body_id,
      status: attributes.status,
    }),
  });
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseUserAttributes: UserAttributes;
  }
}

// A real hash of a throwaway password: checking it costs as much as a real check, so a
// wrong email takes as long as a wrong password and reveals nothing.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$jcvns9hHe99VBznU4LqpRw$YF6etACRJvoY2uNux0tnUs6jduYG83SACU0F7DK/mL4";

export interface SessionCheck {
  actor: Actor | null;
  sessionId: string | null;
  /** a Set-Cookie header to send back: a refreshed session, or a blank one to clear a stale cookie */
  setCookie: string | null;
}

/** Too many failed sign-ins: the page can answer 429 and say how long to wait. */
export class SignInThrottled extends InvalidInput {
  constructor(readonly retryAfterMs: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
    const message = `There have been too many attempts to sign in to this account. For safety, please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`;
    super(message, { form: [message] });
  }
}

export const WRONG_COMBINATION =
  "That email and password do not match an account. Check both and try again.";

export function createAuth(
  db: Db,
  {
    secureCookies,
    now = Date.now,
    onSignOut,
  }: { secureCookies: boolean; now?: () => number; /** told when a session ends, so live connections stop acting */ onSignOut?: (userId: string, sessionId: string) => void },
) {
  const lucia = createLucia(db, secureCookies);
  const throttle = createSignInThrottle(now);

  return {
    cookieName: SESSION_COOKIE,

    async check(cookieHeader: string | undefined): Promise<SessionCheck> {
      const sessionId = lucia.readSessionCookie(cookieHeader ?? "");
      if (!sessionId) return { actor: null, sessionId: null, setCookie: null };
      const { session, user } = await lucia.validateSession(sessionId);
      if (!session || !user || user.status !== "active") {
        if (session) await lucia.invalidateSession(session.id);
        return { actor: null, sessionId: null, setCookie: lucia.createBlankSessionCookie().serialize() };
      }
      return {
        actor: { id: user.id, displayName: user.displayName, role: user.role, bodyId: user.bodyId },
        sessionId: session.id,
        setCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
      };
    },

    /** Returns the Set-Cookie header for a new session, or throws InvalidInput. */
    async signIn(input: unknown, clientKey: string): Promise<{ setCookie: string; actor: Actor }> {
      const { email, password } = validate(signInSchema, input);
      const key = `${clientKey}|${email}`;
      const wait = throttle.blockedFor(key);
      if (wait > 0) throw new SignInThrottled(wait);
      const user = await db
        .selectFrom("users")
        .select(["id", "display_name", "role", "body_id", "status", "password_hash"])
        .where("email", "=", email)
        .where("status", "!=", "deleted")
        .executeTakeFirst();
      const matches = await verifyPassword(user?.password_hash ?? DUMMY_HASH, password);
      if (!user || !user.password_hash || !matches) {
        throttle.failed(key);
        // One message for both cases, so the form never tells a stranger which emails have accounts.
        throw new InvalidInput(WRONG_COMBINATION, { form: [WRONG_COMBINATION] });
      }
      if (user.status !== "active") {
        // Only said after the right password, so it reveals nothing to someone guessing.
        const message = "This account is suspended, so it cannot sign in. If you think this is a mistake, please contact the parliament's admin.";
        throw new InvalidInput(message, { form: [message] });
      }
      throttle.succeeded(key);
      const session = await lucia.createSession(user.id, {});
      return {
        setCookie: lucia.createSessionCookie(session.id).serialize(),
        actor: { id: user.id, displayName: user.display_name, role: user.role, bodyId: user.body_id },
      };
    },

    async startSession(userId: string): Promise<string> {
      const session = await lucia.createSession(userId, {});
      return lucia.createSessionCookie(session.id).serialize();
    },

    async signOut(sessionId: string | null): Promise<string> {
      if (sessionId) {
        const session = await db.selectFrom("sessions").select("user_id").where("id", "=", sessionId).executeTakeFirst();
        await lucia.invalidateSession(sessionId);
        if (session) onSignOut?.(session.user_id, sessionId);
      }
      return lucia.createBlankSessionCookie().serialize();
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;
