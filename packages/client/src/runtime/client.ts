/**
 * `createApiClient<paths>()`: an openapi-fetch client whose fetch is the
 * runtime pipeline, so per-API entries are a few lines:
 *
 * ```ts
 * import type { paths } from "./generated/my-api.js";
 * export const createMyApiClient = (baseUrl: string, key: string) =>
 *   createApiClient<paths>({ baseUrl, auth: headerAuth("Authorization", key) });
 * ```
 *
 * Non-2xx responses reject with a typed {@link ApiError}, so a call resolves
 * to `{ data, response }` only: `data` is the success body, typed as such,
 * and there is no `error` to check.
 */
import createClient, { type Client, type ClientOptions, type FetchResponse, type MaybeOptionalInit } from "openapi-fetch";
import type { HttpMethod, MediaType, PathsWithMethod, RequiredKeysOf } from "openapi-typescript-helpers";
import { createFetch, type FetchPipelineOptions, type PipelineFetch } from "./fetch-pipeline.js";
import { assertSecureUrl } from "./tls.js";

export interface ApiClientOptions extends FetchPipelineOptions {
  baseUrl: string;
  /** Extra openapi-fetch options (query/body serializers, credentials…). */
  client?: Omit<ClientOptions, "baseUrl" | "fetch" | "headers">;
}

/**
 * What a call resolves to: the success half of openapi-fetch's result. The
 * error half never happens here (the pipeline throws first), so it is not in
 * the type and `data` needs no `!`.
 */
export type ApiResult<R> = R extends { data: infer Data; error?: never } ? { data: Data; response: Response } : never;

/** openapi-fetch's rule for the init argument: required when the operation has required params or body. */
type InitParam<Init> = RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

/** `client.GET(path, init)` and its siblings, resolving to {@link ApiResult}. */
// biome-ignore lint/complexity/noBannedTypes: the same constraint as openapi-fetch's ClientMethod, so its helper types accept it
export type ApiMethod<Paths extends Record<string, Record<HttpMethod, {}>>, Method extends HttpMethod, Media extends MediaType = MediaType> = <
  Path extends PathsWithMethod<Paths, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<ApiResult<FetchResponse<Paths[Path][Method], Init, Media>>>;

/** `client.request(method, path, init)`, resolving to {@link ApiResult}. */
// biome-ignore lint/complexity/noBannedTypes: the same constraint as openapi-fetch's ClientRequestMethod
export type ApiRequestMethod<Paths extends Record<string, Record<HttpMethod, {}>>, Media extends MediaType = MediaType> = <
  Method extends HttpMethod,
  Path extends PathsWithMethod<Paths, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method>,
>(
  method: Method,
  url: Path,
  ...init: InitParam<Init>
) => Promise<ApiResult<FetchResponse<Paths[Path][Method], Init, Media>>>;

type CallMethods = "request" | "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";

export type ApiClient<Paths extends {}> = Omit<Client<Paths>, CallMethods> & {
  request: ApiRequestMethod<Paths>;
  GET: ApiMethod<Paths, "get">;
  PUT: ApiMethod<Paths, "put">;
  POST: ApiMethod<Paths, "post">;
  DELETE: ApiMethod<Paths, "delete">;
  OPTIONS: ApiMethod<Paths, "options">;
  HEAD: ApiMethod<Paths, "head">;
  PATCH: ApiMethod<Paths, "patch">;
  TRACE: ApiMethod<Paths, "trace">;
  /** The pipeline; `client.GET(path, { fetch: client.fetch.with({ timeoutMs: 5_000 }) })` overrides per request. */
  readonly fetch: PipelineFetch;
  readonly baseUrl: string;
};

/**
 * Gives an openapi-fetch client built over the pipeline its {@link ApiClient}
 * type. Only the types change: the pipeline is what guarantees that every
 * non-2xx rejects before openapi-fetch could fill `error`.
 */
export function asApiClient<Paths extends {}>(client: Client<Paths>, fetch: PipelineFetch, baseUrl: string): ApiClient<Paths> {
  return Object.assign(client, { fetch, baseUrl }) as unknown as ApiClient<Paths>;
}

export function createApiClient<Paths extends {}>(options: ApiClientOptions): ApiClient<Paths> {
  const { client: clientOptions, ...pipelineOptions } = options;
  assertSecureUrl(options.baseUrl);
  const fetch = createFetch(pipelineOptions);
  return asApiClient(createClient<Paths>({ ...clientOptions, baseUrl: options.baseUrl, fetch }), fetch, options.baseUrl);
}
