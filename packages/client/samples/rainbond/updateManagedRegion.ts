import { createRainbondClient } from "@openregions/client/rainbond";

// The console's management token (its MANAGE_TOKEN setting), raw in `Authorization`; v2 is served only with OPENAPI_V2=true.
const rainbond = createRainbondClient({
  baseUrl: "https://console.rainbond.example",
  accessKey: process.env.RAINBOND_MANAGE_TOKEN ?? "",
});

// A full replacement: the name cannot change, the alias, addresses, domains and state are required.
const { data } = await rainbond.PUT("/openapi/v2/manage/regions/{region_id}", {
  params: { path: { region_id: "8c4b9e2f61d04a8e9d0f3b7a2c5e1d40" } },
  body: {
    region_alias: "Shanghai edge",
    url: "https://10.10.20.16:8443",
    wsurl: "wss://10.10.20.16:6060",
    httpdomain: "edge-sh.grapps.cn",
    tcpdomain: "10.10.20.16",
    status: "3",
  },
});
console.log(`${data.region_name} is now at ${data.url}, status ${data.status}`);
