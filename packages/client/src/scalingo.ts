/**
 * Typed client for the Scalingo auth API (API tokens, bearer exchange,
 * regions, account, two-factor authentication, SSH keys), on the shared runtime. Runs in Node 20+ and
 * browsers (no Node-only APIs).
 *
 * ```ts
 * import { createScalingoClient, OtpRequiredError } from "@openregions/client/scalingo";
 * const scalingo = createScalingoClient({ apiToken: "tk-us-…", region: "osc-fr1" });
 * const hosts = await scalingo.regionHosts(); // { api, database_api, dashboard, ssh }
 * const { data } = await scalingo.GET("/v1/users/self");
 * for await (const org of scalingo.paginate("/v1/scm_integrations/{id}/orgs", { path: { id }, per_page: 50 })) console.log(org.login);
 * ```
 *
 * - Token lifecycle: the API token (Basic, empty user) is exchanged for a
 *   JWT bearer (`POST /v1/tokens/exchange`), cached, and exchanged again
 *   when less than `refreshMarginMs` of its `exp` remains; concurrent
 *   calls share one exchange; a 401 triggers one re-exchange and one replay.
 * - The exchange is retryable (it creates nothing); `POST /v1/tokens` and
 *   `POST /v1/keys` are never retried once they may have reached the server.
 * - Regions: listed, cached for `regionsCacheTtlMs`, picked by name
 *   (`region`, `SCALINGO_REGION`) else the one marked `default`.
 * - Env: `SCALINGO_AUTH_URL`, `SCALINGO_API_TOKEN`, `SCALINGO_REGION` when
 *   the matching option is absent (read via `globalThis.process?.env`).
 * - Errors: every non-2xx throws a typed, redacted `ApiError` subclass; the
 *   API token, every bearer and login passwords are registered secrets.
 * - TLS: `https:` only, `http:` on a loopback host for local mocks.
 *
 * Every default is listed once, in the package README ("Defaults").
 */
export type * from "./generated/scalingo.js";
export {
  createApiToken,
  createScalingoClient,
  type CreateApiTokenOptions,
  type ScalingoCallOptions,
  type ScalingoClient,
  type ScalingoClientOptions,
  type ScalingoCreateTokenInput,
  type ScalingoHelpers,
  type ScalingoKey,
  type ScalingoRegionsOptions,
  type ScalingoToken,
  type ScalingoTokenWithSecret,
  type ScalingoUser,
} from "./scalingo/client.js";
export type { ScalingoTwoFactor, ScalingoTwoFactorEnrolment, ScalingoTwoFactorHelpers, ScalingoTwoFactorValidation } from "./scalingo/two-factor.js";
export { bearerExpiry, SCALINGO_BEARER_LIFETIME_MS } from "./scalingo/auth.js";
export { readScalingoEnv, type ScalingoEnv, type ScalingoEnvSource } from "./scalingo/env.js";
export {
  DEFAULT_REGIONS_CACHE_TTL_MS,
  RegionNotFoundError,
  regionHosts,
  selectRegion,
  type ScalingoRegion,
  type ScalingoRegionHosts,
} from "./scalingo/regions.js";
export type {
  ScalingoListBody,
  ScalingoListItem,
  ScalingoListMeta,
  ScalingoListQuery,
  ScalingoPage,
  ScalingoPaginatedPath,
  ScalingoPaginateOptions,
} from "./scalingo/pagination.js";
export { SCALINGO_AUTH_URL } from "./scalingo/url.js";
export {
  NotFoundError,
  OtpRequiredError,
  PaymentRequiredError,
  scalingoApiErrorMessage,
  scalingoErrorMessage,
} from "./scalingo/errors.js";
export * from "./runtime/entry-exports.js";
export {
  DEFAULT_REFRESH_MARGIN_MS,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  PaginationError,
  SecretRegistry,
  UnprocessableEntityError,
} from "./runtime/index.js";
