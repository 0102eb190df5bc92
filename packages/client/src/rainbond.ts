/**
 * Typed client for the region part of the Rainbond console OpenAPI
 * (`/openapi/v1/regions…`), on the shared runtime.
 *
 * ```ts
 * import { createRainbondClient } from "@openregions/client/rainbond";
 * const rainbond = createRainbondClient({ baseUrl: "https://console.example.com", accessKey });
 * const regions = await rainbond.listRegions();
 * const test = await rainbond.getRegion("test", { extendInfo: true });
 * ```
 *
 * - Auth: the access key goes, raw, in `Authorization` (no `Bearer`); it is
 *   registered as a secret and never appears in errors or log lines. A 401 is
 *   not replayed (there is nothing to refresh).
 * - Errors: non-2xx throws the runtime's typed errors; the message is built
 *   from Rainbond's loose error object (`msg (msg_show)`, `detail`, validation
 *   details from `err`), and {@link rainbondErrorBody} returns that object.
 * - TLS: `baseUrl` must be `https:`, or `http:` on a loopback host only.
 *   Trial consoles often listen on plain `http://<ip>:7070`: put them behind
 *   TLS, or reach them through a tunnel to `localhost`.
 * - Retries, timeouts, redirects, logging: the runtime's defaults (see
 *   the package README). `createRegion` (a POST) is only retried when the
 *   connection provably failed before sending.
 */
import {
  bodyPart,
  callInit,
  createApiClient,
  headerAuth,
  isArray,
  isObject,
  requireJsonBody,
  type ApiClient,
  type ApiClientOptions,
  type CallOptions,
  type JsonObject,
} from "./runtime/index.js";
import type { components, paths } from "./generated/rainbond.js";
import { rainbondClientErrorMessage } from "./rainbond/errors.js";

export type * from "./generated/rainbond.js";
export { rainbondClientErrorMessage, rainbondErrorBody, rainbondErrorMessage, type RainbondErrorBody } from "./rainbond/errors.js";
export * from "./runtime/entry-exports.js";

/** A cluster as listed by `GET /openapi/v1/regions`. */
export type RainbondRegionSummary = components["schemas"]["RegionInfoResp"];
/** One cluster, with health and capacity figures when asked for (`GET /openapi/v1/regions/{region_id}`). */
export type RainbondRegion = components["schemas"]["RegionInfoR"];
/** A cluster to register (`POST /openapi/v1/regions`). */
export type RainbondNewRegion = components["schemas"]["AddRegionRequest"];
/** The stored record of a newly registered cluster. */
export type RainbondCreatedRegion = components["schemas"]["RegionInfo"];

export interface RainbondClientOptions extends Omit<ApiClientOptions, "baseUrl" | "auth" | "errorMessage" | "errorCode" | "errorClass" | "replayable"> {
  /**
   * URL of the console (scheme, host, port, and a path prefix if the console
   * is mounted under one), e.g. `https://console.example.com:7070`. Paths
   * start with `/openapi/v1`. Must be `https:`, or `http:` on loopback only.
   */
  baseUrl: string;
  /**
   * Personal access key created in the console's personal settings (40 hex
   * characters), sent as the whole `Authorization` value, without `Bearer`.
   * Region administration needs an enterprise administrator's key.
   */
  accessKey: string;
}

/** Per-call options of the helpers. */
export interface RainbondRequestOptions extends CallOptions {}

export interface RainbondGetRegionOptions extends RainbondRequestOptions {
  /**
   * `true`: the console also queries the cluster for its health, node counts
   * and CPU/memory/disk usage (slower). Otherwise those figures are 0.
   */
  extendInfo?: boolean;
}

export interface RainbondHelpers {
  /** Every registered cluster (a bare array, `[]` when none). Needs an enterprise administrator's key. */
  listRegions(options?: RainbondRequestOptions): Promise<RainbondRegionSummary[]>;
  /** One cluster by region name or region id. */
  getRegion(idOrName: string, options?: RainbondGetRegionOptions): Promise<RainbondRegion>;
  /** Registers a cluster; the answer carries the generated `region_id`. Not retried once sent. */
  createRegion(region: RainbondNewRegion, options?: RainbondRequestOptions): Promise<RainbondCreatedRegion>;
}

/**
 * openapi-fetch's typed `GET`/`POST` over the Rainbond paths (throwing typed
 * errors on non-2xx), plus helpers that return the bodies directly.
 */
export type RainbondClient = ApiClient<paths> & RainbondHelpers;

function checkAccessKey(accessKey: unknown): string {
  if (typeof accessKey !== "string" || accessKey.trim() === "") {
    throw new TypeError("createRainbondClient: accessKey is required (the console's personal access key)");
  }
  if (/\s/.test(accessKey) || !/^[\x21-\x7e]+$/.test(accessKey)) {
    // never echo the value: it may be a real key with a stray prefix
    throw new TypeError(
      'createRainbondClient: accessKey must be the raw key exactly as the console issued it (no "Bearer " prefix, no spaces)',
    );
  }
  return accessKey;
}

/** Creates a Rainbond console client. Throws `InsecureUrlError` for a non-https, non-loopback `baseUrl`. */
export function createRainbondClient(options: RainbondClientOptions): RainbondClient {
  const { accessKey: rawKey, ...rest } = options;
  const accessKey = checkAccessKey(rawKey);
  const client = createApiClient<paths>({
    ...rest,
    auth: headerAuth("Authorization", accessKey),
    errorMessage: rainbondClientErrorMessage,
  });
  client.use(requireJsonBody("does baseUrl point at the API?"));
  const init = (opts: CallOptions | undefined) => callInit(client.fetch, opts);
  const regionOf = (result: { data?: unknown; response: Response }, method: string, url: string): JsonObject =>
    bodyPart(result, { method, url }, undefined, isObject, "expected a JSON region object");

  const helpers: RainbondHelpers = {
    async listRegions(opts) {
      const result = await client.GET("/openapi/v1/regions", init(opts));
      return bodyPart(result, { method: "GET", url: "/openapi/v1/regions" }, undefined, isArray, "expected a JSON array of regions") as RainbondRegionSummary[];
    },

    async getRegion(idOrName, opts) {
      if (typeof idOrName !== "string" || idOrName === "") throw new TypeError("getRegion: a region name or id is required");
      const query = opts?.extendInfo === undefined ? undefined : { extend_info: opts.extendInfo };
      const result = await client.GET("/openapi/v1/regions/{region_id}", { params: { path: { region_id: idOrName }, ...(query ? { query } : {}) }, ...init(opts) });
      return regionOf(result, "GET", "/openapi/v1/regions/{region_id}") as RainbondRegion;
    },

    async createRegion(newRegion, opts) {
      // the cluster token and the client key are credentials: keep them out of errors and logs,
      // the key also line by line (a server may quote one line of the PEM)
      const keyLines = newRegion.key_file?.split(/\r?\n/).filter((line) => line.length >= 16 && !line.startsWith("-----")) ?? [];
      client.fetch.secrets.add(newRegion.token, newRegion.key_file, ...keyLines);
      const result = await client.POST("/openapi/v1/regions", { body: newRegion, ...init(opts) });
      return regionOf(result, "POST", "/openapi/v1/regions") as RainbondCreatedRegion;
    },
  };
  return Object.assign(client, helpers);
}
