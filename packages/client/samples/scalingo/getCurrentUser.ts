import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ bearer: process.env.SCALINGO_BEARER });

const { data, error } = await scalingo.GET("/v1/users/self");
if (!data) throw new Error(`getCurrentUser: ${JSON.stringify(error)}`);

console.log(`signed in as ${data.user.username} <${data.user.email}>`);
