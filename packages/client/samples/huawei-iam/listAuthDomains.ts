import { createHuaweiIamClient } from "@openregions/client/huawei-iam";

// A token obtained elsewhere (for example with the createToken sample).
const token = process.env.HUAWEI_IAM_AUTH_TOKEN ?? "";
const iam = createHuaweiIamClient({ baseUrl: "https://iam.example.com", token });

// The domains (accounts) this user may scope a new token to.
const { data } = await iam.GET("/v3/auth/domains");
for (const domain of data.domains) console.log(domain.id, domain.name);
