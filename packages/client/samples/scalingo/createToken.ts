import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ bearer: process.env.SCALINGO_BEARER });

const { data, error } = await scalingo.POST("/v1/tokens", { body: { token: { name: "ci-deploy" } } });
if (!data) throw new Error(`createToken: ${JSON.stringify(error)}`);

// The secret value (data.token.token) is shown this once: store it in your secret manager now.
console.log(`created API token ${data.token.name} (${data.token.id})`);
