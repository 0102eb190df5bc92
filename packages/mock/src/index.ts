export { startMock, type MockOptions, type RunningMock } from "./server.js";
export type { MockLogLevel } from "./logger.js";
