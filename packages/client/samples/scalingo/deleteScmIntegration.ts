import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

// 204 No Content; an unknown id throws NotFoundError.
const { response } = await scalingo.DELETE("/v1/scm_integrations/{id}", { params: { path: { id: "5bb2e877-9e5c-a83f-8e0e-7c75eebf212c" } } });
console.log(`unlinked (HTTP ${response.status})`);
