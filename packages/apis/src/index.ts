export { apis, getApi, parseApis, findRepoRoot, repoRoot, type ApiDefinition } from "./registry.js";
export { bundleDir, bundledSpecPath, loadBundledSpec, type BundledSpec } from "./bundled.js";
export { redocly, redoclyEnv, bundleApi } from "./bundle.js";
export { exampleRequest, exampleCredentials, EXAMPLE_CREDENTIALS, type ExampleRequest } from "./example-request.js";
export { collectExamples, type ExampleCase, type ExampleKind } from "./examples.js";
// what reads only the document it is given (also the entry a published package may bundle)
export * from "./portable.js";
export { fingerprint, fingerprintTree, openFingerprints, type Fingerprints } from "./incremental.js";
