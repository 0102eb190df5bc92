/**
 * Typed client for Huawei Cloud Stack IAM (Keystone v3 compatible): version
 * document, password login, token validation, check and revocation, and the
 * region catalogue, on the shared runtime.
 *
 * ```ts
 * import { createHuaweiIamClient } from "@openregions/client/huawei-iam";
 * const iam = createHuaweiIamClient({
 *   baseUrl: "https://iam.example.com",
 *   credentials: { username: "apiuser", password, domain: "hcs_tenant01", project: "region_name2_project" },
 * });
 * const regions = await iam.listRegions();
 * ```
 *
 * - Login: `POST /v3/auth/tokens` (password method; project scope by name or
 *   id, else domain scope; `?nocatalog=true`), token read from the 201's
 *   `X-Subject-Token` header and sent as `X-Auth-Token`. Cached until
 *   `refreshMarginMs` before it expires; concurrent calls share one login.
 * - 401 on a call: one fresh login and one replay, then `UnauthorizedError`.
 *   A 401 from the login itself (wrong password) is never replayed, and a
 *   refused login is remembered for `refusedLoginCooldownMs`: calls
 *   fail at once instead of sending the password again (IAM locks accounts).
 * - The login is marked retryable: it creates no persistent resource (an
 *   extra token simply expires), so it is retried like a GET on network
 *   errors, timeouts and the retried statuses — never on 400/401/403.
 * - Password and tokens are registered secrets: never in errors or logs.
 * - Errors: Keystone `{"error":{message,title,code}}` and gateway
 *   `{"error_msg","error_code"}` bodies both give the message; `error.code`
 *   is the gateway code (`IAM.0011`) or the Keystone status.
 * - TLS: `https:` only, `http:` on a loopback host for local mocks.
 *
 * Every default is listed once, in the package README ("Defaults").
 */
import {
  basePathOf,
  bodyPart,
  callInit,
  createApiClient,
  headerAuth,
  invalidResponse,
  isArray,
  isObject,
  lateTokenCache,
  normalizeBaseUrl,
  NotFoundError,
  requireJsonBody,
  SecretRegistry,
  systemClock,
  tokenAuth,
  type ApiClient,
  type ApiClientOptions,
  type AuthStrategy,
  type CallOptions,
} from "./runtime/index.js";
import type { components, paths } from "./generated/huawei-iam.js";
import { huaweiIamErrorCode, huaweiIamErrorMessage } from "./huawei-iam/errors.js";
import {
  checkCredentials,
  DEFAULT_REFUSED_LOGIN_COOLDOWN_MS,
  loginBody,
  rememberRefusedLogin,
  skipPublicEndpoints,
  tokenExpiry,
  type HuaweiIamPasswordCredentials,
} from "./huawei-iam/login.js";

export type * from "./generated/huawei-iam.js";
export {
  DEFAULT_REFUSED_LOGIN_COOLDOWN_MS,
  HUAWEI_IAM_TOKEN_LIFETIME_MS,
  loginBody,
  type HuaweiIamPasswordCredentials,
  type HuaweiIamScope,
  type HuaweiIamTokenDocument,
  type HuaweiIamTokenRequest,
} from "./huawei-iam/login.js";
export { gatewayErrorMessage, huaweiIamErrorCode, huaweiIamErrorMessage, keystoneErrorMessage } from "./huawei-iam/errors.js";
export * from "./runtime/entry-exports.js";

/** A region of the deployment. */
export type HuaweiIamRegion = components["schemas"]["Region"];
/** The Keystone v3 version document's `version`. */
export type HuaweiIamVersion = components["schemas"]["Version"];
/** What IAM says of a token (`token` of the login's and the validation's body): methods, times, user, scope, roles, catalogue. */
export type HuaweiIamToken = components["schemas"]["Token"];

/** Options shared by both ways of authenticating (pipeline options: fetch, retry, timeoutMs, onLog, …). */
export interface HuaweiIamCommonOptions extends Omit<ApiClientOptions, "baseUrl" | "auth" | "errorMessage" | "errorCode" | "errorClass" | "replayable"> {
  /**
   * The IAM endpoint, e.g. `https://iam.example.com`. A trailing `/v3` (the
   * usual Keystone `auth_url`) is accepted and dropped. Must be `https:`, or
   * `http:` on a loopback host only.
   */
  baseUrl: string;
  /** Log in again when fewer than this many ms of the token remain. */
  refreshMarginMs?: number;
  /**
   * After IAM refuses the login (400, 401, 403, 404), calls fail at once with
   * that error for this long instead of sending the password again; 0 tries
   * the login again on every call.
   */
  refusedLoginCooldownMs?: number;
}

