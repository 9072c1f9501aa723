// Nothing depends on a socket staying up, not even the server's own: after a restart on the
// same database, live connections from before no longer count anyone as present, and members
// are counted again as their pages reconnect.
import { expect, it } from "vitest";
import { loadConfig } from "../../server/config";
import { type RunningParliament, startParliament } from "../../server/start";
import { createTestDatabase, describeEachDatabase } from "../support/databases";
import { connectAs } from "../support/live-client";
import { sittingWithAgenda } from "../support/sittings";

describeEachDatabase("a restart during a live sitting", (dialect) => {
  it("forgets the connections of the process before, and counts members again when they reconnect", async () => {
    const database = await createTestDatabase(dialect);
    const config = { ...loadConfig({ NODE_ENV: "production", DATABASE_URL: database.url, PORT: "0", HOST: "127.0.0.1" }), demoData: false };
    const start = () => startParliament(config, { log: () => {} });
    let running: RunningParliament | null = await start();
    try {
      const scene = await sittingWithAgenda({ services: running.services, db: running.database.db }, { motions: 1 });
      const member = scene.members[0];
      const before = await connectAs(running.url, member);
      await before.join(`sitting:${scene.sittingId}`);
      await before.waitFor("sitting:presence", (d) => d.presence.present.includes(member.displayName));
      await running.stop();
      running = null;
      before.close();

      running = await start();
      const db = running.database.db;
      const row = () => db.selectFrom("sitting_presence").select(["connections", "last_via"]).where("member_id", "=", member.id).executeTakeFirstOrThrow();
      await expect.poll(row, { timeout: 5_000 }).toEqual({ connections: 0, last_via: "socket" });

      const after = await connectAs(running.url, member);
      await after.join(`sitting:${scene.sittingId}`);
      expect(await row()).toEqual({ connections: 1, last_via: "socket" });
      after.close();
      await expect.poll(row, { timeout: 5_000 }).toEqual({ connections: 0, last_via: "socket" });
    } finally {
      await running?.stop();
      await database.drop();
    }
  });
});
