import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

// Sent once: a POST that may have reached the server is never retried.
const { data } = await scalingo.POST("/v1/tokens", { body: { token: { name: "ci-deploy" } } });

// The secret value (data.token.token) is shown this once: store it in your secret manager now.
console.log(`created API token ${data.token.name} (${data.token.id})`);
