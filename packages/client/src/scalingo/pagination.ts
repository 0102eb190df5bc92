/**
 * Types for iterating over any list of the spec that carries
 * `meta.pagination` (today `/v1/scm_integrations/{id}/orgs`), derived from the
 * generated `paths`, so adding a paginated list to the spec adds it here.
 */
import type { PaginateOptions } from "../runtime/index.js";
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
