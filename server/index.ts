// `npm start`: run the parliament with settings from the environment.
import { sql } from "kysely";
import { loadConfig } from "./config";
import { startParliament } from "./start";

const config = loadConfig();
const parliament = await startParliament(config);
// The read pool starts its threads on its first query: make that now, not a visitor's first search.
await sql`select 1`.execute(parliament.database.reads);

console.log(`\nThe parliament is running at ${parliament.url}  (${parliament.database.description})`);
if (parliament.demoSignIns.length) {
  console.log("\nDemo sign-ins (every password is the same):");
  for (const s of parliament.demoSignIns) console.log(`  ${s.role.padEnd(13)} ${s.email.padEnd(32)} ${s.password}   ${s.note}`);
}
console.log("\nPress Ctrl+C to stop.");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    console.log("\nStopping: finishing requests in flight…");
    await parliament.stop();
    process.exit(0);
  });
}
