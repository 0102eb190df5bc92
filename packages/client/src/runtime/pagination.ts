/**
 * Page-number pagination as served by Scalingo:
 * `{ "meta": { "pagination": { prev_page, current_page, next_page, total_pages, total_count } } }`.
 */

export interface PaginationMeta {
  prev_page: number | null;
  current_page: number;
  next_page: number | null;
  total_pages: number;
  total_count: number;
}

export interface Page<T> {
  items: readonly T[];
  /** `{ pagination: {...} }` (Scalingo `meta`) or the pagination object itself; absent = last page. */
  meta?: { pagination?: PaginationMeta | null | undefined } | PaginationMeta | null | undefined;
}

export interface PaginateOptions {
  /** First page requested. Default 1. */
  startPage?: number;
  /** Guard against endless listings. Default 1 000 pages. */
  maxPages?: number;
  /** Stops iteration between pages. */
  signal?: AbortSignal;
}

export const DEFAULT_MAX_PAGES = 1_000;

/** Iteration stopped because the listing exceeded `maxPages` or paged backwards. */
export class PaginationError extends Error {
  constructor(message: string) {
    super(message);
  }
}
Object.defineProperty(PaginationError.prototype, "name", { value: "PaginationError", enumerable: false, configurable: true, writable: true });

function paginationOf<T>(page: Page<T>): PaginationMeta | undefined {
  const meta = page.meta;
  if (!meta) return undefined;
  if ("pagination" in meta) return meta.pagination ?? undefined;
  if ("current_page" in meta) return meta;
  return undefined;
}

/** Yields whole pages until `next_page` is null. */
export async function* paginatePages<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  options: PaginateOptions = {},
): AsyncGenerator<Page<T>, void, undefined> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  let page: number | null = options.startPage ?? 1;
  let fetched = 0;
  while (page !== null) {
    options.signal?.throwIfAborted();
    if (fetched >= maxPages) {
      throw new PaginationError(`Pagination stopped after ${maxPages} pages (maxPages); next page would be ${page}`);
    }
    const result = await fetchPage(page);
    fetched += 1;
    yield result;
    const next = paginationOf(result)?.next_page ?? null;
    if (next !== null && (!Number.isInteger(next) || next <= page)) {
      throw new PaginationError(`Pagination went from page ${page} to ${String(next)}; refusing to loop`);
    }
    page = next;
  }
}

/** Yields items across pages until `next_page` is null; at most `maxPages` requests. */
export async function* paginate<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  options: PaginateOptions = {},
): AsyncGenerator<T, void, undefined> {
  for await (const page of paginatePages(fetchPage, options)) {
    yield* page.items;
  }
}
