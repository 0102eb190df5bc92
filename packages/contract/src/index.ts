export { createSpecValidator, type SpecValidator, type ResponseCheck, type HeaderSource } from "./spec-validator.js";
export { verifyProvider, plannedOperations, type VerifyOptions, type VerifyReport, type OperationResult, type VerifyOutcome } from "./verify.js";
export { checkTarget, isLoopbackHost, SecretRedactor, UsageError, type Credentials } from "./credentials.js";
export { formatTable, toJUnit } from "./report.js";
export { collectExamples, type ExampleCase } from "@openregions/apis";
export { invalidExamples, schemasWithoutExample, type CoverageProblem } from "./examples.js";
