import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });
const id = "5bb2e877-9e5c-a83f-8e0e-7c75eebf212c";

// Qualifiers are separated by spaces; the URL encoding turns them into +.
const { data } = await scalingo.GET("/v1/scm_integrations/{id}/search_repos", {
  params: { path: { id }, query: { query: "example fork:true user:john-diggle" } },
});
for (const repository of data.repositories) console.log(repository.fullName, repository.url);
