import { createHuaweiIamClient } from "@openregions/client/huawei-iam";

// A token obtained elsewhere (for example with the createToken sample).
const token = process.env.HUAWEI_IAM_AUTH_TOKEN ?? "";
const iam = createHuaweiIamClient({ baseUrl: "https://iam.example.com", token });

// The projects this user may scope a new token to.
const { data } = await iam.GET("/v3/auth/projects");
for (const project of data.projects) console.log(project.id, project.name, project.enabled ? "enabled" : "disabled");
