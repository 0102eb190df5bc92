import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

// The body is optional: one version of the official JavaScript client sends a current code.
const { data } = await scalingo.DELETE("/v1/client/tfa", { body: { tfa: { attempt: 123456 } } });
console.log(`two-factor authentication on: ${data.tfa.enabled}`);
