import { createRainbondClient } from "@openregions/client/rainbond";

// The console's management token (its MANAGE_TOKEN setting), raw in `Authorization`; v2 is served only with OPENAPI_V2=true.
const rainbond = createRainbondClient({
  baseUrl: "https://console.rainbond.example",
  accessKey: process.env.RAINBOND_MANAGE_TOKEN ?? "",
});

// The console forgets the cluster (the cluster keeps running) and answers with the removed record.
const { data } = await rainbond.DELETE("/openapi/v2/manage/regions/{region_id}", {
  params: { path: { region_id: "8c4b9e2f61d04a8e9d0f3b7a2c5e1d40" } },
});
console.log(`removed ${data.region_name}`);
