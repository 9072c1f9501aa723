/** Contributions outlive a deleted account; the name does not. */
export function personName(displayName: string, status: string | null): string {
  return status === "deleted" ? "Former member" : displayName;
}
