import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { createScalingoClient } from "@openregions/client/scalingo";

// The API token is exchanged for a one-hour bearer on the first call, and again before it expires.
const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });
const content = (await readFile(join(homedir(), ".ssh", "id_ed25519.pub"), "utf8")).trim();

// Any non-2xx throws a typed error (UnprocessableEntityError for a malformed key), so `data` is the key.
const { data } = await scalingo.POST("/v1/keys", { body: { key: { name: "laptop", content } } });
console.log(`attached ${data.key.name}: ${data.key.fingerprint}`);
