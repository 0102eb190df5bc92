import { createScalingoClient } from "@openregions/client/scalingo";

// The API token is the password of HTTP Basic authentication, with an empty user name.
const apiToken = process.env.SCALINGO_API_TOKEN ?? "";
const scalingo = createScalingoClient();

const { data, error } = await scalingo.POST("/v1/tokens/exchange", {
  headers: { Authorization: `Basic ${btoa(`:${apiToken}`)}` },
  body: {},
});
if (!data) throw new Error(`exchangeToken: ${JSON.stringify(error)}`);

// A JWT valid for one hour: pass it as `bearer` to createScalingoClient.
const bearer = data.token;
console.log(`bearer of ${bearer.length} characters`);
