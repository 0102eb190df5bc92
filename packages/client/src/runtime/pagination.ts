/**
 * Page-number pagination for any list: `fetchPage(n)` returns a page and the number of the next
 * one (null or absent on the last), and the iterators request pages until there is none, at most
 * `maxPages`, refusing a listing that pages backwards. Each platform maps its own envelope to
 * `next`.
 */

export interface Page<T> {
  items: readonly T[];
  /** Number of the next page; null or absent on the last page. */
  next?: number | null | undefined;
}

export interface PaginateOptions {
  /** First page requested. Default 1. */
  startPage?: number;
  /** Guard against endless listings. Default {@link DEFAULT_MAX_PAGES}. */
  maxPages?: number;
  /** Stops iteration between pages. */
  signal?: AbortSignal;
}

export const DEFAULT_MAX_PAGES = 1_000;

/** Iteration stopped because the listing exceeded `maxPages` or paged backwards. */
export class PaginationError extends Error {}
Object.defineProperty(PaginationError.prototype, "name", { value: "PaginationError", configurable: true, writable: true });

/** Yields whole pages until a page has no `next`. */
export async function* paginatePages<P extends Page<unknown>>(fetchPage: (page: number) => Promise<P>, options: PaginateOptions = {}): AsyncGenerator<P, void, undefined> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  let page: number | null = options.startPage ?? 1;
  for (let fetched = 0; page !== null; fetched++) {
    options.signal?.throwIfAborted();
    if (fetched >= maxPages) throw new PaginationError(`Pagination stopped after ${maxPages} pages (maxPages); next page would be ${page}`);
    const result = await fetchPage(page);
    yield result;
    const next: number | null = result.next ?? null;
    if (next !== null && (!Number.isInteger(next) || next <= page)) throw new PaginationError(`Pagination went from page ${page} to ${String(next)}; refusing to loop`);
    page = next;
  }
}

/** Yields items across pages until a page has no `next`; at most `maxPages` requests. */
export async function* paginate<T>(fetchPage: (page: number) => Promise<Page<T>>, options: PaginateOptions = {}): AsyncGenerator<T, void, undefined> {
  for await (const page of paginatePages(fetchPage, options)) yield* page.items;
}
