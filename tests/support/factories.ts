// Factories keep test setup to a line. People are inserted directly (with one shared password
// hash, computed once) because joining by invitation has its own tests.
import { generateIdFromEntropySize } from "lucia";
import type { Role } from "../../db/schema";
import { hashPassword } from "../../server/auth/password";
import type { Actor } from "../../server/domain/permissions";
import type { Db } from "../../server/services/deps";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | null = null;
let sequence = 0;

export interface TestPerson extends Actor {
  email: string;
  password: string;
}

/** People exist from well before any test clock, so they are eligible for every ballot. */
const LONG_AGO = Date.UTC(2020, 0, 1);

export async function createPerson(
  db: Db,
  options: { role?: Role; displayName?: string; bodyId?: number | null; createdAt?: number; status?: "active" | "suspended" } = {},
): Promise<TestPerson> {
  sequence += 1;
  const role = options.role ?? "member";
  const displayName = options.displayName ?? `${role[0].toUpperCase()}${role.slice(1)} ${sequence}-${Math.random().toString(36).slice(2, 6)}`;
  const id = generateIdFromEntropySize(10);
  const email = `${id}@test.example`;
  passwordHash ??= hashPassword(TEST_PASSWORD);
  await db
    .insertInto("users")
    .values({
      id,
      display_name: displayName,
      display_name_key: displayName.toLowerCase(),
      email,
      password_hash: await passwordHash,
      role,
      body_id: options.bodyId ?? null,
      status: options.status ?? "active",
      created_at: options.createdAt ?? LONG_AGO,
    })
    .execute();
  return { id, displayName, role, bodyId: options.bodyId ?? null, email, password: TEST_PASSWORD };
}

export const createMember = (db: Db, options: Parameters<typeof createPerson>[1] = {}) =>
  createPerson(db, { ...options, role: "member" });
export const createChair = (db: Db) => createPerson(db, { role: "chair" });
export const createAdmin = (db: Db) => createPerson(db, { role: "admin" });
export const createCommissioner = (db: Db, bodyId: number) => createPerson(db, { role: "commissioner", bodyId });

export async function createMembers(db: Db, count: number): Promise<TestPerson[]> {
  const people: TestPerson[] = [];
  for (let i = 0; i < count; i++) people.push(await createMember(db));
  return people;
}

export async function createBody(db: Db, options: { name?: string; responsePeriodDays?: number } = {}) {
  sequence += 1;
  const name = options.name ?? `Test Commissioning Body ${sequence}`;
  return db
    .insertInto("bodies")
    .values({
      slug: `body-${sequence}-${Math.random().toString(36).slice(2, 6)}`,
      name,
      description: "Commissions community mental health services.",
      response_period_days: options.responsePeriodDays ?? 56,
      contact: "engagement@test.example",
      created_at: LONG_AGO,
    })
    .returning(["id", "name", "slug", "response_period_days"])
    .executeTakeFirstOrThrow();
}

export function motionInput(bodyId: number, overrides: Record<string, unknown> = {}) {
  return {
    title: "Count pets as part of a person's circle of support",
    text: "This parliament calls on the commissioners to include companion animals in care assessments.",
    rationale: "Members told us their pets keep them going; assessments never ask about them.",
    summary: "Ask about pets in care assessments.",
    topics: "care assessments, social networks",
    bodyId,
    ...overrides,
  };
}

/** A valid response: a plain summary and, unless declining, one promised action. */
export function responseInput(position: "accept" | "accept_in_part" | "decline" = "accept_in_part", overrides: Record<string, unknown> = {}) {
  return {
    position,
    reasons: "We agree that assessments should ask about the animals people care for, and will change the form.",
    summary: "We will ask about pets in every care assessment.",
    actions:
      position === "decline"
        ? []
        : [{ description: "Add a question about pets to the assessment form", owner: "Adult social care assessment team", dueDate: "2035-06-30" }],
    ...overrides,
  };
}
