/**
 * The same five clients against a bare `node:http` server on 127.0.0.1 (its own process)
 * serving the same bytes: one call at a time (latency per call), then 16 in flight (throughput).
 */
import { baselineOf, CANDIDATE_NAMES, checkCandidates, makeCandidates, RAW_FETCH } from "../clients.js";
import { bearerJwt, EXCHANGE_PATH, exchangeBody, regionCount, regionsBody, REGIONS_PATH } from "../fixtures.js";
import { progress, rotation, runConcurrent, timeSequential } from "../measure.js";
import { row, type Row, type RowInput } from "../report.js";
import { startBareServer } from "../servers.js";
import { median, pairedRatios, perSecond, quantile } from "../stats.js";
import type { Section } from "./types.js";

const SECTION = "clients on loopback (bare node:http server)";
const CONCURRENCY = 16;

export const loopbackSection: Section = {
  name: "loopback",
  summary: "the same clients against a bare node:http server on 127.0.0.1: sequential, and 16 in flight",
  budgetSeconds: { full: 90, quick: 30 },
  async run({ quick, until }) {
    const regions = regionsBody();
    const bearer = bearerJwt();
    const json = "application/json; charset=utf-8";
    const server = await startBareServer({
      [`GET ${REGIONS_PATH}`]: { status: 200, contentType: json, body: regions },
      [`POST ${EXCHANGE_PATH}`]: { status: 200, contentType: json, body: exchangeBody(bearer) },
    });
    const candidates = await makeCandidates({ kind: "loopback", url: server.url, bearer });
    try {
      await checkCandidates(candidates, regionCount(regions));
      const rounds = quick ? 3 : 7;
      const sequentialCalls = quick ? 200 : 500;
      const concurrentCalls = quick ? 800 : 2000;

      progress(`loopback: warming up against ${server.url}`);
      for (const candidate of candidates) {
        const warm = await runConcurrent(candidate.call, { total: quick ? 200 : 500, concurrency: CONCURRENCY, until: until.within(5_000) });
        progress(`loopback: warm-up of ${candidate.name}: ${warm.calls} calls in ${warm.elapsedMs.toFixed(0)} ms`);
      }

      const sequential = candidates.map((): number[] => []);
      const concurrent = candidates.map((): number[] => []);
      const p99 = candidates.map((): number[] => []);
      for (let round = 0; round < rounds && !until.passed(); round++) {
        for (const i of rotation(candidates.length, round)) {
          const call = candidates[i]!.call;
          const seq = await timeSequential(call, sequentialCalls, until);
          sequential[i]!.push((seq.elapsedMs * 1000) / seq.calls);
          const run = await runConcurrent(call, { total: concurrentCalls, concurrency: CONCURRENCY, until });
          if (run.errors > 0) throw new Error(`${candidates[i]!.name}: ${run.errors} failed calls`, { cause: run.firstError });
          concurrent[i]!.push(perSecond(run.calls, run.elapsedMs));
          p99[i]!.push(quantile(Array.from(run.latenciesMs), 0.99));
        }
        progress(`loopback: round ${round + 1}/${rounds}`);
      }

      const base = CANDIDATE_NAMES.indexOf(RAW_FETCH);
      /** Paired ratios of candidate `i` against its baseline (see `baselineOf`), or none for fetch itself. */
      const ratio = (samples: number[][], i: number): RowInput["ratio"] => {
        const baseline = baselineOf(candidates[i]!.name);
        return baseline === undefined ? undefined : { samples: pairedRatios(samples[i]!, samples[CANDIDATE_NAMES.indexOf(baseline)]!), baseline };
      };
      const rows: Row[] = [];
      candidates.forEach((candidate, i) => {
        rows.push(
          row({
            section: SECTION,
            measure: `${candidate.name}: sequential, per call`,
            unit: "µs",
            samples: sequential[i]!,
            ratio: ratio(sequential, i),
            note: i === base ? `${sequentialCalls} calls per run, one at a time` : undefined,
          }),
        );
      });
      candidates.forEach((candidate, i) => {
        rows.push(
          row({
            section: SECTION,
            measure: `${candidate.name}: ${CONCURRENCY} in flight`,
            unit: "req/s",
            samples: concurrent[i]!,
            ratio: ratio(concurrent, i),
            note: `p99 ${median(p99[i]!).toFixed(2)} ms${i === base ? `; ${concurrentCalls} calls per run` : ""}`,
          }),
        );
      });
      return rows;
    } finally {
      for (const candidate of candidates) candidate.close?.();
      await server.close();
    }
  },
};
