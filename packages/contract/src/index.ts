export { createSpecValidator, type SpecValidator, type ResponseCheck, type HeaderSource } from "./spec-validator.js";
export {
  verifyProvider,
  plannedOperations,
  createRunContext,
  verifyOperation,
  buildRequest,
  send,
  judge,
  expectedStatuses,
  DEFAULT_TIMEOUT_MS,
  type VerifyOptions,
  type VerifyReport,
  type OperationResult,
  type VerifyOutcome,
  type AllowedStatus,
  type RunContext,
  type Answer,
  type NoAnswer,
} from "./verify.js";
export { ResourceIds, itemParameters, idOf, firstItem, type ItemParameter, type KnownItem } from "./resource-ids.js";
export { bodyExcerpt, MIN_SECRET_LENGTH, tooShortSecrets } from "./masking.js";
export { checkTarget, isLoopbackHost, SecretRedactor, UsageError, type Credentials } from "./credentials.js";
export { formatTable, summaryCounts, toJUnit } from "./report.js";
export { collectExamples, type ExampleCase } from "@openregions/apis";
export { invalidExamples, schemasWithoutExample, type CoverageProblem } from "./examples.js";
