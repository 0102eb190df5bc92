/**
 * Builds what the published package runs (in this repository, `src/` runs as it is, with tsx):
 *
 *   dist/index.js, dist/cli.js, dist/chunks/*.js   esbuild's ES modules: src/ and the repository-free
 *                                                 helpers of @openregions/apis (`/portable`) bundled in;
 *                                                 Prism, ajv and @openregions/specs stay dependencies
 *   dist/**\/*.d.ts                                tsc's declarations of `src/index.ts`, only the files
 *                                                 it reaches
 *
 * It fails when the bundle would read the repository (redocly.yaml), or when a declaration the
 * entry reaches imports any package: the public types are self-contained, so they never reach
 * the private @openregions/apis, and a consumer's strict tsc (no skipLibCheck) never checks
 * Prism's own declarations (which need @types they do not declare).
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { build, type Plugin } from "esbuild";

const root = resolve(import.meta.dirname, "..");
const dist = join(root, "dist");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };
const dependencies = new Set(Object.keys(manifest.dependencies));
/** The only workspace code bundled in: helpers that never read the repository. */
const BUNDLED = new Set(["@openregions/apis/portable"]);
const packageOf = (specifier: string): string => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

rmSync(dist, { recursive: true, force: true });

/** Every bare import stays an import (and must be a dependency), but the bundled helpers. */
const externals: Plugin = {
  name: "externals",
  setup(context) {
    context.onResolve({ filter: /^[^./]/ }, ({ path, importer }) => {
      if (path.startsWith("node:") || BUNDLED.has(path)) return undefined;
      if (!dependencies.has(packageOf(path))) return { errors: [{ text: `${relative(root, importer)} imports ${path}, which is not a dependency of @openregions/mock` }] };
      return { path, external: true };
    });
  },
};

const result = await build({
  absWorkingDir: root,
  entryPoints: ["src/index.ts", "src/cli.ts"],
  outdir: "dist",
  bundle: true,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  format: "esm",
  platform: "node",
  target: "node20",
  plugins: [externals],
  logLevel: "warning",
  metafile: true,
});

const outputs = Object.keys(result.metafile.outputs).map((file) => join(root, file));
for (const file of outputs) {
  const text = readFileSync(file, "utf8");
  if (/redocly\.yaml|pnpm-workspace\.yaml/.test(text)) throw new Error(`${relative(root, file)} would read the repository (redocly.yaml): import from @openregions/apis/portable only`);
}
const cli = join(dist, "cli.js");
writeFileSync(cli, readFileSync(cli, "utf8").replace(/^#!.*\n/, "#!/usr/bin/env node\n"));
chmodSync(cli, 0o755);

// declarations: tsc from the public entry, then keep only what index.d.ts reaches
execFileSync(process.execPath, [createRequire(import.meta.url).resolve("typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
const reached = new Set<string>();
const problems: string[] = [];
const visit = (file: string): void => {
  if (reached.has(file)) return;
  reached.add(file);
  for (const [, specifier] of readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
    if (specifier!.startsWith(".")) {
      const target = resolve(dirname(file), specifier!.replace(/\.js$/, ".d.ts"));
      if (!existsSync(target)) problems.push(`${relative(root, file)}: ${specifier} has no declaration file`);
      else visit(target);
    } else {
      problems.push(`${relative(root, file)} imports ${specifier}: keep the public types self-contained (a type of its own file, as src/log-level.ts)`);
    }
  }
};
visit(join(dist, "index.d.ts"));
if (problems.length) throw new Error(`declarations:\n  ${problems.join("\n  ")}`);
const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
let dropped = 0;
for (const file of walk(dist)) {
  if (file.endsWith(".d.ts") && !reached.has(file)) {
    rmSync(file);
    dropped++;
  }
}
for (const dir of readdirSync(dist, { withFileTypes: true })) {
  if (dir.isDirectory() && walk(join(dist, dir.name)).length === 0) rmSync(join(dist, dir.name), { recursive: true });
}
console.log(`mock: ${outputs.length} modules, ${reached.size} declaration files (${dropped} internal ones dropped)`);
