import type { MetaDescriptor } from "@remix-run/node";

interface Match {
  id: string;
  data: unknown;
}

/** "Motions · Riverside Mental Health Parliament": the page first, the parliament after. */
export function pageTitle(matches: Match[], title: string, description?: string): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { parliamentName?: string } | undefined;
  const name = root?.parliamentName ?? "Mental Health Parliament";
  const tags: MetaDescriptor[] = [{ title: `${title} · ${name}` }];
  if (description) tags.push({ name: "description", content: description });
  return tags;
}
