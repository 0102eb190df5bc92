export { buildDocs, docsDist, type DocsBuild } from "./build.js";
export { measureDocs, measureFile, type PageSize } from "./measure.js";
export { serveStatic, type RunningSite, type ServeOptions } from "./serve.js";
export type { TryItTargets } from "./try-it/model.js";
export { summarize, renderIndex, type ApiSummary } from "./pages.js";
export { readTypeScriptSamples, samplePath, samplesDir } from "./samples.js";
export { curlSample, type CurlSample } from "./curl.js";
export { guides, type ApiGuide } from "./guides.js";
