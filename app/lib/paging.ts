// One page of a list held in full by the loader: the page number read from the address (a
// missing, broken or too-large number gives the nearest real page), and that page's items.

export interface Paged<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
}

export function pageOf<T>(all: T[], url: string, perPage: number, param = "page"): Paged<T> {
  const pages = Math.max(1, Math.ceil(all.length / perPage));
  const requested = Number(new URL(url).searchParams.get(param));
  const page = Number.isInteger(requested) ? Math.min(Math.max(requested, 1), pages) : 1;
  return { items: all.slice((page - 1) * perPage, page * perPage), page, pages, total: all.length };
}
