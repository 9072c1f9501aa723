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

const ballot = z.object({ ballotId: id("The ballot") }).passthrough();
const sitting = z.object({ sittingId: id("The sitting") }).passthrough();
const motion = z.object({ motionId: id("The motion") }).passthrough();
const anything = z.object({}).passthrough();

export const commands: Record<string, Command> = {
  "vote:cast": { target: ballot, run: (s, a, p) => s.ballots.vote(a, p.ballotId, p) },

  "speaker:request": { target: anything, run: (s, a, p) => s.sittings.requestToSpeak(a, p) },
  "speaker:withdraw": { target: anything, run: (s, a, p) => s.sittings.withdrawRequest(a, p) },
  "speaker:next": { target: anything, run: (s, a, p) => s.sittings.callNextSpeaker(a, p) },
  "speaker:end": { target: anything, run: (s, a, p) => s.sittings.endSpeech(a, p) },

  "item:start": { target: anything, run: (s, a, p) => s.sittings.startItem(a, p) },
  "item:next": { target: sitting, run: (s, a, p) => s.sittings.startNextItem(a, p.sittingId) },
  "item:adjourn": { target: anything, run: (s, a, p) => s.sittings.adjournItem(a, p) },

  "ballot:open": { target: anything, run: (s, a, p) => s.liveBallots.open(a, p) },
  "ballot:close": { target: anything, run: (s, a, p) => s.liveBallots.close(a, p) },

  "sitting:open": { target: sitting, run: (s, a, p) => s.sittings.open(a, p.sittingId) },
  "sitting:suspend": { target: sitting, run: (s, a, p) => s.sittings.suspend(a, p.sittingId) },
  "sitting:close": { target: sitting, run: (s, a, p) => s.sittings.close(a, p.sittingId) },

  "agenda:add": { target: sitting, run: (s, a, p) => s.sittings.addToAgenda(a, p.sittingId, p) },
  "agenda:remove": { target: anything, run: (s, a, p) => s.sittings.removeFromAgenda(a, p) },
  "agenda:move": { target: anything, run: (s, a, p) => s.sittings.reorder(a, p) },

  "thread:post": { target: motion, run: (s, a, p) => s.threads.post(a, p.motionId, p) },
};
