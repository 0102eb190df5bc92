import { build } from "esbuild";
import { gzipSync } from "node:zlib";
const entry = process.argv[2];
const r = await build({ stdin:{contents:`export * from ${JSON.stringify(entry)};`, resolveDir: process.cwd(), loader:"js"}, bundle:true, minify:true, format:"esm", platform:"browser", target:"es2022", define:{"process.env.NODE_ENV":'"production"'}, write:false, metafile:true, logLevel:"silent"});
const out = Object.values(r.metafile.outputs)[0];
const rows = Object.entries(out.inputs).map(([k,v])=>[v.bytesInOutput,k]).sort((a,b)=>b[0]-a[0]);
for (const [b,k] of rows) console.log(String(b).padStart(7), k);
console.log("total min", r.outputFiles[0].contents.byteLength, "gzip", gzipSync(r.outputFiles[0].contents,{level:9}).byteLength);
