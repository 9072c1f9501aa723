// Express: security headers, static files, the session, then the Remix handler.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import type { Auth } from "../auth/sessions";
import type { Services } from "../services";
import "./load-context";
import { auditRoutes } from "./audit-routes";
import { checkOrigin } from "./origin";
import { plainPage } from "./plain-page";
import { recordRoutes } from "./record-routes";

export interface HttpOptions {
  services: Services;
  auth: Auth;
  build: () => Promise<ServerBuild>;
  mode: "production" | "development";
  secureCookies: boolean;
  parliamentName: string;
  /** the site's address for links in open data; without it, the address the request came to */
  publicUrl?: string;
  publicDir: string;
  log: (message: string) => void;
}

export function createHttpApp({ services, auth, build, mode, secureCookies, parliamentName, publicUrl, publicDir, log }: HttpOptions) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");

  app.use((_req, res, next) => {
    res.locals.nonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.nonce}'`],
          // Socket.IO and, in development, the live-reload socket.
          connectSrc: ["'self'", "ws:", "wss:"],
          imgSrc: ["'self'", "data:"],
          upgradeInsecureRequests: secureCookies ? [] : null,
        },
      },
      strictTransportSecurity: secureCookies,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: "same-origin" },
    }),
  );
  app.use(compression());

  // Fingerprinted bundles never change; everything else in public/ may.
  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(publicDir, { maxAge: "1h" }));

  app.use(checkOrigin);
  app.use(auditRoutes(services));
  app.use(recordRoutes({ services, parliamentName, publicUrl, log }));

  app.use(async (req, res, next) => {
    try {
      const session = await auth.check(req.headers.cookie);
      if (session.setCookie) res.append("Set-Cookie", session.setCookie);
      res.locals.actor = session.actor;
      res.locals.sessionId = session.sessionId;
      next();
    } catch (error) {
      next(error);
    }
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode,
      getLoadContext: (req, res): AppLoadContext => ({
        services,
        auth,
        actor: res.locals.actor ?? null,
        sessionId: res.locals.sessionId ?? null,
        nonce: res.locals.nonce,
        parliamentName,
        clientKey: req.ip ?? "unknown",
      }),
    }),
  );

  // Last resort: Remix's error boundaries handle everything they can reach.
  app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    log(`request failed: ${error.stack ?? error.message}`);
    if (res.headersSent) return;
    res
      .status(500)
      .type("html")
      .send(plainPage("Something went wrong", "Something went wrong on our side. Nothing you sent was lost; please try again in a moment."));
  });

  return app;
}
