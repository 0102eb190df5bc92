import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

const { data } = await scalingo.GET("/v1/users/self");
console.log(`signed in as ${data.user.username} <${data.user.email}>`);
