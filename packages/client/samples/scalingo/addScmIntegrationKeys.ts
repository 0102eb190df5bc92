import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

// Copies the SCM user's public SSH keys into the account; no body is needed.
const { data } = await scalingo.POST("/v1/scm_integrations/{id}/import_keys", { params: { path: { id: "5bb2e877-9e5c-a83f-8e0e-7c75eebf212c" } } });
for (const key of data.keys) console.log(`imported ${key.name} ${key.fingerprint ?? ""}`);
