import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

// The whole list in one answer: the keys list is not paginated.
const { data } = await scalingo.GET("/v1/keys");
for (const key of data.keys) console.log(key.name, key.fingerprint);
