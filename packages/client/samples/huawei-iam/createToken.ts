import { createHuaweiIamClient, loginBody } from "@openregions/client/huawei-iam";

const credentials = {
  username: "apiuser",
  password: process.env.HUAWEI_IAM_PASSWORD ?? "",
  domain: "hcs_tenant01",
  project: "region_name2_project",
};
// With credentials the client logs in by itself before its first call; this is the login it sends.
const iam = createHuaweiIamClient({ baseUrl: "https://iam.example.com", credentials });

const { data, response } = await iam.POST("/v3/auth/tokens", {
  params: { query: { nocatalog: "true" } },
  body: loginBody(credentials),
});
// The token is the X-Subject-Token header; send it as X-Auth-Token for the next 24 hours.
const token = response.headers.get("X-Subject-Token");
console.log(`token of ${token?.length} characters, expires at ${data.token.expires_at}`);
