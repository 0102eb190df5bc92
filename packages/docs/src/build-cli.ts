import { buildDocs, docsDist } from "./build.js";

const summaries = await buildDocs();
for (const api of summaries) console.log(`docs ${api.page}: ${api.operationCount} operations`);
console.log(`site written to ${docsDist}`);
