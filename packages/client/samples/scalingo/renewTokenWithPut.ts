import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

// The same renewal as PATCH, with the method the official Ruby client uses; no body is needed.
const { data } = await scalingo.PUT("/v1/tokens/{id}/renew", {
  params: { path: { id: "e061a292-bab4-47fa-bb08-d7f7895ae5b6" } },
});

// The previous secret can no longer be exchanged; the new one (data.token.token) is shown this once.
console.log(`renewed API token ${data.token.name}, issued at ${data.token.issued_at}`);
