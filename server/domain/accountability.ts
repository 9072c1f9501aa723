// The rules of accountability after a motion is carried: actions and their progress, when a
// response or an action counts as overdue, and what a response's record adds up to.
import type { ActionStatus, ResponseStatus } from "../../db/schema";
import { InvalidInput } from "./errors";
import { DAY_MS } from "./time";

/** Commissioners are reminded when a response falls due within this many days. */
export const DUE_SOON_DAYS = 7;

export function isDueSoon(dueAt: number, now: number): boolean {
  return now <= dueAt && dueAt - now <= DUE_SOON_DAYS * DAY_MS;
}

export const actionStatusLabels: Record<ActionStatus, string> = {
  planned: "Planned",
  in_progress: "In progress",
  done: "Done",
  dropped: "Dropped",
};

/** A carried motion is owed an answer while it waits for its first response or a revised one. */
export const awaitingAnswer = ["awaiting", "revision_requested"] as const satisfies readonly ResponseStatus[];

/** Actions still to deliver: neither done nor dropped. */
export const openActionStatuses = ["planned", "in_progress"] as const satisfies readonly ActionStatus[];

export function isActionOpen(status: ActionStatus): boolean {
  return (openActionStatuses as readonly ActionStatus[]).includes(status);
}

export function isActionOverdue(action: { status: ActionStatus; due_at: number }, now: number): boolean {
  return isActionOpen(action.status) && now > action.due_at;
}

/** Every action is done or dropped: the promise is settled and the motion's record can close. */
export function allActionsSettled(actions: readonly { status: ActionStatus }[]): boolean {
  return actions.length > 0 && actions.every((a) => !isActionOpen(a.status));
}

/**
 * An update must be consistent: done means 100%, planned means nothing started yet, and a
 * dropped action says why. Returns the progress to store.
 */
export function checkActionUpdate(update: { status: ActionStatus; progress: number; dropReason?: string }): number {
  if (update.status === "done") return 100;
  if (update.status === "dropped" && !update.dropReason?.trim()) {
    throw new InvalidInput("Say why the action was dropped.", { dropReason: ["Say why the action was dropped."] });
  }
  if (update.status === "in_progress" && update.progress >= 100) {
    const message = "An action at 100% is done: choose Done, or a lower percentage.";
    throw new InvalidInput(message, { progress: [message] });
  }
  if (update.status === "planned" && update.progress > 0) {
    const message = "A planned action has not started: choose In progress, or 0%.";
    throw new InvalidInput(message, { progress: [message] });
  }
  return update.progress;
}

/** The middle value of a list of numbers (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Whole days from one instant to another, rounded up: a response on day 3.2 took 4 days. */
export function daysBetween(from: number, to: number): number {
  return Math.max(0, Math.ceil((to - from) / DAY_MS));
}
