import { createHuaweiIamClient } from "@openregions/client/huawei-iam";

// A token obtained elsewhere (for example with the createToken sample).
const token = process.env.HUAWEI_IAM_AUTH_TOKEN ?? "";
const iam = createHuaweiIamClient({ baseUrl: "https://iam.example.com", token });

// Log out: revoke our own token (sent in both headers). Keystone operation: Huawei IAM may refuse it.
const { response } = await iam.DELETE("/v3/auth/tokens", { params: { header: { "X-Subject-Token": token } } });
console.log(`revoked (${response.status}); every later call with this token answers 401`);
