import { createRainbondClient } from "@openregions/client/rainbond";

const rainbond = createRainbondClient({
  baseUrl: "https://console.rainbond.example",
  accessKey: process.env.RAINBOND_ACCESS_KEY ?? "",
});

// extendInfo: the console also asks the cluster for its health and capacity (slower).
const region = await rainbond.getRegion("test", { extendInfo: true });
console.log(`${region.region_name}: ${region.health_status}, ${region.used_cpu}/${region.total_cpu} CPU`);
