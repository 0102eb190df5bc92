/**
 * `startSandbox`: an API's stateful sandbox behind Prism's validating proxy. The engine serves
 * on a loopback port of its own; clients talk to Prism, which checks every request and answer
 * against the spec and counts the answers that leave it.
 */
import type { BundledSpec } from "@openregions/apis/portable";
import { readSpec } from "@openregions/specs";
import { getMockApi, type MockApi } from "../apis.js";
import type { MockLogLevel } from "../log-level.js";
import { seedCollections } from "./collections.js";
import { createEngine } from "./engine.js";
import { startEngineServer } from "./engine-server.js";
import { startFront, type ResponseViolation } from "./front.js";
import { PLATFORMS } from "../platforms/index.js";
import { genericPlatform } from "./generic-platform.js";
import type { PrintedCredential } from "./credential.js";
import type { Platform, SandboxContext, SandboxSettings } from "./platform.js";
import { buildSpecModel } from "./spec-model.js";
import { loadState, saveState, SandboxState, type StateData } from "./state.js";

import { DEFAULT_BEARER_TTL_SECONDS } from "../defaults.js";

/** How long after a change the state file is written (changes in between share one write). */
const SAVE_DELAY_MS = 100;

export interface SandboxOptions {
  /** The API: its name (`scalingo`), or anything with that name. */
  readonly api: string | { readonly name: string };
  /** Port of the Prism front; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Loopback only by default. */
  readonly host?: string;
  /** Bearer lifetime in seconds; {@link DEFAULT_BEARER_TTL_SECONDS} by default. */
  readonly bearerTtlSeconds?: number;
  /** File the state is loaded from at start and saved to after each change and at close. */
  readonly stateFile?: string;
  readonly logLevel?: MockLogLevel;
  /** Called for each response violation as it happens; stderr by default. */
  readonly onViolation?: (violation: ResponseViolation) => void;
}

export interface RunningSandbox {
  readonly api: MockApi;
  /** The Prism front, where clients go, e.g. http://127.0.0.1:4010 */
  readonly url: string;
  readonly port: number;
  /** The engine itself, without Prism (for benchmarks and diagnostics). */
  readonly engineUrl: string;
  /** The credentials the sandbox accepts out of the box. */
  readonly credentials: readonly PrintedCredential[];
  /**
   * Headers that authenticate a call of the operation with the credentials the sandbox accepts
   * out of the box (its first security requirement); none for an anonymous operation.
   */
  authHeaders(operationId: string): Record<string, string>;
  /** Answers Prism found outside the spec, so far. */
  readonly violations: readonly ResponseViolation[];
  reset(): void;
  state(): StateData;
  close(): Promise<void>;
}

/** The platform module `src/platforms/<api>.ts` (listed in src/platforms/index.ts), if the API has one. */
async function loadPlatform(api: MockApi, context: Omit<SandboxContext, "state">): Promise<Platform> {
  const load = PLATFORMS[api.name];
  if (!load) return genericPlatform(context);
  return (await load()).createPlatform(context);
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const api = getMockApi(options.api);
  const model = buildSpecModel((await readSpec(api.name)) as BundledSpec);
  const settings: SandboxSettings = { bearerTtlSeconds: options.bearerTtlSeconds ?? DEFAULT_BEARER_TTL_SECONDS };
  let publicUrl = "";
  const base = { model, settings, publicUrl: () => publicUrl };
  const platform = await loadPlatform(api, base);
  const seed = (): StateData => {
    const data: StateData = { collections: seedCollections(model.collections), sessions: {}, platform: {}, clockOffsetMs: 0, counter: 0 };
    platform.seed?.(data, base);
    return data;
  };
  const state = new SandboxState(seed);
  const saved = options.stateFile ? loadState(options.stateFile) : undefined;
  if (saved) state.restore(saved);
  const context: SandboxContext = { ...base, state };

  let saveTimer: NodeJS.Timeout | undefined;
  const saveNow = () => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    if (options.stateFile) saveState(options.stateFile, state.data);
  };
  const changed = () => {
    if (options.stateFile && !saveTimer) saveTimer = setTimeout(saveNow, SAVE_DELAY_MS);
  };

  let violations: readonly ResponseViolation[] = [];
  const engineServer = await startEngineServer(createEngine(context, platform), { state, changed, violations: () => violations }, 0, "127.0.0.1");
  let front: Awaited<ReturnType<typeof startFront>>;
  try {
    front = await startFront({
      api,
      specPath: api.specPath,
      upstream: engineServer.url,
      port: options.port ?? 0,
      host: options.host ?? "127.0.0.1",
      logLevel: options.logLevel ?? "silent",
      ...(options.onViolation ? { onViolation: options.onViolation } : {}),
    });
  } catch (error) {
    await engineServer.close();
    throw error;
  }
  violations = front.violations;
  publicUrl = front.url;
  if (options.stateFile) saveNow();

  let closed: Promise<void> | undefined;
  return {
    api,
    url: front.url,
    port: Number(new URL(front.url).port),
    engineUrl: engineServer.url,
    credentials: platform.credentials(context),
    authHeaders(operationId) {
      const operation = model.operation(operationId);
      const requirement = operation.security.find((candidate) => Object.keys(candidate).length > 0);
      if (!requirement || operation.security.some((candidate) => Object.keys(candidate).length === 0)) return {};
      const byScheme = platform.schemeHeaders(context);
      return Object.assign({}, ...Object.keys(requirement).map((scheme) => byScheme[scheme] ?? {})) as Record<string, string>;
    },
    get violations() {
      return front.violations;
    },
    reset: () => {
      state.reset();
      changed();
    },
    state: () => state.snapshot(),
    close: () =>
      (closed ??= (async () => {
        if (options.stateFile) saveNow();
        await Promise.all([front.close(), engineServer.close()]);
      })()),
  };
}

export type { ResponseViolation } from "./front.js";
export { describeViolation } from "../violation.js";
export type { PrintedCredential } from "./credential.js";
export { CONTROLS } from "./controls.js";
export { DEFAULT_BEARER_TTL_SECONDS } from "../defaults.js";
