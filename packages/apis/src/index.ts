export { apis, getApi, parseApis, findRepoRoot, repoRoot, type ApiDefinition } from "./registry.js";
export { bundleDir, bundledSpecPath, loadBundledSpec, type BundledSpec } from "./bundled.js";
export { listOperations, HTTP_METHODS, type HttpMethod, type OperationInfo } from "./operations.js";
export { redocly, redoclyEnv, bundleApi } from "./bundle.js";
export { deref, resolvePointer, pointerToken } from "./refs.js";
export { exampleRequest, exampleCredentials, EXAMPLE_CREDENTIALS, type ExampleRequest } from "./example-request.js";
export { collectExamples, type ExampleCase, type ExampleKind } from "./examples.js";
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
export { fingerprint, fingerprintTree, openFingerprints, type Fingerprints } from "./incremental.js";
