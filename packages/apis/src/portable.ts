/**
 * The helpers of this package that read only the document they are given, never the repository
 * (no redocly.yaml, no packages/apis/dist): what a published package may bundle. @openregions/mock
 * bundles them into its tarball; importing the package's main entry instead would also bundle the
 * registry, which reads redocly.yaml at load and fails outside a checkout. Types only from bundled.ts.
 */
export type { BundledSpec } from "./bundled.js";
export { listOperations, HTTP_METHODS, type HttpMethod, type OperationInfo } from "./operations.js";
export { deref, resolvePointer, pointerToken } from "./refs.js";
export { createSpecValidator, type SpecValidator, type ResponseCheck, type HeaderSource } from "./spec-validator.js";
export {
  allowsAnonymous,
  credentialHeader,
  requiredSchemes,
  securityRequirements,
  securitySchemes,
  type SecurityRequirement,
  type SecurityScheme,
} from "./security.js";
export { isLoopbackHost } from "./loopback.js";
