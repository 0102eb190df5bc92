import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

const { data } = await scalingo.PATCH("/v1/tokens/{id}/renew", {
  params: { path: { id: "e061a292-bab4-47fa-bb08-d7f7895ae5b6" } },
  body: {},
});

// The previous secret stopped working; the new one (data.token.token) is shown this once.
console.log(`renewed API token ${data.token.name}`);
