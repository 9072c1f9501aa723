// The in-process event bus: services emit after commit; the Socket.IO gateway (and anything
// else that reacts) listens. Events are signals, not data: listeners re-read what they need.
import { EventEmitter } from "node:events";

export type DomainEvent =
  | { type: "motion:published"; motionId: number; number: string }
  | { type: "motion:changed"; motionId: number; number: string | null }
  | { type: "motion:state"; motionId: number; number: string; status: string }
  | { type: "post:changed"; motionId: number; postId: number }
  | { type: "ballot:opened"; motionId: number; ballotId: number }
  | { type: "ballot:tally"; motionId: number; ballotId: number }
  | { type: "ballot:closed"; motionId: number; ballotId: number; outcome: string }
  | { type: "response:published"; motionId: number; responseId: number };

export interface EventBus {
  emit(event: DomainEvent): void;
  on(listener: (event: DomainEvent) => void): () => void;
}

export function createEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    emit(event) {
      emitter.emit("event", event);
    },
    on(listener) {
      emitter.on("event", listener);
      return () => emitter.off("event", listener);
    },
  };
}
