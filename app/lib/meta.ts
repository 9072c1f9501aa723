import type { MetaDescriptor } from "@remix-run/node";
import { errorHeading } from "~/components/error-page";

interface Match {
  id: string;
  data: unknown;
  /** set on the route whose loader or action failed, when its error page is shown instead */
  error?: unknown;
}

/**
 * "Motions · Riverside Mental Health Parliament": the page first, the parliament after. When
 * the page could not be shown (a 403, a 404) the title is the error page's heading instead,
 * so a screen reader never announces "People" over "You cannot do that".
 */
export function pageTitle(matches: Match[], title: string, description?: string): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { parliamentName?: string } | undefined;
  const name = root?.parliamentName ?? "Mental Health Parliament";
  const failed = matches.find((m) => m.error !== undefined && m.error !== null);
  if (failed) return [{ title: `${errorHeading(failed.error)} · ${name}` }];
  const tags: MetaDescriptor[] = [{ title: `${title} · ${name}` }];
  if (description) tags.push({ name: "description", content: description });
  return tags;
}
