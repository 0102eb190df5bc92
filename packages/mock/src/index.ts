export { startMock, type MockOptions, type RunningMock } from "./server.js";
export { startSandbox, DEFAULT_BEARER_TTL_SECONDS, CONTROLS, type SandboxOptions, type RunningSandbox, type ResponseViolation, type PrintedCredential } from "./sandbox/index.js";
export type { MockLogLevel } from "./log-level.js";
export type { MockApi } from "./apis.js";
