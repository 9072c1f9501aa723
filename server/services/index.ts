// All use cases, wired to their dependencies. Routes and socket handlers receive this object
// through the load context; nothing reaches the database any other way.
import type { Viewer } from "../domain/permissions";
import { getDraft, getMotionPage } from "../queries/motion-page";
import { getHomeSummary, listBodies, listMotions, listOwnMotions, type MotionFilter } from "../queries/motion-lists";
import { listInvitations, listOpenReports, listPeople } from "../queries/people";
import { getBallotTally, getMinutes, getSittingPage, listSittings } from "../queries/sittings";
import { type SearchRequest, findSimilarMotions, searchPublicRecord } from "../queries/search";
import { getAccountability, getBodyPage, getYouSaidWeDid } from "../queries/accountability";
import { createOpenData } from "../record/open-data";
import { createActionService } from "./actions";
import { createBodyService } from "./bodies";
import { createNotificationService } from "./notifications";
import { createReminderService } from "./reminders";
import { createVerdictService } from "./verdicts";
import { verifyAuditChain } from "./audit";
import { type AuditLogQuery, listAuditLog, readAuditEntries } from "../queries/audit-log";
import { createBallotService } from "./ballots";
import type { ServiceDeps } from "./deps";
import { createMotionService } from "./motions";
import { createPeopleService } from "./people";
import { createResponseService } from "./responses";
import { createLiveBallotService } from "./live-ballots";
import { createPresenceService } from "./presence";
import { createSittingService } from "./sittings";
import { createSpeakerQueue } from "./speakers";
import { createThreadService } from "./threads";

export function createServices(deps: ServiceDeps) {
  const { db } = deps;
  // Reads that grow with the record (searches, lists and figures over every motion) go to the
  // read pool, so they never hold up the event loop; small reads stay on the main connection.
  const reads = deps.reads ?? db;
  const presence = createPresenceService(deps);

  /** A sitting as it is now, with who is in the room: the page's data and the live snapshot. */
  async function liveSitting(sittingId: number, viewer: Viewer) {
    const page = await getSittingPage(db, sittingId, viewer);
    if (!page) return null;
    return { ...page, presence: await presence.summary(sittingId), serverNow: deps.clock.now() };
  }

  return {
    rules: deps.rules,
    clock: deps.clock,
    motions: createMotionService(deps),
    threads: createThreadService(deps),
    ballots: createBallotService(deps),
    responses: createResponseService(deps),
    actions: createActionService(deps),
    verdicts: createVerdictService(deps),
    bodies: createBodyService(deps),
    notifications: createNotificationService(deps),
    reminders: createReminderService(deps),
    people: createPeopleService(deps),
    sittings: { ...createSittingService(deps), ...createSpeakerQueue(deps) },
    liveBallots: createLiveBallotService(deps),
    presence,
    read: {
      home: () => getHomeSummary(db),
      motions: (filter: MotionFilter) => listMotions(reads, filter),
      motionPage: (number: string, viewer: Viewer) => getMotionPage(db, number, viewer),
      draft: (id: number, viewer: Viewer) => getDraft(db, id, viewer),
      ownMotions: (userId: string) => listOwnMotions(db, userId),
      bodies: () => listBodies(db),
      people: () => listPeople(db),
      invitations: () => listInvitations(db),
      openReports: () => listOpenReports(db),
      sittings: (options: { page?: number } = {}) => listSittings(db, options),
      sittingPage: (sittingId: number, viewer: Viewer) => getSittingPage(db, sittingId, viewer),
      minutes: (sittingId: number) => getMinutes(db, sittingId),
      liveSitting,
      ballotTally: (ballotId: number) => getBallotTally(db, ballotId),
      accountability: () => getAccountability(reads, deps.clock.now()),
      bodyPage: (slug: string, page: { page: number; perPage: number }) => getBodyPage(reads, slug, deps.clock.now(), page),
      youSaidWeDid: (number: string) => getYouSaidWeDid(db, number),
      auditLog: (query: AuditLogQuery) => listAuditLog(db, query),
      search: (request: SearchRequest) => searchPublicRecord(reads, request),
      similarMotions: (text: string) => findSimilarMotions(reads, text),
      openData: createOpenData(db),
    },
    audit: {
      verify: () => verifyAuditChain(db),
      /** stored entries in chain order, `limit` at a time, for the export */
      entries: (afterSeq: number | null, limit: number) => readAuditEntries(db, afterSeq, limit),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
