import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });
const id = "5bb2e877-9e5c-a83f-8e0e-7c75eebf212c";

const { data } = await scalingo.GET("/v1/scm_integrations/{id}/search_pull_requests", {
  params: { path: { id }, query: { query: "is:open repo:john-diggle/example-repository" } },
});
for (const pull of data.pull_requests) console.log(`#${pull.number} ${pull.title}`);
