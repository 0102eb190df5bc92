/**
 * Regions: the cached list (`GET /v1/regions`) and the choice of one region
 * (by name, else the one marked `default`).
 */
import { named, raceAbort, systemClock, type Clock } from "../runtime/index.js";
import type { components } from "../generated/scalingo.js";

/** A region of the platform with the hosts of its regional APIs. */
export type ScalingoRegion = components["schemas"]["Region"];

/** The hosts a region's own clients need. */
export interface ScalingoRegionHosts {
  /** Region name, e.g. `osc-fr1`. */
  name: string;
  /** Regional API (applications), e.g. `https://api.osc-fr1.scalingo.com`. */
  api: string;
  /** Regional database API, e.g. `https://db-api.osc-fr1.scalingo.com`. */
  database_api: string;
  /** Dashboard, e.g. `https://my.osc-fr1.scalingo.com`. */
  dashboard: string;
  /** `host:port` to `git push` to, e.g. `ssh.osc-fr1.scalingo.com:22`. */
  ssh: string;
}

/** How long the regions list is cached by default. */
export const DEFAULT_REGIONS_CACHE_TTL_MS = 10 * 60_000;

/** No region has the requested name, or none was named and none is marked `default`. */
export class RegionNotFoundError extends Error {
  /** The requested name; undefined when the default region was looked for. */
  readonly region: string | undefined;
  /** Names of the regions that exist. */
  readonly available: readonly string[];
  constructor(region: string | undefined, available: readonly string[]) {
    const list = available.length > 0 ? available.join(", ") : "none";
    super(
      region === undefined
        ? `No Scalingo region was named (option "region" or SCALINGO_REGION) and none is marked default; available regions: ${list}`
        : `Unknown Scalingo region ${JSON.stringify(region)}; available regions: ${list}`,
    );
    this.region = region;
    this.available = available;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, region: this.region, available: this.available };
  }
}
named(RegionNotFoundError, "RegionNotFoundError");

/**
 * Picks a region: the one called `name` if given (exact match), else the one
 * marked `default`. Throws {@link RegionNotFoundError} otherwise.
 */
export function selectRegion(regions: readonly ScalingoRegion[], name?: string): ScalingoRegion {
  const wanted = name?.trim() || undefined;
  const found = wanted === undefined ? regions.find((r) => r.default === true) : regions.find((r) => r.name === wanted);
  if (!found) throw new RegionNotFoundError(wanted, regions.map((r) => r.name));
  return found;
}

/** The hosts of a region. */
export function regionHosts(region: ScalingoRegion): ScalingoRegionHosts {
  return { name: region.name, api: region.api, database_api: region.database_api, dashboard: region.dashboard, ssh: region.ssh };
}

export interface RegionCacheOptions {
  load: () => Promise<ScalingoRegion[]>;
  /** Default {@link DEFAULT_REGIONS_CACHE_TTL_MS}; 0 disables caching (concurrent calls still share one request). */
  ttlMs?: number;
  clock?: Pick<Clock, "now">;
}

/**
 * The regions list, held for `ttlMs`: a fresh copy of the cached list while it is fresh, else a
 * new request (`refresh` forces one). Concurrent callers share one request; a failed load is not
 * cached. A caller's signal only stops its own wait.
 */
export function regionCache(options: RegionCacheOptions): (options?: { refresh?: boolean; signal?: AbortSignal }) => Promise<ScalingoRegion[]> {
  const ttl = options.ttlMs ?? DEFAULT_REGIONS_CACHE_TTL_MS;
  if (typeof ttl !== "number" || !(ttl >= 0)) throw new TypeError("regionsCacheTtlMs must be a number ≥ 0");
  const clock = options.clock ?? systemClock;
  let regions: ScalingoRegion[] | undefined;
  let loadedAt = 0;
  let inflight: Promise<ScalingoRegion[]> | undefined;
  const load = (): Promise<ScalingoRegion[]> =>
    (inflight ??= Promise.resolve()
      .then(options.load)
      .then((list) => {
        regions = list;
        loadedAt = clock.now();
        return list;
      })
      .finally(() => {
        inflight = undefined;
      }));
  return ({ refresh, signal } = {}) =>
    !refresh && regions && clock.now() - loadedAt < ttl ? Promise.resolve(regions.slice()) : raceAbort(load(), signal).then((list) => list.slice());
}
