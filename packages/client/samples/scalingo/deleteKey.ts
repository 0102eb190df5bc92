import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ bearer: process.env.SCALINGO_BEARER });

const { error, response } = await scalingo.DELETE("/v1/keys/{id}", { params: { path: { id: "5ae1bb5b3de6ec000e5d0d9d" } } });
if (error) throw new Error(`deleteKey: ${JSON.stringify(error)}`);

console.log(`detached (HTTP ${response.status})`);
