import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** One API of the repo, as declared under `apis:` in redocly.yaml. */
export interface ApiDefinition {
  /** Key under `apis:`; names the bundle, the client entry, the docs page and the mock. */
  readonly name: string;
  /** Absolute path of the spec's root document. */
  readonly root: string;
  /** Fixed port of this API's mock for `pnpm mock` and the start command. */
  readonly mockPort: number;
}

const CONFIG_FILE = "redocly.yaml";

/** Walks up from this module to the folder that holds redocly.yaml. */
export function findRepoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, CONFIG_FILE)) && existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no ${CONFIG_FILE} found above ${from}`);
    dir = parent;
  }
}

export const repoRoot: string = findRepoRoot();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Parses the `apis:` section of a redocly.yaml text; throws with the API's name on a bad entry. */
export function parseApis(configText: string, root: string = repoRoot): ApiDefinition[] {
  const config: unknown = parse(configText);
  if (!isRecord(config) || !isRecord(config["apis"])) {
    throw new Error(`${CONFIG_FILE}: an "apis" map is required`);
  }
  const ports = new Map<number, string>();
  return Object.entries(config["apis"]).map(([name, entry]) => {
    const where = `${CONFIG_FILE}: apis.${name}`;
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`${where}: the name must be kebab-case`);
    if (!isRecord(entry) || typeof entry["root"] !== "string") throw new Error(`${where}: "root" is required`);
    const extra = entry["x-openregions"];
    const mockPort = isRecord(extra) ? extra["mockPort"] : undefined;
    if (typeof mockPort !== "number" || !Number.isInteger(mockPort) || mockPort < 1024 || mockPort >= 32768) {
      throw new Error(`${where}: "x-openregions.mockPort" must be an integer in [1024, 32768)`);
    }
    const clash = ports.get(mockPort);
    if (clash) throw new Error(`${where}: mock port ${mockPort} is already used by ${clash}`);
    ports.set(mockPort, name);
    return { name, root: resolve(root, entry["root"]), mockPort };
  });
}

/** Every API of the repo, in the order redocly.yaml lists them. */
export const apis: readonly ApiDefinition[] = parseApis(readFileSync(join(repoRoot, CONFIG_FILE), "utf8"));

/** The API of that name; the error lists the known names. */
export function getApi(name: string): ApiDefinition {
  const api = apis.find((candidate) => candidate.name === name);
  if (!api) throw new Error(`unknown API "${name}"; known: ${apis.map((known) => known.name).join(", ")}`);
  return api;
}
