import { readFile } from "node:fs/promises";
import { createRainbondClient } from "@openregions/client/rainbond";

const rainbond = createRainbondClient({
  baseUrl: "https://console.rainbond.example",
  accessKey: process.env.RAINBOND_ACCESS_KEY ?? "",
});

// The region API's TLS material, as issued when the cluster was installed.
const pem = (file: string): Promise<string> => readFile(`./region-certs/${file}`, "utf8");
const created = await rainbond.createRegion({
  region_name: "edge-sh",
  region_alias: "Shanghai edge",
  url: "https://10.10.20.15:8443",
  wsurl: "wss://10.10.20.15:6060",
  httpdomain: "edge-sh.grapps.cn",
  tcpdomain: "10.10.20.15",
  scope: "private",
  ssl_ca_cert: await pem("ca.pem"),
  cert_file: await pem("client.pem"),
  key_file: await pem("client.key.pem"),
});
console.log(`registered ${created.region_name} as ${created.region_id}`);
