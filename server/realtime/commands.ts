// What a live client may ask for, each mapped onto the same service as the HTTP form. The
// payload is checked here only for the ids that pick the target; the service validates the rest.
import { z } from "zod";
import type { Actor } from "../domain/permissions";
import { id } from "../domain/schemas/text";
import type { Services } from "../services";

type Handler = (services: Services, actor: Actor | null, payload: any) => Promise<unknown>;

interface Command {
  /** the ids the handler needs before it can call the service */
  target: z.ZodTypeAny;
  run: Handler;
}

/**
 * An id as the database can hold it. Any larger number cannot name a row, and Postgres would
 * reject it as out of range (a server error) instead of answering "no such thing".
 */
export const MAX_ROW_ID = 2_147_483_647;
const rowId = (label: string) => id(label).max(MAX_ROW_ID, `${label} must be a whole number.`);
const target = (fields: Record<string, string>) =>
  z.object(Object.fromEntries(Object.entries(fields).map(([key, label]) => [key, rowId(label)]))).passthrough();

const ballot = target({ ballotId: "The ballot" });
const sitting = target({ sittingId: "The sitting" });
const motion = target({ motionId: "The motion" });
const item = target({ itemId: "The agenda item" });
const request = target({ requestId: "The request" });

export const commands: Record<string, Command> = {
  "vote:cast": { target: ballot, run: (s, a, p) => s.ballots.vote(a, p.ballotId, p) },

  "speaker:request": { target: item, run: (s, a, p) => s.sittings.requestToSpeak(a, p) },
  "speaker:withdraw": { target: request, run: (s, a, p) => s.sittings.withdrawRequest(a, p) },
  "speaker:next": { target: item, run: (s, a, p) => s.sittings.callNextSpeaker(a, p) },
  "speaker:end": { target: item, run: (s, a, p) => s.sittings.endSpeech(a, p) },

  "item:start": { target: item, run: (s, a, p) => s.sittings.startItem(a, p) },
  "item:next": { target: sitting, run: (s, a, p) => s.sittings.startNextItem(a, p.sittingId) },
  "item:adjourn": { target: item, run: (s, a, p) => s.sittings.adjournItem(a, p) },

  "ballot:open": { target: item, run: (s, a, p) => s.liveBallots.open(a, p) },
  "ballot:close": { target: item, run: (s, a, p) => s.liveBallots.close(a, p) },

  "sitting:open": { target: sitting, run: (s, a, p) => s.sittings.open(a, p.sittingId) },
  "sitting:suspend": { target: sitting, run: (s, a, p) => s.sittings.suspend(a, p.sittingId) },
  "sitting:close": { target: sitting, run: (s, a, p) => s.sittings.close(a, p.sittingId) },

  "agenda:add": { target: target({ sittingId: "The sitting", motionId: "The motion" }), run: (s, a, p) => s.sittings.addToAgenda(a, p.sittingId, p) },
  "agenda:remove": { target: item, run: (s, a, p) => s.sittings.removeFromAgenda(a, p) },
  "agenda:move": { target: item, run: (s, a, p) => s.sittings.reorder(a, p) },

  "thread:post": {
    target: motion.extend({ parentId: rowId("The post you are replying to").optional() }),
    run: (s, a, p) => s.threads.post(a, p.motionId, p),
  },
};
