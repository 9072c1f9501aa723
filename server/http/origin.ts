// Cross-site request forgery guard: a request that changes something must come from a page
// of this site. Browsers send Origin on every form post, with or without JavaScript.
import type { NextFunction, Request, Response } from "express";
import { plainPage } from "./plain-page";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function checkOrigin(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  if (isSameOrigin(req.get("origin"), req.get("host"))) return next();
  res
    .status(403)
    .type("html")
    .send(
      plainPage(
        "Form not accepted",
        "This form was sent from another site, or your browser did not say where it came from, so nothing was changed. Go back to the page, reload it and try again.",
      ),
    );
}
