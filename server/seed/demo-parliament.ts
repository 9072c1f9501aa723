// Placeholder replaced by the demo parliament seed.
import type { Db, ServiceDeps } from "../services/deps";

export interface DemoSignIn {
  role: string;
  email: string;
  password: string;
  note: string;
}

export async function seedDemoParliament(_deps: ServiceDeps): Promise<DemoSignIn[] | null> {
  return null;
}

export async function findDemoSignIns(_db: Db): Promise<DemoSignIn[]> {
  return [];
}
