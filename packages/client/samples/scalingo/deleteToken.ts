import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ bearer: process.env.SCALINGO_BEARER });

const { error, response } = await scalingo.DELETE("/v1/tokens/{id}", {
  params: { path: { id: "e061a292-bab4-47fa-bb08-d7f7895ae5b6" } },
});
if (error) throw new Error(`deleteToken: ${JSON.stringify(error)}`);

console.log(`revoked (HTTP ${response.status})`);