/** Log in with a password: the client obtains, caches and renews the token. */
export interface HuaweiIamPasswordOptions extends HuaweiIamCommonOptions {
  credentials: HuaweiIamPasswordCredentials;
  token?: undefined;
}

/** Use a token obtained elsewhere; a 401 surfaces as `UnauthorizedError` (nothing to renew it with). */
export interface HuaweiIamTokenOptions extends HuaweiIamCommonOptions {
  token: string;
  credentials?: undefined;
}

export type HuaweiIamClientOptions = HuaweiIamPasswordOptions | HuaweiIamTokenOptions;

/** Per-call options of the helpers. */
export interface HuaweiIamRequestOptions extends CallOptions {}

export interface HuaweiIamListRegionsOptions extends HuaweiIamRequestOptions {
  /** Only the children of this region. */
  parentRegionId?: string;
}

export interface HuaweiIamValidateTokenOptions extends HuaweiIamRequestOptions {
  /** Leave the service catalogue out of the answer (`?nocatalog=true`). */
  nocatalog?: boolean;
}

export interface HuaweiIamHelpers {
  /** The regions visible to the token (`GET /v3/regions`). */
  listRegions(options?: HuaweiIamListRegionsOptions): Promise<HuaweiIamRegion[]>;
  /** One region by id (`GET /v3/regions/{region_id}`); `NotFoundError` if unknown. */
  getRegion(id: string, options?: HuaweiIamRequestOptions): Promise<HuaweiIamRegion>;
  /** The v3 version document (`GET /v3`); needs no token and triggers no login. */
  getVersion(options?: HuaweiIamRequestOptions): Promise<HuaweiIamVersion>;
  /**
   * Validates another token (`GET /v3/auth/tokens`, `getToken`): the subject token goes in
   * `X-Subject-Token`, the client's own in `X-Auth-Token`. Returns what IAM says of it (the
   * body's `token`). An expired or revoked subject token is a `NotFoundError`. The subject token
   * is registered as a secret before anything is sent.
   */
  validateToken(subjectToken: string, options?: HuaweiIamValidateTokenOptions): Promise<HuaweiIamToken>;
  /**
   * Checks another token (`HEAD /v3/auth/tokens`, `checkToken`): true when IAM answers 2xx, false
   * on 404 (expired or revoked); any other failure throws its typed error (a deployment that does
   * not serve HEAD answers 405: use `validateToken`). The subject token is registered as a secret.
   */
  checkToken(subjectToken: string, options?: HuaweiIamRequestOptions): Promise<boolean>;
  /**
   * Revokes a token (`DELETE /v3/auth/tokens`, `deleteToken`); afterwards validating it answers
   * 404. A Huawei deployment may refuse it (404 or 405, thrown as typed errors). The subject token
   * is registered as a secret.
   */
  revokeToken(subjectToken: string, options?: HuaweiIamRequestOptions): Promise<void>;
}

/**
 * openapi-fetch's typed `GET`/`POST` over the IAM paths (throwing typed
 * errors on non-2xx; `X-Auth-Token` added to every call but `GET /v3` and
 * `POST /v3/auth/tokens`), plus helpers that return the bodies directly.
 */
export type HuaweiIamClient = ApiClient<paths> & HuaweiIamHelpers;

