import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

// 204 No Content: the token stops working at once.
const { response } = await scalingo.DELETE("/v1/tokens/{id}", {
  params: { path: { id: "e061a292-bab4-47fa-bb08-d7f7895ae5b6" } },
});
console.log(`revoked (HTTP ${response.status})`);
