// Scenes for the record's tests (search, print, HTML validity): motions and sittings walked
// through their life with the real services, as realistic as the pages they check need.
import { DAY_MS, epochToZonedLocal } from "../../server/domain/time";
import { createBody, createChair, createCommissioner, createMember, motionInput, responseInput } from "../support/factories";
import type { TestServer } from "../support/server";

type Body = Awaited<ReturnType<typeof createBody>>;

/** A published motion with two members ready to second it and a chair. */
export async function publishedMotion(server: TestServer, overrides: Record<string, unknown> = {}, body?: Body) {
  const db = server.database.db;
  const theBody = body ?? (await createBody(db));
  const [proposer, a, b] = [await createMember(db), await createMember(db), await createMember(db)];
  const chair = await createChair(db);
  const { id, number } = await server.services.motions.raise(proposer, motionInput(theBody.id, overrides), { publish: true });
  return { body: theBody, proposer, members: [a, b], chair, motionId: id, number: number! };
}

export async function secondedMotion(server: TestServer, overrides: Record<string, unknown> = {}, body?: Body) {
  const scene = await publishedMotion(server, overrides, body);
  for (const m of scene.members) await server.services.motions.second(m, scene.motionId);
  return scene;
}

/** A motion carried by a recorded vote and answered by its body (with one promised action, unless given others). */
export async function answeredMotion(server: TestServer, overrides: Record<string, unknown>, response: Record<string, unknown> = {}, body?: Body) {
  const scene = await secondedMotion(server, overrides, body);
  const closesAt = epochToZonedLocal(server.services.clock.now() + 7 * DAY_MS, server.services.rules.timeZone);
  const { ballotId } = await server.services.ballots.open(scene.chair, scene.motionId, { kind: "recorded", rule: "simple", closesAt });
  for (const m of [scene.proposer, ...scene.members]) await server.services.ballots.vote(m, ballotId, { choice: "for" });
  await server.services.ballots.close(scene.chair, ballotId);
  const commissioner = await createCommissioner(server.database.db, scene.body.id);
  await server.services.responses.publish(commissioner, scene.motionId, responseInput("accept", response));
  return scene;
}

/**
 * A motion with a busy history: its text changed once, a nested and moderated thread, seconds,
 * a recorded vote of six members (long enough to fold in the timeline), carried, answered with
 * promised actions.
 */
export async function busyMotion(server: TestServer) {
  const db = server.database.db;
  const s = server.services;
  const body = await createBody(db, { name: "Riverside Integrated Care Board" });
  const proposer = await createMember(db);
  const members = [await createMember(db), await createMember(db), await createMember(db), await createMember(db), await createMember(db)];
  const chair = await createChair(db);
  const input = motionInput(body.id, {
    title: "Count pets as part of a person's circle of support",
    text: "This parliament calls on the board to ask about companion animals in every care assessment, and to plan for their care before a stay in hospital.",
    rationale: "For many of us a dog or a cat is the reason to get up. When a crisis comes, worry about who will feed the cat stops people accepting a hospital bed.",
    summary: "Ask about pets in care assessments, and plan for them before someone is unwell.",
    topics: "care assessments, pets",
  });
  const { id, number } = await s.motions.raise(proposer, input, { publish: true });
  await s.motions.edit(proposer, id, { ...input, text: `${input.text} Plans should be written with the person.` });
  const [a, b, c, d, e] = members;
  const { postId: first } = await s.threads.post(a, id, { stance: "for", body: "My dog kept me going through a long winter." });
  const { postId: reply } = await s.threads.post(b, id, { stance: "question", body: "Would this cover birds & fish too?", parentId: first });
  await s.threads.post(proposer, id, { stance: "neutral", body: "Yes: any animal the person cares for.", parentId: reply });
  await s.threads.edit(a, { postId: first, stance: "for", body: "My dog kept me going through a long, hard winter." });
  const { postId: rude } = await s.threads.post(c, id, { stance: "against", body: "Only fools keep pets." });
  await s.threads.hide(chair, { postId: rude, reason: "Unkind to other members." });
  const { postId: gone } = await s.threads.post(d, id, { stance: "for", body: "Posted on the wrong motion." });
  await s.threads.remove(d, { postId: gone });
  await s.motions.second(a, id);
  await s.motions.second(b, id);
  const closesAt = epochToZonedLocal(s.clock.now() + 7 * DAY_MS, s.rules.timeZone);
  const { ballotId } = await s.ballots.open(chair, id, { kind: "recorded", rule: "simple", closesAt });
  for (const m of [proposer, a, b, c, d]) await s.ballots.vote(m, ballotId, { choice: "for" });
  await s.ballots.vote(e, ballotId, { choice: "against" });
  await s.ballots.close(chair, ballotId);
  const commissioner = await createCommissioner(db, body.id);
  await s.responses.publish(commissioner, id, responseInput("accept_in_part", {
    actions: [
      { description: "Add a question about pets to the assessment form", owner: "Assessment team", dueDate: "2035-06-30" },
      { description: "Train assessors to plan for pets before a hospital stay", owner: "Workforce team", dueDate: "2035-09-30" },
    ],
  }));
  return { body, proposer, members, chair, commissioner, motionId: id, number: number!, path: `/motions/${number}` };
}

/**
 * A closed sitting with minutes: attendance, one motion debated with two speakers and carried by
 * a live recorded vote, and a second motion left unreached.
 */
export async function closedSitting(server: TestServer) {
  const s = server.services;
  const first = await secondedMotion(server, { title: "Peer workers on the night crisis line" });
  const second = await secondedMotion(server, { title: "A quiet room in every emergency department" }, first.body);
  const chair = first.chair;
  const startsAt = epochToZonedLocal(s.clock.now() + DAY_MS, s.rules.timeZone);
  const { sittingId } = await s.sittings.schedule(chair, { title: "Autumn sitting", startsAt, place: "Riverside Town Hall" });
  await s.sittings.addToAgenda(chair, sittingId, { motionId: first.motionId });
  await s.sittings.addToAgenda(chair, sittingId, { motionId: second.motionId });
  await s.sittings.open(chair, sittingId);
  const voters = [first.proposer, ...first.members, second.proposer, ...second.members];
  for (const m of voters) await s.presence.pageViewed(m, sittingId);
  const { itemId } = await s.sittings.startNextItem(chair, sittingId);
  await s.sittings.requestToSpeak(first.members[0], { itemId, kind: "speech" });
  await s.sittings.requestToSpeak(first.members[1], { itemId, kind: "question" });
  await s.sittings.callNextSpeaker(chair, { itemId });
  await s.sittings.callNextSpeaker(chair, { itemId });
  const { ballotId } = await s.liveBallots.open(chair, { itemId, kind: "recorded", rule: "simple" });
  for (const m of voters) await s.ballots.vote(m, ballotId, { choice: m === second.proposer ? "against" : "for" });
  await s.liveBallots.close(chair, { itemId });
  await s.sittings.close(chair, sittingId);
  return { sittingId, path: `/sittings/${sittingId}`, carried: first, unreached: second };
}
