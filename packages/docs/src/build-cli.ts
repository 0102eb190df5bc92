import { buildDocs, docsDist } from "./build.js";

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

const site = await buildDocs();
for (const api of site.apis) console.log(`docs ${api.page}: ${api.operationCount} operations${site.built.includes(api.name) ? "" : " (unchanged)"}`);
for (const page of site.pages) console.log(`  ${page.file.padEnd(36)} ${kib(page.bytes).padStart(10)}  gzip ${kib(page.gzipBytes).padStart(9)}`);
console.log(`site written to ${docsDist}`);
