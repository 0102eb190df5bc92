/**
 * Scalingo's page-number pagination: lists that take `page` and `per_page` and answer with
 * `meta.pagination { prev_page, current_page, next_page, total_pages, total_count }` (today
 * `/v1/scm_integrations/{id}/orgs`). The types are derived from the generated `paths`, so adding
 * a paginated list to the spec adds it here; the walk is the runtime's `paginatePages`.
 */
import { isObject, paginatePages, type PaginateOptions } from "../runtime/index.js";
import type { components, paths } from "../generated/scalingo.js";

/** `meta` of a list: `{ pagination?: { prev_page, current_page, next_page, total_pages, total_count } }`. */
export type ScalingoListMeta = components["schemas"]["ListMeta"];

type JsonBody<R> = R extends { content: { "application/json": infer B } } ? B : never;

/** The 200 JSON body of `GET path`. */
export type ScalingoListBody<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? JsonBody<R> : never;

type PageQuery<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;

type PagePathParams<P extends keyof paths> = paths[P] extends { get: { parameters: { path: infer A } } } ? A : never;

/** Paths whose GET takes `page` and answers with `meta` (the pagination envelope). */
export type ScalingoPaginatedPath = {
  [P in keyof paths]: [ScalingoListBody<P>] extends [never]
    ? never
    : [PageQuery<P>] extends [never]
      ? never
      : "meta" extends keyof ScalingoListBody<P>
        ? "page" extends keyof PageQuery<P>
          ? P
          : never
        : never;
}[keyof paths];

type ListKeys<P extends keyof paths> = Exclude<keyof ScalingoListBody<P>, "meta">;

/** The item type of a paginated list: `ScmOrganization` for `/v1/scm_integrations/{id}/orgs`. */
export type ScalingoListItem<P extends ScalingoPaginatedPath> = {
  [K in ListKeys<P>]-?: NonNullable<ScalingoListBody<P>[K]> extends ReadonlyArray<infer I> ? I : never;
}[ListKeys<P>];

/** Query parameters of a paginated list, except `page` (the iterator sets it). */
export type ScalingoListQuery<P extends ScalingoPaginatedPath> = Omit<PageQuery<P>, "page">;

/** Options of `client.paginate(path, options)`. */
export interface ScalingoPaginateOptions<P extends ScalingoPaginatedPath> extends PaginateOptions {
  /** Page size (the server caps it). */
  per_page?: number;
  /** Other query parameters of the list. */
  query?: ScalingoListQuery<P>;
  /** Path parameters of the list, such as the `id` of an SCM integration. */
  path?: PagePathParams<P>;
}

/** One page: its items and the pagination metadata the server sent. */
export interface ScalingoPage<P extends ScalingoPaginatedPath> {
  items: ScalingoListItem<P>[];
  meta: ScalingoListMeta | undefined;
}

/** `next_page` of a `meta` (`{ pagination: {...} }`, or the pagination object itself); null on the last page. */
export function nextPage(meta: unknown): number | null {
  const pagination = isObject(meta) && isObject(meta.pagination) ? meta.pagination : meta;
  return isObject(pagination) && typeof pagination.next_page === "number" ? pagination.next_page : null;
}

/** One page as the list answered it: its items (the body's array member) and `meta`, or undefined if it is not a list. */
export function readPage<P extends ScalingoPaginatedPath>(data: unknown): ScalingoPage<P> | undefined {
  const key = isObject(data) ? Object.keys(data).find((k) => k !== "meta" && Array.isArray(data[k])) : undefined;
  if (!isObject(data) || key === undefined) return undefined;
  return { items: data[key] as ScalingoListItem<P>[], meta: (isObject(data.meta) ? data.meta : undefined) as ScalingoListMeta | undefined };
}

/** Walks the pages `fetchPage(n)` returns, following `meta.pagination.next_page`. */
export async function* listPages<P extends ScalingoPaginatedPath>(
  fetchPage: (page: number) => Promise<ScalingoPage<P>>,
  options: PaginateOptions,
): AsyncGenerator<ScalingoPage<P>, void, undefined> {
  const pages = paginatePages(async (n) => {
    const page = await fetchPage(n);
    return { ...page, next: nextPage(page.meta) };
  }, options);
  for await (const { items, meta } of pages) yield { items, meta };
}
