import { createRainbondClient } from "@openregions/client/rainbond";

// An enterprise administrator's access key, sent raw in `Authorization`.
const rainbond = createRainbondClient({
  baseUrl: "https://console.rainbond.example",
  accessKey: process.env.RAINBOND_ACCESS_KEY ?? "",
});

const regions = await rainbond.listRegions();
for (const region of regions) console.log(region.region_name, region.region_alias, region.url);
