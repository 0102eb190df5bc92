/**
 * The five ways of calling `GET /v1/regions` that the client sections compare, each built over
 * either an in-memory stub (no network) or a loopback server.
 */
import { Agent as HttpAgent } from "node:http";
import axios, { AxiosHeaders, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from "axios";
import createClient from "openapi-fetch";
import { Client as OfficialScalingoClient } from "scalingo";
import type { paths as ScalingoPaths } from "@openregions/client/generated/scalingo";
import { createScalingoClient } from "@openregions/client/scalingo";
import { BENCH_API_TOKEN, EXCHANGE_PATH, REGIONS_PATH } from "./fixtures.js";

/** One way of calling the endpoint; `call` resolves to the number of regions read. */
export interface Candidate {
  readonly name: string;
  readonly call: () => Promise<number>;
  /** Releases sockets; called once the section is done. */
  readonly close?: () => void;
}

export const RAW_FETCH = "fetch";
export const OPENAPI_FETCH = "openapi-fetch";
export const OPENAPI_FETCH_TIMEOUT = "openapi-fetch + timeout";
export const OURS = "@openregions/client/scalingo";
export const AXIOS = "axios";
export const OFFICIAL = "scalingo (official)";

/** The candidates' names, baseline first, in table order. */
export const CANDIDATE_NAMES = [RAW_FETCH, OPENAPI_FETCH, OPENAPI_FETCH_TIMEOUT, OURS, AXIOS, OFFICIAL] as const;
export type CandidateName = (typeof CANDIDATE_NAMES)[number];

/**
 * What each candidate's ratio compares it with: the wrappers of openapi-fetch (with a timeout,
 * and this project's client) with plain openapi-fetch, the yardstick; the others with fetch.
 */
export function baselineOf(name: string): CandidateName | undefined {
  if (name === RAW_FETCH) return undefined;
  return name === OURS || name === OPENAPI_FETCH_TIMEOUT ? OPENAPI_FETCH : RAW_FETCH;
}

/** The per-call timeout given to every candidate that has one (this client's default). */
const TIMEOUT_MS = 30_000;

type Fetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" } as const;

/**
 * A stand-in for the platform fetch that answers from memory. Like Node's fetch (undici) and
 * browsers, it first copies `(input, init)` into a new `Request` (a cost every caller of a real
 * fetch pays, whatever it passes), then returns a fresh `Response` holding the body.
 */
export function stubFetch(regions: string, exchange: string): Fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.method === "POST" && request.url.endsWith(EXCHANGE_PATH) ? exchange : regions;
    return new Response(body, { status: 200, headers: JSON_HEADERS });
  };
}

/** An axios adapter that answers from memory with the same bytes (axios parses them as JSON). */
export function stubAdapter(regions: string): AxiosAdapter {
  return async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => ({
    data: regions,
    status: 200,
    statusText: "OK",
    headers: new AxiosHeaders(JSON_HEADERS),
    config,
    request: {},
  });
}

const countRegions = (data: unknown): number => {
  const regions = Array.isArray(data) ? data : (data as { regions?: unknown } | undefined)?.regions;
  if (!Array.isArray(regions)) throw new Error(`expected a regions list, got ${JSON.stringify(data)?.slice(0, 120)}`);
  return regions.length;
};

export type Target =
  | { kind: "stub"; regions: string; exchange: string; bearer: string }
  | { kind: "loopback"; url: string; bearer: string };

/**
 * The official client builds a fresh axios instance (from the axios it bundles) on every call.
 * With a stub target, that instance gets the stub adapter, so the whole of the client's own
 * code path (its endpoint class, axios' interceptors and transforms, `unpackData`) still runs;
 * only the transport is swapped, as for plain axios.
 */
class StubbedOfficialClient extends OfficialScalingoClient {
  constructor(
    token: string,
    authApiUrl: string,
    private readonly adapter: AxiosAdapter,
  ) {
    super(token, { authApiUrl });
  }

  override authApiClient(): ReturnType<OfficialScalingoClient["authApiClient"]> {
    const instance = super.authApiClient();
    (instance.defaults as { adapter?: unknown }).adapter = this.adapter;
    return instance;
  }
}

