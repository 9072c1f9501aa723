// Typed failures every service throws. One helper on each edge (HTTP, Socket.IO) maps them to
// a status or an acknowledgement, so a rule broken over a form and over a socket reads the same.

export type FieldErrors = Record<string, string[]>;

export abstract class ServiceError extends Error {
  abstract readonly code: "not_allowed" | "not_found" | "invalid_state" | "invalid_input";
  abstract readonly status: 400 | 403 | 404 | 409;
}

/** The actor may not do this (role, ownership, or not signed in). */
export class NotAllowed extends ServiceError {
  readonly code = "not_allowed" as const;
  readonly status = 403 as const;
}

export class NotFound extends ServiceError {
  readonly code = "not_found" as const;
  readonly status = 404 as const;
}

/** Allowed in principle, but not now: the motion, ballot or post is in the wrong state. */
export class InvalidState extends ServiceError {
  readonly code = "invalid_state" as const;
  readonly status = 409 as const;
}

/** Bad input, with a message per field so forms can show each one beside its field. */
export class InvalidInput extends ServiceError {
  readonly code = "invalid_input" as const;
  readonly status = 400 as const;
  constructor(
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
  }
}

const codes = new Set(["not_allowed", "not_found", "invalid_state", "invalid_input"]);

/**
 * Recognises a service error by its code, not by `instanceof`: the Remix build bundles its own
 * copy of this module, so an error thrown by the server's services is not an instance of the
 * class the routes see.
 */
export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && codes.has((error as { code?: unknown }).code as string);
}

export function isInvalidInput(error: unknown): error is InvalidInput {
  return isServiceError(error) && error.code === "invalid_input";
}
