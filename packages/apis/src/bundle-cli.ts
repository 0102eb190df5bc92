import { relative } from "node:path";
import { bundleApi } from "./bundle.js";
import { apis, repoRoot } from "./registry.js";

const outputs = await Promise.all(apis.map((api) => bundleApi(api)));
for (const output of outputs) console.log(`bundled ${relative(repoRoot, output)}`);
