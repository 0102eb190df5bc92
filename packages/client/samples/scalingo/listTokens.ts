import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

const { data } = await scalingo.GET("/v1/tokens", { params: { query: { page: 1, per_page: 50 } } });
for (const token of data.tokens) console.log(token.id, token.name, token.last_used_at ?? "never used");
console.log(`page ${data.meta?.pagination?.current_page} of ${data.meta?.pagination?.total_pages}`);
