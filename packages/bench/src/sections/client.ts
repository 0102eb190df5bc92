/**
 * Per-call overhead of each client on a stub transport: no network, the stub returns a fresh
 * response holding the regions JSON. What is left is the client's own work per call (building
 * the request, auth headers, the retry/timeout pipeline, parsing the JSON, unwrapping).
 */
import { baselineOf, CANDIDATE_NAMES, checkCandidates, makeCandidates, type Candidate } from "../clients.js";
import { bearerJwt, exchangeBody, regionCount, regionsBody } from "../fixtures.js";
import { calibrate, progress, rotation, timeSequential, type Deadline } from "../measure.js";
import { row, type Row } from "../report.js";
import { pairedRatios } from "../stats.js";
import type { Section } from "./types.js";

const SECTION = "client overhead (stub fetch, no network)";

export const clientSection: Section = {
  name: "client",
  summary: "per-call overhead of fetch, openapi-fetch (without and with a timeout), this client, axios and the official scalingo client on a stub transport",
  budgetSeconds: { full: 40, quick: 15 },
  async run({ quick, until }) {
    const regions = regionsBody();
    const bearer = bearerJwt();
    const candidates = await makeCandidates({ kind: "stub", regions, exchange: exchangeBody(bearer), bearer });
    try {
      return await measure(candidates, quick, until, regionCount(regions));
    } finally {
      for (const candidate of candidates) candidate.close?.();
    }
  },
};

async function measure(candidates: readonly Candidate[], quick: boolean, until: Deadline, expected: number): Promise<Row[]> {
  await checkCandidates(candidates, expected);

  const rounds = quick ? 5 : 15;
  const targetMs = quick ? 40 : 80;
  progress(`client: calibrating ${candidates.length} clients`);
  const counts: number[] = [];
  for (const candidate of candidates) {
    counts.push(await calibrate(candidate.call, { warmupMs: quick ? 150 : 400, targetMs, min: 200, max: 200_000, until }));
  }

  // µs per call, one sample per round for each candidate
  const samples = candidates.map((): number[] => []);
  for (let round = 0; round < rounds && !until.passed(); round++) {
    for (const i of rotation(candidates.length, round)) {
      const timed = await timeSequential(candidates[i]!.call, counts[i]!, until);
      samples[i]!.push((timed.elapsedMs * 1000) / timed.calls);
    }
    progress(`client: round ${round + 1}/${rounds}`);
  }

  return candidates.map((candidate, i): Row => {
    const baseline = baselineOf(candidate.name);
    return row({
      section: SECTION,
      measure: `${candidate.name}: GET /v1/regions`,
      unit: "µs",
      samples: samples[i]!,
      ratio: baseline === undefined ? undefined : { samples: pairedRatios(samples[i]!, samples[CANDIDATE_NAMES.indexOf(baseline)]!), baseline },
      note: notes[candidate.name],
    });
  });
}

const notes: Record<string, string> = {
  fetch: "new Request, stub (copies it like the platform fetch), response.json(): the floor",
  "openapi-fetch": "createClient().GET, static bearer header",
  "openapi-fetch + timeout": "the same with signal: AbortSignal.timeout(30 s) per call",
  "@openregions/client/scalingo": "default path (platform fetch); cached bearer, 30 s timeout, retries, typed errors",
  axios: "custom adapter returning the same bytes",
  "scalingo (official)": "Regions.all(); the stub adapter on its axios instance",
};
