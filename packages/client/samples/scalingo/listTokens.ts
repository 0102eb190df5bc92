import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ bearer: process.env.SCALINGO_BEARER });

const { data, error } = await scalingo.GET("/v1/tokens", { params: { query: { page: 1, per_page: 50 } } });
if (!data) throw new Error(`listTokens: ${JSON.stringify(error)}`);

for (const token of data.tokens) console.log(token.id, token.name, token.last_used_at ?? "never used");
