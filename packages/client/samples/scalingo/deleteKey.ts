import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

// 204 No Content; an unknown id throws NotFoundError.
const { response } = await scalingo.DELETE("/v1/keys/{id}", { params: { path: { id: "5ae1bb5b3de6ec000e5d0d9d" } } });
console.log(`detached (HTTP ${response.status})`);
