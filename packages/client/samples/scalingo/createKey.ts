import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ bearer: process.env.SCALINGO_BEARER });
const content = (await readFile(join(homedir(), ".ssh", "id_ed25519.pub"), "utf8")).trim();

const { data, error } = await scalingo.POST("/v1/keys", { body: { key: { name: "laptop", content } } });
if (!data) throw new Error(`createKey: ${JSON.stringify(error)}`);

console.log(`attached ${data.key.name}: ${data.key.fingerprint}`);
