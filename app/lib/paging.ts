// One page of a list held in full by the loader: the page number read from the address (a
// missing, broken or too-large number gives the nearest real page), and that page's items.
import { clampPage } from "../../server/domain/paging";

export interface Paged<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
}

/** The page asked for in the address: a whole number from 1, or 1. */
export function requestedPage(url: string, param = "page"): number {
  const requested = Number(new URL(url).searchParams.get(param));
  return Number.isInteger(requested) ? Math.max(requested, 1) : 1;
}

export function pageOf<T>(all: T[], url: string, perPage: number, param = "page"): Paged<T> {
  const { page, pages } = clampPage(requestedPage(url, param), all.length, perPage);
  return { items: all.slice((page - 1) * perPage, page * perPage), page, pages, total: all.length };
}
