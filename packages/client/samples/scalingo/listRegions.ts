import { createScalingoClient } from "@openregions/client/scalingo";

// Without a bearer the list holds the public regions only.
const scalingo = createScalingoClient({ bearer: process.env.SCALINGO_BEARER });

const { data, error } = await scalingo.GET("/v1/regions");
if (!data) throw new Error(`listRegions: ${JSON.stringify(error)}`);

const region = data.regions.find((candidate) => candidate.default) ?? data.regions[0];
console.log(`deploy to ${region?.display_name}: API at ${region?.api}`);
