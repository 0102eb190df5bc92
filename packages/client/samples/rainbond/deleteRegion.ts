import { ApiError, createRainbondClient } from "@openregions/client/rainbond";

const rainbond = createRainbondClient({
  baseUrl: "https://console.rainbond.example",
  accessKey: process.env.RAINBOND_ACCESS_KEY ?? "",
});

// Version 1 routes DELETE on a region but never serves it: expect 405 and use the v2 management API.
try {
  await rainbond.DELETE("/openapi/v1/regions/{region_id}", { params: { path: { region_id: "test" } } });
} catch (err) {
  if (!(err instanceof ApiError) || err.status !== 405) throw err;
  console.log("v1 does not remove clusters: call DELETE /openapi/v2/manage/regions/{region_id} (deleteManagedRegion)");
}
