// Live ballots in a sitting: the same ballot rules as online ones (one member, one vote;
// outcome computed), opened and closed by the chair on the item being debated.
import { InvalidState } from "../domain/errors";
import { type Viewer, requireRole } from "../domain/permissions";
import { agendaItemSchema, liveBallotSchema } from "../domain/schemas/sitting";
import { closeBallotInScope, openBallotInScope } from "./ballots";
import type { ServiceDeps } from "./deps";
import { findMotionById } from "./motions";
import { findItem, findSitting, moveItem } from "./sittings";
import { validate } from "./validate";
import { write } from "./write";

export function createLiveBallotService(deps: ServiceDeps) {
  return {
    async open(viewer: Viewer, input: unknown): Promise<{ ballotId: number }> {
      requireRole(viewer, ["chair"], "open a ballot");
      const { itemId, kind, rule } = validate(liveBallotSchema, input);
      return write(deps, async (scope) => {
        const item = await findItem(scope.trx, itemId);
        const sitting = await findSitting(scope.trx, item.sitting_id);
        if (sitting.status !== "open") throw new InvalidState("The sitting is not in session, so no ballot can be opened.");
        if (item.status !== "debating") throw new InvalidState("A live ballot is taken on the item being debated now.");
        const motion = await findMotionById(scope.trx, item.motion_id);
        const ballotId = await openBallotInScope(scope, {
          motion,
          kind,
          rule,
          closesAt: null,
          quorumPercent: deps.rules.quorumPercent,
          openedBy: viewer.id,
          live: { sittingId: sitting.id, itemId: item.id },
        });
        await moveItem(scope, item, "voting", viewer.id);
        return { ballotId };
      });
    },

    /** The chair closes the item's ballot; the result is recorded and the item is decided. */
    async close(viewer: Viewer, input: unknown) {
      requireRole(viewer, ["chair"], "close a ballot");
      const { itemId } = validate(agendaItemSchema, input);
      return write(deps, async (scope) => {
        const item = await findItem(scope.trx, itemId);
        const ballot = await scope.trx
          .selectFrom("ballots")
          .selectAll()
          .where("agenda_item_id", "=", item.id)
          .where("status", "=", "open")
          .executeTakeFirst();
        if (!ballot) throw new InvalidState("There is no open ballot on this item.");
        const outcome = await closeBallotInScope(scope, ballot, scope.now, viewer.id);
        return { ballotId: ballot.id, outcome };
      });
    },
  };
}

export type LiveBallotService = ReturnType<typeof createLiveBallotService>;
