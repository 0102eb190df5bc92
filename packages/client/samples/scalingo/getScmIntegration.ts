import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

const { data } = await scalingo.GET("/v1/scm_integrations/{id}", { params: { path: { id: "5bb2e877-9e5c-a83f-8e0e-7c75eebf212c" } } });
console.log(data.scm_integration.scm_type, data.scm_integration.profile_url);
