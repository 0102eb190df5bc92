import { createScalingoClient } from "@openregions/client/scalingo";

// The client sends the API token as the password of HTTP Basic authentication, with an empty user name.
const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

const { data } = await scalingo.POST("/v1/tokens/exchange", { body: {} });

// A JWT valid for one hour. `await scalingo.bearer()` gives the same, cached and renewed before it expires.
console.log(`bearer of ${data.token.length} characters`);
