/**
 * `createApiClient<paths>()`: an openapi-fetch client whose fetch is the
 * runtime pipeline, so per-API entries are a few lines:
 *
 * ```ts
 * import type { paths } from "../generated/rainbond.js";
 * export const createRainbondClient = (baseUrl: string, key: string) =>
 *   createApiClient<paths>({ baseUrl, auth: headerAuth("Authorization", key) });
 * ```
 *
 * Non-2xx responses reject with a typed {@link ApiError}, so `{ data }` is
 * always the success body; `error` is never populated.
 */
import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import { createFetch, type FetchPipelineOptions, type PipelineFetch } from "./fetch-pipeline.js";
import { assertSecureUrl } from "./tls.js";

export interface ApiClientOptions extends FetchPipelineOptions {
  baseUrl: string;
  /** Extra openapi-fetch options (query/body serializers, credentials…). */
  client?: Omit<ClientOptions, "baseUrl" | "fetch" | "headers">;
}

export type ApiClient<Paths extends {}> = Client<Paths> & {
  /** The pipeline; `client.GET(path, { fetch: client.fetch.with({ timeoutMs: 5_000 }) })` overrides per request. */
  readonly fetch: PipelineFetch;
  readonly baseUrl: string;
};

export function createApiClient<Paths extends {}>(options: ApiClientOptions): ApiClient<Paths> {
  const { client: clientOptions, ...pipelineOptions } = options;
  assertSecureUrl(options.baseUrl);
  const fetch = createFetch(pipelineOptions);
  const client = createClient<Paths>({ ...clientOptions, baseUrl: options.baseUrl, fetch });
  return Object.assign(client, { fetch, baseUrl: options.baseUrl });
}