/** Makes `fetch` the platform fetch (`globalThis.fetch`); returns the function that puts the real one back. */
function replaceGlobalFetch(fetch: Fetch): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = fetch as typeof globalThis.fetch;
  return () => {
    globalThis.fetch = original;
  };
}

/** Builds every candidate over the target. The project's client exchanges its API token once, here. */
export async function makeCandidates(target: Target): Promise<Candidate[]> {
  const baseUrl = target.kind === "stub" ? "https://auth.scalingo.com" : target.url;
  const authorization = `Bearer ${target.bearer}`;
  const regionsUrl = `${baseUrl}${REGIONS_PATH}`;
  const fetchImpl: Fetch = target.kind === "stub" ? stubFetch(target.regions, target.exchange) : (input, init) => fetch(input, init);
  const adapter = target.kind === "stub" ? stubAdapter(target.regions) : undefined;
  const agent = target.kind === "loopback" ? new HttpAgent({ keepAlive: true }) : undefined;

  const plain = createClient<ScalingoPaths>({ baseUrl, headers: { Authorization: authorization }, fetch: fetchImpl });

  // The project's client runs on its default path, the platform fetch: for the stub target, the
  // stub stands in for globalThis.fetch until the candidates are closed.
  const restoreFetch = target.kind === "stub" ? replaceGlobalFetch(fetchImpl) : undefined;
  const ours = createScalingoClient({ apiToken: BENCH_API_TOKEN, authUrl: baseUrl, env: false, timeoutMs: TIMEOUT_MS });
  // the first call exchanges the API token for a bearer; measured calls reuse the cached bearer
  await ours.GET(REGIONS_PATH);

  const axiosClient = axios.create({
    baseURL: baseUrl,
    headers: { Authorization: authorization },
    ...(adapter ? { adapter } : {}),
    ...(agent ? { httpAgent: agent } : {}),
  });

  const official = adapter
    ? new StubbedOfficialClient(target.bearer, baseUrl, adapter)
    : new OfficialScalingoClient(target.bearer, { authApiUrl: baseUrl });

  return [
    {
      name: RAW_FETCH,
      call: async () => {
        const response = await fetchImpl(new Request(regionsUrl, { headers: { Authorization: authorization } }));
        if (!response.ok) throw new Error(`GET ${REGIONS_PATH}: ${response.status}`);
        return countRegions(await response.json());
      },
    },
    {
      name: OPENAPI_FETCH,
      call: async () => {
        const { data, error, response } = await plain.GET(REGIONS_PATH);
        if (error !== undefined) throw new Error(`GET ${REGIONS_PATH}: ${response.status}`);
        return countRegions(data);
      },
    },
    {
      // what a user of plain openapi-fetch writes to get the one feature closest to free: a timeout
      name: OPENAPI_FETCH_TIMEOUT,
      call: async () => {
        const { data, error, response } = await plain.GET(REGIONS_PATH, { signal: AbortSignal.timeout(TIMEOUT_MS) });
        if (error !== undefined) throw new Error(`GET ${REGIONS_PATH}: ${response.status}`);
        return countRegions(data);
      },
    },
    {
      name: OURS,
      call: async () => countRegions((await ours.GET(REGIONS_PATH)).data),
      close: () => restoreFetch?.(),
    },
    {
      name: AXIOS,
      call: async () => countRegions((await axiosClient.get(REGIONS_PATH)).data),
      close: () => agent?.destroy(),
    },
    {
      name: OFFICIAL,
      call: async () => countRegions(await official.Regions.all()),
    },
  ];
}

/** Calls each candidate once and checks it read every region (so no error path gets timed). */
export async function checkCandidates(candidates: readonly Candidate[], expected: number): Promise<void> {
  for (const candidate of candidates) {
    let count: number;
    try {
      count = await candidate.call();
    } catch (error) {
      throw new Error(`${candidate.name} failed its check call: ${(error as Error).message}`, { cause: error });
    }
    if (count !== expected) throw new Error(`${candidate.name} read ${count} regions, expected ${expected}`);
  }
}
