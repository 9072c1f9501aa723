// Email copies of in-app notices, only when SMTP is configured. Sending happens after commit
// and never fails the change that caused it: a mail problem is logged and nothing else.
import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "../services/deps";
import type { EventBus } from "../events";

export interface MailSettings {
  /** smtp://user:pass@host:587, or a nodemailer transport for tests */
  transport: string | Transporter<unknown>;
  from: string;
  /** the site's public address, for links in the email */
  publicUrl: string;
}

export function startMailer(db: Db, events: EventBus, settings: MailSettings, log: (m: string) => void) {
  const transporter = typeof settings.transport === "string" ? nodemailer.createTransport(settings.transport) : settings.transport;
  let sending: Promise<unknown> = Promise.resolve();

  async function send(ids: number[]) {
    const rows = await db
      .selectFrom("notifications")
      .innerJoin("users", "users.id", "notifications.user_id")
      .leftJoin("motions", "motions.id", "notifications.motion_id")
      .select(["notifications.id", "notifications.message", "users.email", "users.display_name", "motions.number"])
      .where("notifications.id", "in", ids)
      .where("users.status", "=", "active")
      .execute();
    for (const row of rows) {
      if (!row.email) continue;
      const link = row.number ? `${settings.publicUrl}/motions/${row.number}` : `${settings.publicUrl}/notifications`;
      try {
        await transporter.sendMail({
          from: settings.from,
          to: row.email,
          subject: row.number ? `Update on motion ${row.number}` : "An update from your parliament",
          text: `Hello ${row.display_name},\n\n${row.message}\n\n${link}\n\nYou get these emails because you follow this motion or it concerns you. Your notifications page: ${settings.publicUrl}/notifications`,
        });
      } catch (error) {
        log(`mailer: could not send notice ${row.id}: ${(error as Error).message}`);
      }
    }
  }

  const unsubscribe = events.on((event) => {
    if (event.type !== "notifications:created") return;
    sending = sending.then(() => send(event.ids)).catch((error) => log(`mailer: ${(error as Error).message}`));
  });

  return {
    /** Resolves when every email queued so far has been handed to the transport. */
    idle: () => sending,
    async stop() {
      unsubscribe();
      await sending;
      transporter.close();
    },
  };
}

export type Mailer = ReturnType<typeof startMailer>;
