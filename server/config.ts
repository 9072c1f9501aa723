// Configuration from the environment, with defaults that run the demo parliament locally.
import { defaultReadThreads } from "../db/connect";
import { defaultRules, type ParliamentRules } from "./services/deps";

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** SQLite only: threads for long reads beside the event loop (db/read-pool.ts); 0 keeps them on the main connection */
  readThreads: number;
  /** seed a demo parliament when the database is empty */
  demoData: boolean;
  /** send the session cookie only over HTTPS */
  secureCookies: boolean;
  production: boolean;
  /** SMTP server for email copies of notices (smtp://user:pass@host:587); none: no email */
  smtpUrl: string | null;
  mailFrom: string;
  /** the site's public address, used in emails and printed links */
  publicUrl: string;
  /** PUBLIC_URL was set: open-data links use it rather than the address each request came to */
  publicUrlSet: boolean;
  /** the parliament's name, shown on every page */
  parliamentName: string;
  rules: ParliamentRules;
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  return !/^(0|false|no|off)$/i.test(value.trim());
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not "${value}".`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === "production";
  const timeZone = env.TIME_ZONE || defaultRules.timeZone;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone });
  } catch {
    throw new Error(`TIME_ZONE "${timeZone}" is not a time zone name such as Europe/London.`);
  }
  return {
    port: positiveInt("PORT", env.PORT, 3000),
    host: env.HOST || "0.0.0.0",
    databaseUrl: env.DATABASE_URL || "file:./data/parliament.db",
    readThreads: positiveInt("READ_THREADS", env.READ_THREADS, defaultReadThreads),
    demoData: flag(env.DEMO_DATA, true),
    // Off by default so http://localhost works in every browser; turn on behind HTTPS.
    secureCookies: flag(env.SECURE_COOKIES, false),
    production,
    parliamentName: env.PARLIAMENT_NAME?.trim() || "Riverside Mental Health Parliament",
    smtpUrl: env.SMTP_URL?.trim() || null,
    mailFrom: env.MAIL_FROM?.trim() || "Mental Health Parliament <no-reply@localhost>",
    publicUrl: (env.PUBLIC_URL?.trim() || `http://localhost:${env.PORT || 3000}`).replace(/\/$/, ""),
    publicUrlSet: Boolean(env.PUBLIC_URL?.trim()),
    rules: {
      secondersRequired: Math.max(1, positiveInt("SECONDERS_REQUIRED", env.SECONDERS_REQUIRED, defaultRules.secondersRequired)),
      lapseDays: Math.max(1, positiveInt("LAPSE_DAYS", env.LAPSE_DAYS, defaultRules.lapseDays)),
      quorumPercent: Math.min(100, positiveInt("QUORUM_PERCENT", env.QUORUM_PERCENT, defaultRules.quorumPercent)),
      timeZone,
      verdictRequests: Math.max(1, positiveInt("VERDICT_REQUESTS", env.VERDICT_REQUESTS, defaultRules.verdictRequests)),
      verdictDays: Math.max(1, positiveInt("VERDICT_DAYS", env.VERDICT_DAYS, defaultRules.verdictDays)),
    },
  };
}
