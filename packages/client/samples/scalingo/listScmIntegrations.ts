import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

const { data } = await scalingo.GET("/v1/scm_integrations");
for (const integration of data.scm_integrations) console.log(integration.scm_type, integration.url, integration.username);
