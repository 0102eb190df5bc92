/**
 * The Prism mock (`startMock`, Scalingo spec) and the sandbox (`startSandbox`: Prism's
 * validating proxy in front of the stateful engine, and the engine alone) against a bare
 * `node:http` server answering the very bytes the mock answers: start-up time, then requests
 * per second and latency of `GET /v1/regions` with 16 in flight over a keep-alive agent. Every
 * server runs in its own process; this process only generates the load.
 */
import { Agent } from "node:http";
import { REGIONS_PATH } from "../fixtures.js";
import { httpGetOnce, httpGetter } from "../http-get.js";
import { progress, rotation, runConcurrent, type Deadline } from "../measure.js";
import { row, type Row } from "../report.js";
import { startBareServer, startMockProcess, type ChildServer } from "../servers.js";
import { pairedRatios, perSecond, quantile } from "../stats.js";
import type { Section } from "./types.js";

const SECTION = "mock (Prism via startMock) and sandbox (Prism + engine), scalingo, vs bare node:http";
const API = "scalingo";
const CONCURRENCY = 16;
const HEADERS = { Authorization: "Bearer example-bearer", Accept: "application/json" };

interface LoadSample {
  rps: number;
  p50: number;
  p99: number;
}

interface Target {
  readonly name: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly note: string;
}

async function load(target: Target, total: number, until: Deadline): Promise<LoadSample> {
  const { url } = target;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const get = httpGetter(`${url}${REGIONS_PATH}`, agent, target.headers);
    const run = await runConcurrent(get, { total, concurrency: CONCURRENCY, until });
    if (run.errors > 0) throw new Error(`${run.errors} of ${total} requests to ${url} failed`, { cause: run.firstError });
    const latencies = Array.from(run.latenciesMs);
    return { rps: perSecond(run.calls, run.elapsedMs), p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
  } finally {
    agent.destroy();
  }
}

export const mockSection: Section = {
  name: "mock",
  summary: "Prism mock and sandbox start-up, req/s and p50/p99 of GET /v1/regions (16 in flight) vs a bare node:http server",
  budgetSeconds: { full: 150, quick: 60 },
  async run({ quick, until }) {
    const rows: Row[] = [];
    const starts = quick ? 2 : 5;
    const startMs: number[] = [];
    const spawnMs: number[] = [];
    const importMs: number[] = [];
    let mock: ChildServer | undefined;
    let sandbox: ChildServer | undefined;
    let bare: ChildServer | undefined;
    try {
      for (let i = 0; i < starts && (i === 0 || !until.passed()); i++) {
        await mock?.close();
        mock = await startMockProcess(API);
        startMs.push(Number(mock.ready["startMockMs"]));
        importMs.push(Number(mock.ready["importMs"]));
        spawnMs.push(mock.spawnToReadyMs);
        progress(`mock: start ${i + 1}/${starts}: startMock() ${startMs.at(-1)!.toFixed(0)} ms, spawn to listening ${spawnMs.at(-1)!.toFixed(0)} ms`);
      }
      rows.push(
        row({ section: SECTION, measure: "start-up: startMock() to listening", unit: "ms", samples: startMs, note: "in a fresh process: read spec, Prism operations, listen" }),
        row({ section: SECTION, measure: "start-up: process spawn to listening", unit: "ms", samples: spawnMs, note: `node, tsx, import @openregions/mock (${quantile(importMs, 0.5).toFixed(0)} ms), startMock()` }),
      );

      sandbox = await startMockProcess(API, "sandbox");
      rows.push(row({ section: SECTION, measure: "start-up: startSandbox() to listening", unit: "ms", samples: [Number(sandbox.ready["startMockMs"])], note: "engine from the spec, then Prism in front" }));
      const sandboxHeaders = { ...(sandbox.ready["headers"] as Record<string, string>), Accept: "application/json" };

      // the bare server answers exactly what the mock answers
      const answer = await httpGetOnce(`${mock!.url}${REGIONS_PATH}`, HEADERS);
      if (answer.status !== 200) throw new Error(`the mock answered ${answer.status} to GET ${REGIONS_PATH}`);
      bare = await startBareServer({ [`GET ${REGIONS_PATH}`]: { status: 200, contentType: answer.contentType, body: answer.body } });
      const targets: Target[] = [
        { name: "Prism mock", url: mock!.url, headers: HEADERS, note: "static examples" },
        { name: "sandbox", url: sandbox.url, headers: sandboxHeaders, note: "Prism validating proxy + engine: two hops, bearer checked" },
        { name: "sandbox engine alone", url: String(sandbox.ready["engineUrl"]), headers: sandboxHeaders, note: "the stateful engine without Prism" },
        { name: "bare node:http", url: bare.url, headers: HEADERS, note: "" },
      ];

      const total = quick ? 600 : 2000;
      progress("mock: warming up");
      for (const target of targets) await load(target, quick ? 300 : 1000, until.within(20_000));
      const runs = quick ? 2 : 5;
      const samples = targets.map((): LoadSample[] => []);
      for (let round = 0; round < runs && !until.passed(); round++) {
        for (const i of rotation(targets.length, round)) samples[i]!.push(await load(targets[i]!, total, until));
        progress(`mock: load run ${round + 1}/${runs}: ${samples.map((runs) => runs.at(-1)?.rps.toFixed(0)).join(" / ")} req/s`);
      }

      const bareRuns = samples.at(-1)!;
      const pick = (runs: LoadSample[], key: keyof LoadSample) => runs.map((s) => s[key]);
      const bytes = Buffer.byteLength(answer.body);
      for (const [key, unit, label] of [
        ["rps", "req/s", "throughput"],
        ["p50", "ms", "latency p50"],
        ["p99", "ms", "latency p99"],
      ] as const) {
        targets.forEach((target, index) => {
          const isBare = index === targets.length - 1;
          const runsOf = samples[index]!;
          rows.push(
            row({
              section: SECTION,
              measure: `${target.name}: GET /v1/regions ${label}`,
              unit,
              samples: pick(runsOf, key),
              ...(isBare ? {} : { ratio: { samples: pairedRatios(pick(runsOf, key), pick(bareRuns, key)), baseline: "bare" } }),
              note: key !== "rps" ? undefined : isBare ? `the mock's ${bytes} B body and content type` : `${target.note}; ${CONCURRENCY} in flight, keep-alive, ${total} requests per run`,
            }),
          );
        });
      }
      return rows;
    } finally {
      await Promise.all([mock?.close(), sandbox?.close(), bare?.close()]);
    }
  },
};
