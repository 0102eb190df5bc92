import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

// Read by the official Go client; the secret value is never part of the answer.
const { data } = await scalingo.GET("/v1/tokens/{id}", { params: { path: { id: "e061a292-bab4-47fa-bb08-d7f7895ae5b6" } } });
console.log(data.token.name, data.token.last_used_at ?? "never exchanged");
