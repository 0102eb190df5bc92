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
  type RunSummary,
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
export { CONFORMANCE_CHECKS, conformanceProblems, documentedResponse, type ConformanceCheck } from "./conformance.js";
export { invalidRequestsFor, type InvalidRequest } from "./generate/invalid-requests.js";
export { validVariantsFor, type ValidVariant } from "./generate/valid-requests.js";
export { CHECKS, CHECK_DESCRIPTIONS, parseChecks, type CheckName } from "./check/checks.js";
export {
  runChecks,
  DEFAULT_CASES,
  DEFAULT_MAX_REQUESTS,
  DEFAULT_MAX_TIME_MS,
  type CheckOptions,
  type CheckReport,
  type CheckRow,
  type CheckOutcome,
} from "./check/run.js";
export { formatCheckTable, checkJUnit, checkSummary } from "./check/report.js";
export { linksOf, evaluate, type SpecLink } from "./check/links.js";
