export { buildDocs, docsDist } from "./build.js";
export { serveStatic, type RunningSite } from "./serve.js";
export { summarize, renderIndex, type ApiSummary } from "./pages.js";
