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

const regions = await iam.listRegions();
for (const region of regions) console.log(region.id, region.locales?.["en-us"] ?? "", region.type ?? "");
