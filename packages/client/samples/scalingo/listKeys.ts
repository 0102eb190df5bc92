import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ bearer: process.env.SCALINGO_BEARER });

const { data, error } = await scalingo.GET("/v1/keys");
if (!data) throw new Error(`listKeys: ${JSON.stringify(error)}`);

for (const key of data.keys) console.log(key.name, key.fingerprint);
