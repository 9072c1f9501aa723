import type { MotionStatus, ResponseStatus } from "../../db/schema";
import { responseStatusLabels, statusLabels } from "../../server/domain/motion-state";

const motionTone: Partial<Record<MotionStatus, string>> = {
  open: "info",
  seconded: "info",
  voting: "warn",
  carried: "good",
  defeated: "bad",
};

export function StatusTag({ status }: { status: MotionStatus }) {
  return <span className={`tag ${motionTone[status] ?? ""}`}>{statusLabels[status]}</span>;
}

export function ResponseTag({ status, overdue }: { status: ResponseStatus; overdue?: boolean }) {
  if (overdue && (status === "awaiting" || status === "revision_requested")) {
    return <span className="tag bad">Response overdue</span>;
  }
  return <span className={`tag ${status === "responded" || status === "closed" ? "good" : "warn"}`}>{responseStatusLabels[status]}</span>;
}
