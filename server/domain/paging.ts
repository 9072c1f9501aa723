/** The nearest page there is to the one asked for (from 1), for `total` items shown `perPage` at a time. */
export function clampPage(requested: number, total: number, perPage: number) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  return { page: Math.min(Math.max(requested, 1), pages), pages };
}
