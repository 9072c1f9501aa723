// Optional CPU profiles of the server (--profile DIR), one for the join phase and one for the
// vote phase, so start-up and set-up do not drown what matters. Open them in Chrome DevTools.
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";

export function createPhaseProfiler(dir: string | null) {
  let session: Session | null = null;
  return {
    async begin() {
      if (!dir) return;
      session = new Session();
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.setSamplingInterval", { interval: 200 });
      await session.post("Profiler.start");
    },
    async end(phase: string): Promise<string | null> {
      if (!session || !dir) return null;
      const { profile } = await session.post("Profiler.stop");
      session.disconnect();
      session = null;
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `sitting-server-${phase}-${Date.now()}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}
