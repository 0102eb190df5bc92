import { createRainbondClient } from "@openregions/client/rainbond";

// The console's management token (its MANAGE_TOKEN setting), raw in `Authorization`; v2 is served only with OPENAPI_V2=true.
const rainbond = createRainbondClient({
  baseUrl: "https://console.rainbond.example",
  accessKey: process.env.RAINBOND_MANAGE_TOKEN ?? "",
});

const { data } = await rainbond.GET("/openapi/v2/manage/regions", { params: { query: { query: "edge", current: 1, pageSize: 20 } } });
console.log(`${data.total} cluster(s) match`);
for (const region of data.data) console.log(region.region_id, region.region_name, region.enterprise_alias ?? "", region.rbd_version ?? "");
