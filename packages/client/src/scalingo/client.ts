/**
 * `createScalingoClient()` and `createApiToken()`: the typed openapi-fetch
 * client over the Scalingo auth API, on the shared runtime (retries,
 * timeouts, typed errors, redaction, TLS rule), plus the token lifecycle,
 * regions and pagination helpers.
 */
import createClient, { type ClientOptions } from "openapi-fetch";
import {
  asApiClient,
  base64Encode,
  createFetch,
  firstErrorMessage,
  genericErrorMessage,
  paginatePages as runtimePaginatePages,
  scalingoErrorMessage,
  SecretRegistry,
  systemClock,
  TokenCache,
  type ApiClient,
  type ApiClientOptions,
  type ErrorMessageExtractor,
  type Token,
} from "../runtime/index.js";
import type { components, paths } from "../generated/scalingo.js";
import { bearerToken, exchangeRetryable, scalingoAuth } from "./auth.js";
import { readScalingoEnv, type ScalingoEnvSource } from "./env.js";
import type { ScalingoListItem, ScalingoListMeta, ScalingoPage, ScalingoPaginatedPath, ScalingoPaginateOptions } from "./pagination.js";
import {
  RegionCache,
  regionHosts,
  selectRegion,
  type ScalingoRegion,
  type ScalingoRegionHosts,
} from "./regions.js";
import { isObject, registerIssuedSecrets } from "./response.js";
import { invalidResponse, requireJsonBody } from "../runtime/json-body.js";
import { EXCHANGE_PATH, exchangeMatcher, normalizeAuthUrl, SCALINGO_AUTH_URL } from "./url.js";
import { raceAbort } from "../runtime/abort.js";

/** An API token as listed (no secret). */
export type ScalingoToken = components["schemas"]["Token"];
/** An API token with its secret value (`token`), as returned by create and renew. */
export type ScalingoTokenWithSecret = components["schemas"]["TokenWithSecret"];
/** An SSH key. */
export type ScalingoKey = components["schemas"]["Key"];
/** The account. */
export type ScalingoUser = components["schemas"]["User"];

/** Scalingo's `{"error"}` / `{"errors": {field: [...]}}` bodies, then generic shapes (the 429 is plain text). */
export const scalingoApiErrorMessage: ErrorMessageExtractor = firstErrorMessage(scalingoErrorMessage, genericErrorMessage);

/** Options of {@link createScalingoClient}. Pipeline options (fetch, retry, timeoutMs, onLog, clock, …) are the runtime's. */
export interface ScalingoClientOptions extends Omit<ApiClientOptions, "baseUrl" | "auth" | "errorMessage"> {
  /**
   * Base URL of the auth API. Default: `SCALINGO_AUTH_URL`, else
   * `https://auth.scalingo.com`. Must be `https:` (or `http:` on a loopback
   * host, for a local mock). A trailing `/v1` is dropped.
   */
  authUrl?: string;
  /** Alias of `authUrl`. */
  baseUrl?: string;
  /**
   * API token (`tk-us-…`), exchanged for bearers as needed. Default:
   * `SCALINGO_API_TOKEN`, when neither `apiToken` nor `bearer` is given.
   */
  apiToken?: string;
  /**
   * A bearer (JWT) obtained elsewhere. Alone, it is used as is (a 401 is
   * final). With `apiToken`, it seeds the cache and is replaced by exchanges.
   */
  bearer?: string;
  /** Region chosen by `getRegion()`/`regionHosts()` without a name. Default: `SCALINGO_REGION`, else the region marked `default`. */
  region?: string;
  /** Exchange again when fewer than this many ms of the bearer's `exp` remain. Default 5 min. */
  refreshMarginMs?: number;
  /** How long the regions list is cached, in ms. Default 10 min; 0 disables the cache. */
  regionsCacheTtlMs?: number;
  /**
   * Where `SCALINGO_*` variables are read: default `globalThis.process?.env`
   * (absent in browsers); a record to inject; `false` to ignore them.
   */
  env?: ScalingoEnvSource;
}

/** Per-call options of the helpers. */
export interface ScalingoCallOptions {
  /** Aborts the call (or only this caller's wait, for a shared request). */
  signal?: AbortSignal;
}

export interface ScalingoRegionsOptions extends ScalingoCallOptions {
  /** Ignore the cached list and request a new one. */
  refresh?: boolean;
}

/** What `client.createApiToken()` needs. Without `login`/`password`, the client's bearer authenticates. */
export interface ScalingoCreateTokenInput extends ScalingoCallOptions {
  /** Name of the new token. */
  name: string;
  /** Account login (user name or email), with `password`. */
  login?: string;
  /** Account password, with `login`. Registered as a secret before anything is sent. */
  password?: string;
  /** Current two-factor code (`X-Authorization-OTP`), when the account has 2FA. */
  otp?: string;
}

