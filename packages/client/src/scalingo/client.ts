/**
 * `createScalingoClient()` and `createApiToken()`: the typed openapi-fetch client over the
 * Scalingo auth API, on the shared runtime (retries, timeouts, typed errors, redaction, TLS rule),
 * with Scalingo's own rules plugged in (error bodies and classes, token shape, auth routing,
 * the retryable exchange), plus the token lifecycle, regions and pagination helpers.
 */
import createClient, { type ClientOptions } from "openapi-fetch";
import {
  asApiClient,
  bodyPart,
  createFetch,
  isArray,
  lateTokenCache,
  raceAbort,
  requireJsonBody,
  SecretRegistry,
  systemClock,
  type ApiClient,
  type ApiClientOptions,
} from "../runtime/index.js";
import type { components, paths } from "../generated/scalingo.js";
import { checkLogin, createToken, type ScalingoCallOptions, type ScalingoCreateTokenInput, type ScalingoTokenWithSecret } from "./api-token.js";
import { bearerToken, scalingoAuth } from "./auth.js";
import { readScalingoEnv, type ScalingoEnvSource } from "./env.js";
import { API_TOKEN_PATTERN, scalingoApiErrorMessage, scalingoErrorClass } from "./errors.js";
import { listPages, readPage, type ScalingoListItem, type ScalingoPage, type ScalingoPaginatedPath, type ScalingoPaginateOptions } from "./pagination.js";
import { regionCache, regionHosts, selectRegion, type ScalingoRegion, type ScalingoRegionHosts } from "./regions.js";
import { registerIssuedSecrets } from "./response.js";
import { twoFactorHelpers, type ScalingoTwoFactorHelpers } from "./two-factor.js";
import { EXCHANGE_PATH, exchangeMatcher, normalizeAuthUrl, SCALINGO_AUTH_URL } from "./url.js";

export type { ScalingoCallOptions, ScalingoCreateTokenInput, ScalingoTokenWithSecret } from "./api-token.js";

/** An API token as listed (no secret). */
export type ScalingoToken = components["schemas"]["Token"];
/** An SSH key. */
export type ScalingoKey = components["schemas"]["Key"];
/** The account. */
export type ScalingoUser = components["schemas"]["User"];

/** Options of {@link createScalingoClient}. Pipeline options (fetch, retry, timeoutMs, onLog, clock, …) are the runtime's. */
export interface ScalingoClientOptions extends Omit<ApiClientOptions, "baseUrl" | "auth" | "errorMessage" | "errorCode" | "errorClass" | "replayable"> {
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
  /** Exchange again when fewer than this many ms of the bearer's `exp` remain. */
  refreshMarginMs?: number;
  /** How long the regions list is cached, in ms; 0 disables the cache. */
  regionsCacheTtlMs?: number;
  /**
   * Where `SCALINGO_*` variables are read: default `globalThis.process?.env`
   * (absent in browsers); a record to inject; `false` to ignore them.
   */
  env?: ScalingoEnvSource;
}

