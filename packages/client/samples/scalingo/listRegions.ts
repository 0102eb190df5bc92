import { createScalingoClient } from "@openregions/client/scalingo";

// Reads SCALINGO_API_TOKEN; without credentials the list holds the public regions only.
const scalingo = createScalingoClient();

const { data } = await scalingo.GET("/v1/regions");
const region = data.regions.find((candidate) => candidate.default) ?? data.regions[0];
console.log(`deploy to ${region?.display_name}: API at ${region?.api}`);
