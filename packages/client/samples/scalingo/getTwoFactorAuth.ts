import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

const { data } = await scalingo.GET("/v1/client/tfa");
console.log(data.tfa.enabled ? `two-factor authentication on (${data.tfa.provider})` : "two-factor authentication off");
