// The in-process event bus: services emit after commit; the Socket.IO gateway (and anything
// else that reacts) listens. Events are signals, not data: listeners re-read what they need.
export type DomainEvent =
  | { type: "motion:published"; motionId: number; number: string }
  | { type: "motion:changed"; motionId: number; number: string | null }
  | { type: "motion:state"; motionId: number; number: string; status: string }
  | { type: "post:changed"; motionId: number; postId: number }
  | { type: "ballot:opened"; motionId: number; ballotId: number }
  | { type: "ballot:tally"; motionId: number; ballotId: number }
  | { type: "ballot:closed"; motionId: number; ballotId: number; outcome: string }
  | { type: "response:published"; motionId: number; responseId: number }
  | { type: "sitting:changed"; sittingId: number }
  | { type: "presence:changed"; sittingId: number }
  | { type: "notifications:created"; ids: number[] }
  /** a person's sessions ended or their role changed: live connections must look again */
  | { type: "user:changed"; userId: string; sessionId?: string };

export interface EventBus {
  emit(event: DomainEvent): void;
  on(listener: (event: DomainEvent) => void): () => void;
}

/**
 * Events go out after commit, so a listener that fails must not fail the write that already
 * happened: its error is reported and the other listeners still run.
 */
export function createEventBus(onListenerError: (error: unknown, event: DomainEvent) => void = reportListenerError): EventBus {
  const listeners = new Set<(event: DomainEvent) => void>();
  return {
    emit(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          onListenerError(error, event);
        }
      }
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function reportListenerError(error: unknown, event: DomainEvent) {
  console.error(`A listener failed on ${event.type}:`, error);
}
