import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ bearer: process.env.SCALINGO_BEARER });

const { data, error } = await scalingo.GET("/v1/keys/{id}", { params: { path: { id: "5ae1bb5b3de6ec000e5d0d9d" } } });
if (!data) throw new Error(`getKey: ${JSON.stringify(error)}`);

console.log(data.key.name, data.key.fingerprint, data.key.owner.username);
