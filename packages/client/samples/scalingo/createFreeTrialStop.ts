import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

// No body is needed; the account stops being on its free trial now.
const { response } = await scalingo.POST("/v1/users/stop_free_trial", {});
console.log(`free trial stopped (HTTP ${response.status})`);
