import nodemailer from "nodemailer";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { loadConfig } from "../../server/config";
import { createEventBus, type EventBus } from "../../server/events";
import { type Mailer, startMailer } from "../../server/notify/mailer";
import { createServices, type Services } from "../../server/services";
import { startParliament } from "../../server/start";
import { createTestDatabase, describeEachDatabase } from "../support/databases";
import { createMember } from "../support/factories";
import { publishedMotion, useParliament } from "../support/parliament";

const publicUrl = "https://parliament.test.example";

describeEachDatabase("email copies of notices", (dialect) => {
  const t = useParliament(dialect);
  // The mailer listens on its own bus, so these tests build services that emit on it.
  let bus: EventBus;
  let services: Services;
  let mailer: Mailer | null;
  const logs: string[] = [];

  beforeEach(() => {
    bus = createEventBus();
    services = createServices({ db: t.db, clock: t.clock, events: bus, rules: t.rules });
    mailer = null;
    logs.length = 0;
  });
  afterEach(async () => {
    await mailer?.stop();
  });

  /** A published motion one member short of seconded, and a follower. */
  async function nearlySeconded() {
    const scene = await publishedMotion(t);
    const follower = await createMember(t.db);
    await services.notifications.follow(follower, scene.motionId);
    await services.motions.second(scene.members[0], scene.motionId);
    return { ...scene, follower };
  }

  it("a notice becomes one email to its recipient, with the message and a link to the motion", async () => {
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const send = vi.spyOn(transport, "sendMail");
    const scene = await nearlySeconded();
    mailer = startMailer(t.db, bus, { transport, from: "Parliament <no-reply@test.example>", publicUrl }, (m) => logs.push(m));
    await services.motions.second(scene.members[1], scene.motionId);
    await mailer.idle();

    const mails = send.mock.calls.map(([mail]) => mail);
    expect(mails.map((m) => m.to).sort()).toEqual([scene.follower.email, scene.proposer.email].sort());
    const toFollower = mails.find((m) => m.to === scene.follower.email)!;
    expect(toFollower).toMatchObject({ from: "Parliament <no-reply@test.example>", subject: `Update on motion ${scene.number}` });
    expect(toFollower.text).toContain(`${scene.number}: Count pets as part of a person's circle of support was seconded and can now go to a vote.`);
    expect(toFollower.text).toContain(`${publicUrl}/motions/${scene.number}`);
    expect(toFollower.text).toContain(scene.follower.displayName);
    // What reached the transport is a real message, addressed to one person only.
    const sent = JSON.parse((await send.mock.results[0].value).message);
    expect(sent.to).toHaveLength(1);
    expect(logs).toEqual([]);
  });

  it("people without an email address, or suspended since, get none", async () => {
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const send = vi.spyOn(transport, "sendMail");
    const scene = await nearlySeconded();
    await t.db.updateTable("users").set({ email: null }).where("id", "=", scene.follower.id).execute();
    mailer = startMailer(t.db, bus, { transport, from: "no-reply@test.example", publicUrl }, (m) => logs.push(m));
    await services.motions.second(scene.members[1], scene.motionId);
    await mailer.idle();
    expect(send.mock.calls.map(([mail]) => mail.to)).toEqual([scene.proposer.email]);
  });

  it("a transport that fails is logged, and the change and its notice stand", async () => {
    const failing = nodemailer.createTransport({
      name: "failing",
      version: "1",
      send: (_mail: unknown, callback: (error: Error | null, info: object) => void) => callback(new Error("SMTP server unreachable"), {}),
    });
    const scene = await nearlySeconded();
    mailer = startMailer(t.db, bus, { transport: failing, from: "no-reply@test.example", publicUrl }, (m) => logs.push(m));
    await expect(services.motions.second(scene.members[1], scene.motionId)).resolves.toMatchObject({ status: "seconded" });
    await mailer.idle();
    const notices = await t.db.selectFrom("notifications").select("id").where("kind", "=", "seconded").orderBy("id").execute();
    expect(notices).toHaveLength(2);
    expect(logs.sort()).toEqual(notices.map((n) => `mailer: could not send notice ${n.id}: SMTP server unreachable`).sort());
    expect(await services.notifications.unreadCount(scene.follower)).toBe(1);
  });

  it("stopping it stops listening", async () => {
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const send = vi.spyOn(transport, "sendMail");
    const scene = await nearlySeconded();
    const stopped = startMailer(t.db, bus, { transport, from: "no-reply@test.example", publicUrl }, (m) => logs.push(m));
    await stopped.stop();
    await services.motions.second(scene.members[1], scene.motionId);
    await stopped.idle();
    expect(send).not.toHaveBeenCalled();
  });
});

describeEachDatabase("a server with and without SMTP", (dialect) => {
  /** The real server on a fresh database, with the environment given. */
  async function start(env: Record<string, string>) {
    const database = await createTestDatabase(dialect);
    const config = loadConfig({ NODE_ENV: "production", DATABASE_URL: database.url, PORT: "0", HOST: "127.0.0.1", DEMO_DATA: "false", ...env });
    const logs: string[] = [];
    const running = await startParliament(config, { log: (m) => logs.push(m) });
    return {
      running,
      logs,
      stop: async () => {
        await running.stop();
        await database.drop();
      },
    };
  }

  /** A member seconds a motion into "seconded", so its proposer gets a notice. */
  async function causeNotice(services: Services, db: Parameters<typeof createMember>[0]) {
    const [proposer, a, b] = [await createMember(db), await createMember(db), await createMember(db)];
    const body = await db
      .insertInto("bodies")
      .values({ slug: "mail-test-body", name: "Mail Test Body", description: "", response_period_days: 56, contact: "", created_at: 0 })
      .returning("id")
      .executeTakeFirstOrThrow();
    const { id } = await services.motions.raise(proposer, {
      title: "A motion that causes a notice",
      text: "This parliament calls on the body to send us an email.",
      rationale: "So we can see what happens to the email.",
      bodyId: body.id,
    }, { publish: true });
    for (const m of [a, b]) await services.motions.second(m, id);
  }

  it("without SMTP_URL the server starts without a mailer, and no email is attempted", async () => {
    const createTransport = vi.spyOn(nodemailer, "createTransport");
    const server = await start({});
    try {
      expect(loadConfig({ NODE_ENV: "production" }).smtpUrl).toBeNull();
      await causeNotice(server.running.services, server.running.database.db);
      expect(await server.running.database.db.selectFrom("notifications").select("id").execute()).toHaveLength(1);
      expect(createTransport).not.toHaveBeenCalled();
    } finally {
      await server.stop();
      createTransport.mockRestore();
    }
  });

  it("with SMTP_URL it sends after commit; an unreachable mail server is logged and the site carries on", async () => {
    const createTransport = vi.spyOn(nodemailer, "createTransport");
    const server = await start({ SMTP_URL: "smtp://127.0.0.1:1", PUBLIC_URL: publicUrl });
    try {
      expect(createTransport).toHaveBeenCalledWith("smtp://127.0.0.1:1");
      await causeNotice(server.running.services, server.running.database.db);
      await vi.waitFor(() => expect(server.logs.some((l) => l.startsWith("mailer: could not send notice"))).toBe(true), { timeout: 10_000 });
      const home = await fetch(server.running.url);
      expect(home.status).toBe(200);
    } finally {
      await server.stop();
      createTransport.mockRestore();
    }
  });
});
