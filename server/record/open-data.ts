// The open-data read model, as the HTTP layer receives it through the services: batched
// motions for the streamed exports, one motion, the bodies, and the feed entries.
import type { Db } from "../services/deps";
import { type BatchOptions, readBodies, readBody, readMotion, readMotionBatches } from "./export-rows";
import { readFeedEntries } from "./feed-entries";

export function createOpenData(db: Db) {
  return {
    motionBatches: (options: BatchOptions = {}) => readMotionBatches(db, options),
    motion: (number: string) => readMotion(db, number),
    bodies: () => readBodies(db),
    body: (slug: string) => readBody(db, slug),
    feed: (options: { bodyId?: number; limit?: number; timeZone: string }) => readFeedEntries(db, options),
  };
}

export type OpenData = ReturnType<typeof createOpenData>;