export interface ScalingoHelpers {
  /** The auth API base URL in use. */
  readonly authUrl: string;
  /** The configured region name (option or `SCALINGO_REGION`), if any. */
  readonly region: string | undefined;
  /**
   * The current bearer, exchanging the API token first if there is none or
   * it is within the refresh margin of `exp` (`refresh: true` forces one).
   * With only a fixed `bearer`, returns it. To hand to regional API clients.
   */
  bearer(options?: ScalingoCallOptions & { refresh?: boolean }): Promise<string>;
  /** The regions (`GET /v1/regions`), cached for `regionsCacheTtlMs`. Anonymous when the client has no credentials. */
  listRegions(options?: ScalingoRegionsOptions): Promise<ScalingoRegion[]>;
  /**
   * The region called `name`, else the configured one (`region` /
   * `SCALINGO_REGION`), else the one marked `default`.
   * @throws RegionNotFoundError listing the available names.
   */
  getRegion(name?: string, options?: ScalingoRegionsOptions): Promise<ScalingoRegion>;
  /** `{ name, api, database_api, dashboard, ssh }` of the region `getRegion()` picks. */
  regionHosts(name?: string, options?: ScalingoRegionsOptions): Promise<ScalingoRegionHosts>;
  /**
   * Creates an API token (`POST /v1/tokens`, never retried once it may have
   * reached the server). With `login`/`password` (+ `otp`): HTTP Basic; a
   * 401 "OTP Required" throws `OtpRequiredError`. Else with the bearer.
   * The returned `token` secret is registered for redaction.
   */
  createApiToken(input: ScalingoCreateTokenInput): Promise<ScalingoTokenWithSecret>;
  /** Every item of a paginated list (`/v1/scm_integrations/{id}/orgs`), page after page. */
  paginate<P extends ScalingoPaginatedPath>(path: P, options?: ScalingoPaginateOptions<P>): AsyncGenerator<ScalingoListItem<P>, void, undefined>;
  /** The pages of a paginated list, with their `meta`. */
  paginatePages<P extends ScalingoPaginatedPath>(path: P, options?: ScalingoPaginateOptions<P>): AsyncGenerator<ScalingoPage<P>, void, undefined>;
}

/**
 * openapi-fetch's typed `GET`/`POST`/`PATCH`/`DELETE` over the spec's paths
 * (non-2xx throws a typed `ApiError`, so `data` is the success body), with
 * the auth routed per request, plus the Scalingo helpers.
 */
export type ScalingoClient = ApiClient<paths> & ScalingoHelpers;

/** Options of the standalone {@link createApiToken}. */
export interface CreateApiTokenOptions
  extends Omit<ScalingoClientOptions, "apiToken" | "bearer" | "region" | "refreshMarginMs" | "regionsCacheTtlMs">,
    ScalingoCreateTokenInput {
  login: string;
  password: string;
}

function checkCredential(what: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") throw new TypeError(`createScalingoClient: ${what} must be a non-empty string`);
  return value.trim();
}

/**
 * Creates a Scalingo auth API client.
 *
 * ```ts
 * const scalingo = createScalingoClient({ apiToken: "tk-us-…" });
 * const { api } = await scalingo.regionHosts("osc-fr1");
 * const { data } = await scalingo.GET("/v1/users/self");
 * ```
 *
 * @throws InsecureUrlError for a base URL that is not `https:` (or `http:` on loopback).
 * @throws TypeError for empty credentials or conflicting `authUrl`/`baseUrl`.
 */
export function createScalingoClient(options: ScalingoClientOptions = {}): ScalingoClient {
  return build(options, true);
}