/** Creates a Huawei Cloud Stack IAM client. Throws `InsecureUrlError` for a non-https, non-loopback `baseUrl`. */
export function createHuaweiIamClient(options: HuaweiIamClientOptions): HuaweiIamClient {
  const { credentials, token, refreshMarginMs, refusedLoginCooldownMs, ...rest } = options;
  const baseUrl = normalizeBaseUrl(options.baseUrl, "v3", "createHuaweiIamClient: baseUrl is required");
  const secrets = rest.secrets ?? new SecretRegistry();
  const clock = rest.clock ?? systemClock;

  let inner: AuthStrategy;
  let tokens: ReturnType<typeof lateTokenCache> | undefined;
  if (credentials !== undefined) {
    if (token !== undefined) throw new TypeError("createHuaweiIamClient: give credentials or token, not both");
    checkCredentials(credentials);
    secrets.add(credentials.password);
    tokens = lateTokenCache({ clock, secrets, refreshMarginMs });
    inner = tokenAuth({ cache: tokens.cache, headerName: "X-Auth-Token", scheme: null });
  } else {
    if (typeof token !== "string" || token.trim() === "") {
      throw new TypeError("createHuaweiIamClient: give credentials ({ username, password, domain, project? | projectId? }) or a token");
    }
    inner = headerAuth("X-Auth-Token", token, { secrets });
  }

  const client = createApiClient<paths>({
    ...rest,
    baseUrl,
    secrets,
    clock,
    auth: skipPublicEndpoints(inner, basePathOf(baseUrl)),
    errorMessage: huaweiIamErrorMessage,
    errorCode: huaweiIamErrorCode,
  });
  client.use(requireJsonBody("does baseUrl point at the API?"));

  if (credentials !== undefined) {
    const body = loginBody(credentials);
    // Retryable: a login creates nothing that outlives the token, so replaying it
    // after a 5xx/timeout/network error is safe; 400/401/403 are never retried.
    const loginFetch = client.fetch.with({ auth: false, retryable: true });
    const cooldownMs = refusedLoginCooldownMs ?? DEFAULT_REFUSED_LOGIN_COOLDOWN_MS;
    const login = async () => {
      const sentAt = clock.now();
      const { data, response } = await client.POST("/v3/auth/tokens", { params: { query: { nocatalog: "true" } }, body, fetch: loginFetch });
      const value = response.headers.get("X-Subject-Token")?.trim();
      if (!value) {
        const problem = "no X-Subject-Token header in the login response (from a browser, the server must list it in Access-Control-Expose-Headers)";
        throw invalidResponse("POST", response, response.url || "/v3/auth/tokens", problem);
      }
      secrets.add(value);
      return { value, expiresAt: tokenExpiry(data, sentAt) };
    };
    tokens?.bind(rememberRefusedLogin(login, { clock, cooldownMs }));
  }

  const init = (opts: CallOptions | undefined) => callInit(client.fetch, opts);
  const get = { method: "GET" };

  /** The `X-Subject-Token` parameter of the token operations, its value registered as a secret first. */
  const subject = (what: string, subjectToken: unknown) => {
    if (typeof subjectToken !== "string" || subjectToken.trim() === "") throw new TypeError(`${what}: a subject token is required`);
    secrets.add(subjectToken);
    return { "X-Subject-Token": subjectToken };
  };

  const helpers: HuaweiIamHelpers = {
    async listRegions(opts) {
      const query = opts?.parentRegionId === undefined ? undefined : { parent_region_id: opts.parentRegionId };
      const result = await client.GET("/v3/regions", { ...(query ? { params: { query } } : {}), ...init(opts) });
      return bodyPart(result, { ...get, url: "/v3/regions" }, "regions", isArray, 'expected {"regions": [...]}') as HuaweiIamRegion[];
    },

    async getRegion(id, opts) {
      if (typeof id !== "string" || id === "") throw new TypeError("getRegion: a region id is required");
      const result = await client.GET("/v3/regions/{region_id}", { params: { path: { region_id: id } }, ...init(opts) });
      return bodyPart(result, { ...get, url: "/v3/regions/{region_id}" }, "region", isObject, 'expected {"region": {...}}') as HuaweiIamRegion;
    },

    async getVersion(opts) {
      const result = await client.GET("/v3", init(opts));
      return bodyPart(result, { ...get, url: "/v3" }, "version", isObject, 'expected {"version": {...}}') as HuaweiIamVersion;
    },

    async validateToken(subjectToken, opts) {
      const header = subject("validateToken", subjectToken);
      const query = opts?.nocatalog ? { nocatalog: "true" } : undefined;
      const result = await client.GET("/v3/auth/tokens", { params: { header, ...(query ? { query } : {}) }, ...init(opts) });
      return bodyPart(result, { ...get, url: "/v3/auth/tokens" }, "token", isObject, 'expected {"token": {...}}') as HuaweiIamToken;
    },

    async checkToken(subjectToken, opts) {
      const header = subject("checkToken", subjectToken);
      try {
        await client.HEAD("/v3/auth/tokens", { params: { header }, ...init(opts) });
        return true;
      } catch (err) {
        if (err instanceof NotFoundError) return false;
        throw err;
      }
    },

    async revokeToken(subjectToken, opts) {
      const header = subject("revokeToken", subjectToken);
      await client.DELETE("/v3/auth/tokens", { params: { header }, ...init(opts) });
    },
  };
  return Object.assign(client, helpers);
}
