import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

// The whole list in one answer: the tokens list is not paginated.
const { data } = await scalingo.GET("/v1/tokens");
for (const token of data.tokens) console.log(token.name, token.last_used_at ?? "never exchanged");