function build(options: ScalingoClientOptions, withCredentials: boolean): ScalingoClient {
  const {
    authUrl,
    baseUrl: baseUrlAlias,
    apiToken: apiTokenOption,
    bearer: bearerOption,
    region: regionOption,
    refreshMarginMs,
    regionsCacheTtlMs,
    env,
    client: clientOptions,
    ...pipelineOptions
  } = options;
  const fromEnv = readScalingoEnv(env);

  if (authUrl !== undefined && baseUrlAlias !== undefined && normalizeAuthUrl(authUrl) !== normalizeAuthUrl(baseUrlAlias, "baseUrl")) {
    throw new TypeError("createScalingoClient: authUrl and baseUrl differ; give one of them");
  }
  const baseUrl =
    authUrl !== undefined
      ? normalizeAuthUrl(authUrl)
      : baseUrlAlias !== undefined
        ? normalizeAuthUrl(baseUrlAlias, "baseUrl")
        : normalizeAuthUrl(fromEnv.SCALINGO_AUTH_URL ?? SCALINGO_AUTH_URL, "SCALINGO_AUTH_URL");

  const explicitToken = withCredentials ? checkCredential("apiToken", apiTokenOption) : undefined;
  const fixedBearer = withCredentials ? checkCredential("bearer", bearerOption) : undefined;
  const apiToken = explicitToken ?? (withCredentials && fixedBearer === undefined ? fromEnv.SCALINGO_API_TOKEN : undefined);
  const regionName = (regionOption?.trim() || undefined) ?? fromEnv.SCALINGO_REGION;

  const secrets = pipelineOptions.secrets ?? new SecretRegistry();
  secrets.add(apiToken, fixedBearer);
  const clock = pipelineOptions.clock ?? systemClock;
  const isExchange = exchangeMatcher(baseUrl);

  let exchange: (() => Promise<Token>) | undefined;
  const cache =
    apiToken === undefined
      ? undefined
      : new TokenCache({
          fetchToken: () => {
            if (!exchange) throw new Error("token exchange not ready");
            return exchange();
          },
          clock,
          secrets,
          ...(refreshMarginMs === undefined ? {} : { refreshMarginMs }),
        });
  if (cache && fixedBearer !== undefined) cache.set(bearerToken(fixedBearer, clock.now()));

  const auth = scalingoAuth({ isExchange, apiToken, cache, bearer: cache ? undefined : fixedBearer });
  const root = createFetch({
    ...pipelineOptions,
    baseUrl,
    secrets,
    clock,
    errorMessage: scalingoApiErrorMessage,
    onJsonBody: registerIssuedSecrets(secrets),
    ...(auth ? { auth } : {}),
  });
  const fetch = exchangeRetryable(root, isExchange);
  const openapi = createClient<paths>({ ...(clientOptions as Omit<ClientOptions, "baseUrl" | "fetch" | "headers">), baseUrl, fetch });
  openapi.use(requireJsonBody("does authUrl point at the Scalingo auth API?"));
  const client = asApiClient(openapi, fetch, baseUrl);

  exchange = async () => {
    const sentAt = clock.now();
    const { data, response } = await client.POST("/v1/tokens/exchange", { body: {} });
    const jwt: unknown = isObject(data) ? data.token : undefined;
    if (typeof jwt !== "string" || jwt.trim() === "") {
      throw invalidResponse("POST", response, `${baseUrl}${EXCHANGE_PATH}`, 'expected {"token": "<JWT bearer>"}');
    }
    secrets.add(jwt);
    return bearerToken(jwt, sentAt);
  };

  const regions = new RegionCache({
    clock,
    ...(regionsCacheTtlMs === undefined ? {} : { ttlMs: regionsCacheTtlMs }),
    load: async () => {
      const { data, response } = await client.GET("/v1/regions");
      if (!isObject(data) || !Array.isArray(data.regions)) {
        throw invalidResponse("GET", response, `${baseUrl}/v1/regions`, 'expected {"regions": [...]}');
      }
      return data.regions;
    },
  });

  async function* pages<P extends ScalingoPaginatedPath>(
    path: P,
    opts: ScalingoPaginateOptions<P> = {},
  ): AsyncGenerator<ScalingoPage<P>, void, undefined> {
    const { per_page, query, path: pathParams, signal, startPage, maxPages } = opts;
    const fetchPage = async (page: number) => {
      const q = { ...(query ?? {}), ...(per_page === undefined ? {} : { per_page }), page };
      // `path` is one of several paths; openapi-fetch's overloads need a literal, hence the cast.
      const get = client.GET as unknown as (p: string, init: object) => Promise<{ data?: unknown; response: Response }>;
      const params = { query: q, ...(pathParams === undefined ? {} : { path: pathParams }) };
      const { data, response } = await get(path, { params, ...(signal ? { signal } : {}) });
      const key = isObject(data) ? Object.keys(data).find((k) => k !== "meta" && Array.isArray(data[k])) : undefined;
      if (!isObject(data) || key === undefined) {
        throw invalidResponse("GET", response, `${baseUrl}${path}`, "expected a list with meta.pagination");
      }
      return { items: data[key] as ScalingoListItem<P>[], meta: (isObject(data.meta) ? data.meta : undefined) as ScalingoListMeta | undefined };
    };
    const iterator = runtimePaginatePages(fetchPage, {
      ...(signal ? { signal } : {}),
      ...(startPage === undefined ? {} : { startPage }),
      ...(maxPages === undefined ? {} : { maxPages }),
    });
    for await (const page of iterator) {
      yield { items: [...page.items], meta: page.meta as ScalingoListMeta | undefined };
    }
  }

  const credentials = cache ? "apiToken" : fixedBearer !== undefined ? "bearer" : "none";
  const describe = (): Record<string, unknown> => ({ authUrl: baseUrl, region: regionName, credentials });

  const helpers: ScalingoHelpers & { toJSON(): Record<string, unknown>; toString(): string } = {
    authUrl: baseUrl,
    region: regionName,

    async bearer(opts = {}) {
      if (cache) return raceAbort(opts.refresh ? cache.refresh() : cache.get(), opts.signal);
      if (fixedBearer !== undefined) return fixedBearer;
      throw new TypeError("ScalingoClient.bearer(): the client has no credentials (give apiToken or bearer, or set SCALINGO_API_TOKEN)");
    },

    listRegions(opts = {}) {
      return regions.get(opts);
    },

    async getRegion(name, opts = {}) {
      const list = await regions.get(opts);
      return selectRegion(list, name ?? regionName);
    },

    async regionHosts(name, opts = {}) {
      return regionHosts(await helpers.getRegion(name, opts));
    },

    async createApiToken(input) {
      if (!isObject(input) || typeof input.name !== "string" || input.name.trim() === "") {
        throw new TypeError("createApiToken: a non-empty name is required");
      }
      const { name, login, password, otp, signal } = input;
      const withLogin = login !== undefined || password !== undefined;
      const headers: Record<string, string> = {};
      if (withLogin) {
        if (typeof login !== "string" || login === "" || typeof password !== "string" || password === "") {
          throw new TypeError("createApiToken: login and password must both be non-empty strings");
        }
        const blob = base64Encode(`${login}:${password}`);
        secrets.add(password, `${login}:${password}`, blob);
        headers.Authorization = `Basic ${blob}`;
      }
      const code = typeof otp === "string" ? otp.trim() : "";
      const { data, response } = await client.POST("/v1/tokens", {
        body: { token: { name } },
        headers,
        ...(code ? { params: { header: { "X-Authorization-OTP": code } } } : {}),
        ...(withLogin ? { fetch: fetch.with({ auth: false }) } : {}),
        ...(signal ? { signal } : {}),
      });
      const token: unknown = isObject(data) ? data.token : undefined;
      if (!isObject(token) || typeof token.token !== "string") {
        throw invalidResponse("POST", response, `${baseUrl}/v1/tokens`, 'expected {"token": {"token": "tk-…", …}}');
      }
      secrets.add(token.token);
      return token as ScalingoTokenWithSecret;
    },

    paginatePages: pages,

    async *paginate(path, opts) {
      for await (const page of pages(path, opts)) yield* page.items;
    },

    toJSON: describe,
    toString: () => `ScalingoClient(${baseUrl})`,
  };
  Object.defineProperty(helpers, Symbol.for("nodejs.util.inspect.custom"), {
    value: () => `ScalingoClient ${JSON.stringify(describe())}`,
    enumerable: false,
  });
  return Object.assign(client, helpers) as ScalingoClient;
}

