import { createScalingoClient } from "@openregions/client/scalingo";

const scalingo = createScalingoClient({ apiToken: process.env.SCALINGO_API_TOKEN });

// Only self-hosted platforms are linked through the API; GitHub.com and GitLab.com use the dashboard.
const { data } = await scalingo.POST("/v1/scm_integrations", {
  body: { scm_integration: { scm_type: "gitlab-self-hosted", url: "https://gitlab.example.com", access_token: process.env.GITLAB_TOKEN ?? "" } },
});
console.log(`linked ${data.scm_integration.url} as ${data.scm_integration.id}`);
