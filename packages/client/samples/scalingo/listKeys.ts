import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

// One page; `scalingo.paginate("/v1/keys")` walks them all.
const { data } = await scalingo.GET("/v1/keys");
for (const key of data.keys) console.log(key.name, key.fingerprint);
