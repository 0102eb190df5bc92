import { createHuaweiIamClient } from "@openregions/client/huawei-iam";

const iam = createHuaweiIamClient({
  baseUrl: "https://iam.example.com",
  credentials: {
    username: "apiuser",
    password: process.env.HUAWEI_IAM_PASSWORD ?? "",
    domain: "hcs_tenant01",
    project: "region_name2_project",
  },
});

// GET /v3 needs no token: the client does not log in for it.
const version = await iam.getVersion();
console.log(version.id, version.status);
