// Open data: /record.csv, /record.json, /motions/<number>.json, /feed.atom and
// /bodies/<slug>/feed.atom. Served by Express rather than Remix resource routes because the
// exports must stream with back-pressure and stop when the client leaves (see
// docs/decisions/006-open-data-streaming.md). Everything here is public and the same for
// everyone, so no session is needed and any site may fetch it.
import express, { type NextFunction, type Request, type Response } from "express";
import { isMotionNumber } from "../domain/motion-number";
import { atomFeed } from "../record/atom";
import { csvHeader, csvRow } from "../record/csv";
import type { RecordBody } from "../record/record-motion";
import type { OpenData } from "../record/open-data";
import { type ExportMeta, PersonCollector, popoloMeta, popoloMotion, popoloOrganizations } from "../record/popolo";
import { inChunks, pump } from "../record/pump";
import type { Services } from "../services";
import { plainPage } from "./plain-page";

export interface RecordRouteOptions {
  /** reads through `services.read.openData` (see server/record/open-data.ts) */
  services: Services;
  parliamentName: string;
  log: (message: string) => void;
  /** the site's public address; without it, links are built from the request's own address */
  publicUrl?: string;
}

const PUBLIC_DATA = {
  "Cache-Control": "public, max-age=60",
  // Open data is meant to be reused: pages and tools on other sites may fetch it.
  "Access-Control-Allow-Origin": "*",
  "Cross-Origin-Resource-Policy": "cross-origin",
};

function originOf(req: Request, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/$/, "");
  const host = req.get("host") ?? "";
  // A forged Host header must not be able to put another site's address into the data.
  return /^[a-z0-9.-]+(:\d+)?$/i.test(host) ? `${req.protocol}://${host}` : "http://localhost";
}

type Handler = (req: Request, res: Response) => Promise<void>;

export function recordRoutes({ services, parliamentName, log, publicUrl }: RecordRouteOptions) {
  const openData: OpenData = services.read.openData;
  const router = express.Router();
  const meta = (req: Request): ExportMeta => ({ parliamentName, origin: originOf(req, publicUrl), now: services.clock.now() });

  /** Errors before the first byte go to the app's error page; after it, the download is cut short so it cannot pass for complete. */
  const route = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => {
    handler(req, res).catch((error: Error) => {
      if (!res.headersSent) {
        // The error page must not be cached, nor saved as if it were the data.
        for (const header of [...Object.keys(PUBLIC_DATA), "Content-Disposition"]) res.removeHeader(header);
        return next(error);
      }
      log(`open-data download failed part way: ${error.stack ?? error.message}`);
      res.destroy();
    });
  };

  /** Streams the text, piece by piece in chunks; a HEAD request gets the headers and no reads at all. */
  async function download(req: Request, res: Response, chunks: () => AsyncIterable<string>) {
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    await pump(res, inChunks(chunks()));
  }

  router.get(
    "/record.csv",
    route(async (req, res) => {
      const m = meta(req);
      res.status(200).set({
        ...PUBLIC_DATA,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="record.csv"',
      });
      await download(req, res, async function* () {
        yield csvHeader();
        for await (const batch of openData.motionBatches()) for (const motion of batch) yield csvRow(motion, m.now, m.origin);
      });
    }),
  );

  router.get(
    "/record.json",
    route(async (req, res) => {
      const m = meta(req);
      const bodies = await openData.bodies();
      res.status(200).set({
        ...PUBLIC_DATA,
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": 'inline; filename="record.json"',
      });
      await download(req, res, async function* () {
        // People are gathered as motions pass and listed last, so the file is written in one pass.
        const persons = new PersonCollector();
        yield `{"meta":${JSON.stringify(popoloMeta(m))},\n"organizations":${JSON.stringify(popoloOrganizations(bodies, m))},\n"motions":[\n`;
        let separator = "";
        for await (const batch of openData.motionBatches()) {
          for (const motion of batch) {
            persons.addMotion(motion);
            yield separator + JSON.stringify(popoloMotion(motion, m));
            separator = ",\n";
          }
        }
        yield `\n],\n"persons":${JSON.stringify(persons.list())}}\n`;
      });
    }),
  );

  router.get(
    /^\/motions\/([^/]+)\.json$/,
    route(async (req, res) => {
      // Express has already decoded the captured number.
      const number = req.params[0] ?? "";
      const motion = isMotionNumber(number) ? await openData.motion(number) : null;
      if (!motion) {
        res.status(404).set("Access-Control-Allow-Origin", "*").json({ error: `There is no public motion numbered ${number}.` });
        return;
      }
      const m = meta(req);
      const body = await openData.body(motion.body.slug);
      const persons = new PersonCollector();
      persons.addMotion(motion);
      res
        .status(200)
        .set(PUBLIC_DATA)
        .json({
          meta: popoloMeta(m),
          organizations: popoloOrganizations(body ? [body] : [], m),
          motions: [popoloMotion(motion, m)],
          persons: persons.list(),
        });
    }),
  );

  async function sendFeed(req: Request, res: Response, body: RecordBody | null) {
    const m = meta(req);
    const entries = await openData.feed({ bodyId: body?.id, timeZone: services.rules.timeZone });
    const path = body ? `/bodies/${encodeURIComponent(body.slug)}/feed.atom` : "/feed.atom";
    const xml = atomFeed({
      selfUrl: `${m.origin}${path}`,
      pageUrl: body ? `${m.origin}/motions?body=${encodeURIComponent(body.slug)}` : `${m.origin}/motions`,
      title: body ? `${body.name}: answers to ${parliamentName}` : `${parliamentName}: decisions and responses`,
      subtitle: body
        ? `Decisions on motions addressed to ${body.name}, its responses and holding replies, and progress on the actions it promised.`
        : "Motions carried or defeated, commissioners' responses and holding replies, and progress on promised actions.",
      origin: m.origin,
      parliamentName,
      entries,
      now: m.now,
    });
    res.status(200).set({ ...PUBLIC_DATA, "Content-Type": "application/atom+xml; charset=utf-8" }).send(xml);
  }

  router.get("/feed.atom", route((req, res) => sendFeed(req, res, null)));

  router.get(
    "/bodies/:slug/feed.atom",
    route(async (req, res) => {
      const body = await openData.body(req.params.slug);
      if (!body) {
        res
          .status(404)
          .type("html")
          .send(plainPage("No such commissioning body", "There is no commissioning body at this address, so there is no feed for it."));
        return;
      }
      await sendFeed(req, res, body);
    }),
  );

  return router;
}
