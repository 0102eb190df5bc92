import { createHuaweiIamClient } from "@openregions/client/huawei-iam";

// A token obtained elsewhere (for example with the createToken sample).
const token = process.env.HUAWEI_IAM_AUTH_TOKEN ?? "";
const iam = createHuaweiIamClient({ baseUrl: "https://iam.example.com", token });

// HEAD: probe the endpoint and the token without downloading the list. Keystone operation: Huawei IAM may refuse it.
const { response } = await iam.HEAD("/v3/regions");
console.log(`the token may list the regions (${response.status})`);
