import { createRainbondClient } from "@openregions/client/rainbond";

// The console's management token (its MANAGE_TOKEN setting), raw in `Authorization`; v2 is served only with OPENAPI_V2=true.
const rainbond = createRainbondClient({
  baseUrl: "https://console.rainbond.example",
  accessKey: process.env.RAINBOND_MANAGE_TOKEN ?? "",
});

const { data } = await rainbond.GET("/openapi/v2/manage/regions/{region_id}", {
  params: { path: { region_id: "febc993cefe84d158b3ac245d7aa0943" } },
});
console.log(data.region_name, data.url, data.status);
