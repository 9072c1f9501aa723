// What every loader and action receives from the server: the services, who is asking, and the
// per-request values the page needs. Typed here so `tsc` checks routes against it.
import type { Actor } from "../domain/permissions";
import type { Auth } from "../auth/sessions";
import type { Services } from "../services";

export interface ParliamentContext {
  services: Services;
  auth: Auth;
  actor: Actor | null;
  sessionId: string | null;
  /** CSP nonce for this response's inline scripts */
  nonce: string;
  /** shown in the header and page titles */
  parliamentName: string;
  /** identifies the client for sign-in throttling */
  clientKey: string;
}

declare module "@remix-run/server-runtime" {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface AppLoadContext extends ParliamentContext {}
}
