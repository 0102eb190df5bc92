import { createRainbondClient } from "@openregions/client/rainbond";

// The console's management token (its MANAGE_TOKEN setting), raw in `Authorization`; v2 is served only with OPENAPI_V2=true.
const rainbond = createRainbondClient({
  baseUrl: "https://console.rainbond.example",
  accessKey: process.env.RAINBOND_MANAGE_TOKEN ?? "",
});

const { data } = await rainbond.POST("/openapi/v2/manage/regions", {
  body: {
    region_name: "edge-sh",
    region_alias: "Shanghai edge",
    url: "https://10.10.20.15:8443",
    wsurl: "wss://10.10.20.15:6060",
    httpdomain: "edge-sh.grapps.cn",
    tcpdomain: "10.10.20.15",
    status: "1",
  },
});
console.log(`registered ${data.region_name} as ${data.region_id}`);