/**
 * Creates an API token with the account's login and password (`POST
 * /v1/tokens`, HTTP Basic, `X-Authorization-OTP` when `otp` is given). Never
 * retried once it may have reached the server. Honours `SCALINGO_AUTH_URL`.
 *
 * ```ts
 * try {
 *   token = await createApiToken({ login, password, name: "my laptop" });
 * } catch (err) {
 *   if (!(err instanceof OtpRequiredError)) throw err;
 *   token = await createApiToken({ login, password, otp: await prompt("2FA code"), name: "my laptop" });
 * }
 * ```
 * @throws OtpRequiredError when the account has 2FA and `otp` is missing or wrong.
 * @throws UnauthorizedError for a wrong login or password.
 */
export function createApiToken(options: CreateApiTokenOptions): Promise<ScalingoTokenWithSecret> {
  const { name, login, password, otp, signal, ...clientOptions } = options;
  if (typeof login !== "string" || login === "" || typeof password !== "string" || password === "") {
    return Promise.reject(new TypeError("createApiToken: login and password must both be non-empty strings"));
  }
  let client: ScalingoClient;
  try {
    client = build(clientOptions, false);
  } catch (err) {
    return Promise.reject(err);
  }
  return client.createApiToken({
    name,
    login,
    password,
    ...(otp === undefined ? {} : { otp }),
    ...(signal === undefined ? {} : { signal }),
  });
}
