// `npm run invite -- --role admin [--days 14] [--body <slug>] [--note "..."]`
// Creates an invitation from the server's own command line and prints its link. This is how a
// fresh install without demo data gets its first admin; after that, admins invite from the site.
import { parseArgs } from "node:util";
import { connect } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { isServiceError, InvalidInput } from "../server/domain/errors";
import { roles } from "../server/domain/schemas/account";
import { systemClock } from "../server/domain/time";
import { createEventBus } from "../server/events";
import { findBodyIdBySlug } from "../server/queries/people";
import { defaultRules } from "../server/services/deps";
import { createPeopleService } from "../server/services/people";

const usage = `Usage: npm run invite -- --role <${roles.join("|")}> [--days 1-30] [--body <body slug>] [--note "text"]

  --role   the role the new person will have (required)
  --days   how many days the link works for (default 14)
  --body   the commissioning body's slug (required for commissioners)
  --note   a private note for admins, such as "Tuesday peer group"

The database is DATABASE_URL (default file:./data/parliament.db). The printed link uses
PUBLIC_URL, or http://localhost:$PORT (default 3000).`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({
    options: {
      role: { type: "string" },
      days: { type: "string" },
      body: { type: "string" },
      note: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}
if (!args.role) fail("Say which role the invitation is for, with --role.");
if (args.days !== undefined && !/^\d+$/.test(args.days)) fail(`--days must be a whole number, not "${args.days}".`);

const database = connect(process.env.DATABASE_URL || "file:./data/parliament.db");
try {
  await migrateToLatest(database.db);
  let bodyId: number | undefined;
  if (args.body) {
    bodyId = (await findBodyIdBySlug(database.db, args.body)) ?? undefined;
    if (bodyId === undefined) fail(`There is no commissioning body with the slug "${args.body}".`);
  }
  const people = createPeopleService({ db: database.db, clock: systemClock, events: createEventBus(), rules: defaultRules });
  const invitation = await people.inviteFromCommandLine({
    role: args.role,
    bodyId,
    label: args.note,
    validDays: args.days === undefined ? undefined : Number(args.days),
  });
  const joinPath = `/join/${invitation.token}`;
  const origin = (process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, "");
  console.log(`Invitation for the ${args.role} role created in ${database.description}.`);
  console.log(`It works once, until ${new Date(invitation.expiresAt).toUTCString()}.\n`);
  console.log(`  Path: ${joinPath}`);
  console.log(`  Link: ${origin}${joinPath}\n`);
  console.log("Keep the link private: only its hash is stored, so it cannot be shown again.");
} catch (error) {
  if (error instanceof InvalidInput) {
    const flags: Record<string, string> = { role: "--role", bodyId: "--body", validDays: "--days", label: "--note" };
    const details = Object.entries(error.fieldErrors).map(([field, messages]) => `  ${flags[field] ?? field}: ${messages.join(" ")}`);
    fail(`The invitation was not created.\n${details.join("\n") || error.message}`);
  }
  if (isServiceError(error)) fail(error.message);
  throw error;
} finally {
  await database.close();
}