export interface ScalingoRegionsOptions extends ScalingoCallOptions {
  /** Ignore the cached list and request a new one. */
  refresh?: boolean;
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
  /**
   * Two-factor authentication of the account behind the bearer: `status()`, `enrol()`,
   * `validate(code)`, `disable({ code? })` (`/v1/client/tfa`). The enrolment URI, its secret and
   * the recovery codes are registered for redaction.
   */
  readonly twoFactor: ScalingoTwoFactorHelpers;
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

/** The base URL: `authUrl`, else its alias `baseUrl`, else `SCALINGO_AUTH_URL`, else the public API. */
function baseUrlOf(authUrl: string | undefined, alias: string | undefined, fromEnv: string | undefined): string {
  if (authUrl !== undefined && alias !== undefined && normalizeAuthUrl(authUrl) !== normalizeAuthUrl(alias, "baseUrl")) {
    throw new TypeError("createScalingoClient: authUrl and baseUrl differ; give one of them");
  }
  if (authUrl !== undefined) return normalizeAuthUrl(authUrl);
  if (alias !== undefined) return normalizeAuthUrl(alias, "baseUrl");
  return normalizeAuthUrl(fromEnv ?? SCALINGO_AUTH_URL, "SCALINGO_AUTH_URL");
}

function build(options: ScalingoClientOptions, withCredentials: boolean): ScalingoClient {
  const { authUrl, baseUrl: alias, apiToken: apiTokenOption, bearer: bearerOption, region: regionOption, refreshMarginMs, regionsCacheTtlMs, env, client: clientOptions, ...pipelineOptions } =
    options;
  const fromEnv = readScalingoEnv(env);
  const baseUrl = baseUrlOf(authUrl, alias, fromEnv.SCALINGO_AUTH_URL);
  const explicitToken = withCredentials ? checkCredential("apiToken", apiTokenOption) : undefined;
  const fixedBearer = withCredentials ? checkCredential("bearer", bearerOption) : undefined;
  const apiToken = explicitToken ?? (withCredentials && fixedBearer === undefined ? fromEnv.SCALINGO_API_TOKEN : undefined);
  const regionName = (regionOption?.trim() || undefined) ?? fromEnv.SCALINGO_REGION;

  const secrets = (pipelineOptions.secrets ?? new SecretRegistry()).add(apiToken, fixedBearer).addPattern(API_TOKEN_PATTERN);
  const clock = pipelineOptions.clock ?? systemClock;
  const isExchange = exchangeMatcher(baseUrl);
  const tokens = apiToken === undefined ? undefined : lateTokenCache({ clock, secrets, refreshMarginMs });
  const cache = tokens?.cache;
  if (cache && fixedBearer !== undefined) cache.set(bearerToken(fixedBearer, clock.now()));

  const auth = scalingoAuth({ isExchange, apiToken, cache, bearer: cache ? undefined : fixedBearer });
  const fetch = createFetch({
    ...pipelineOptions,
    baseUrl,
    secrets,
    clock,
    errorMessage: scalingoApiErrorMessage,
    errorClass: scalingoErrorClass,
    onJsonBody: registerIssuedSecrets(secrets),
    replayable: isExchange, // the exchange creates nothing: safe to replay
    ...(auth ? { auth } : {}),
  });
  const openapi = createClient<paths>({ ...(clientOptions as Omit<ClientOptions, "baseUrl" | "fetch" | "headers">), baseUrl, fetch });
  openapi.use(requireJsonBody("does authUrl point at the Scalingo auth API?"));
  const client = asApiClient(openapi, fetch, baseUrl);
  const isJwt = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";

  tokens?.bind(async () => {
    const sentAt = clock.now();
    const result = await client.POST("/v1/tokens/exchange", { body: {} });
    // registerIssuedSecrets has registered the bearer already
    const jwt = bodyPart(result, { method: "POST", url: `${baseUrl}${EXCHANGE_PATH}` }, "token", isJwt, 'expected {"token": "<JWT bearer>"}');
    return bearerToken(jwt, sentAt);
  });

  const regions = regionCache({
    clock,
    ttlMs: regionsCacheTtlMs,
    load: async () =>
      bodyPart(await client.GET("/v1/regions"), { method: "GET", url: `${baseUrl}/v1/regions` }, "regions", isArray, 'expected {"regions": [...]}') as ScalingoRegion[],
  });

  function pages<P extends ScalingoPaginatedPath>(path: P, opts: ScalingoPaginateOptions<P> = {}): AsyncGenerator<ScalingoPage<P>, void, undefined> {
    const { per_page, query, path: pathParams, signal, startPage, maxPages } = opts;
    // `path` is one of several paths; openapi-fetch's overloads need a literal, hence the cast.
    const get = client.GET as unknown as (p: string, init: object) => Promise<{ data?: unknown; response: Response }>;
    return listPages(
      async (page) => {
        const result = await get(path, { params: { query: { ...query, per_page, page }, path: pathParams }, signal });
        const isPage = (value: unknown): value is ScalingoPage<P> => value !== undefined;
        return bodyPart({ ...result, data: readPage<P>(result.data) }, { method: "GET", url: `${baseUrl}${path}` }, undefined, isPage, "expected a list with meta.pagination");
      },
      { signal, startPage, maxPages },
    );
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
    listRegions: (opts = {}) => regions(opts),
    getRegion: async (name, opts = {}) => selectRegion(await regions(opts), name ?? regionName),
    regionHosts: async (name, opts = {}) => regionHosts(await helpers.getRegion(name, opts)),
    createApiToken: (input) => createToken(client, baseUrl, input),
    twoFactor: twoFactorHelpers(client, baseUrl),
    paginatePages: pages,
    async *paginate(path, opts) {
      for await (const page of pages(path, opts)) yield* page.items;
    },
    toJSON: describe,
    toString: () => `ScalingoClient(${baseUrl})`,
  };
  Object.defineProperty(helpers, Symbol.for("nodejs.util.inspect.custom"), { value: () => `ScalingoClient ${JSON.stringify(describe())}` });
  return Object.assign(client, helpers) as ScalingoClient;
}

/**
 * Creates an API token with the account's login and password (`POST /v1/tokens`, HTTP Basic,
 * `X-Authorization-OTP` when `otp` is given). Never retried once it may have reached the server.
 * Honours `SCALINGO_AUTH_URL`.
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
export async function createApiToken(options: CreateApiTokenOptions): Promise<ScalingoTokenWithSecret> {
  const { name, login, password, otp, signal, ...clientOptions } = options;
  checkLogin(login, password);
  return build(clientOptions, false).createApiToken({ name, login, password, otp, signal });
}
