/**
 * The Clarinet SDK reads `<dir of Clarinet.toml>/settings/Devnet.toml` from a path fixed in its
 * wasm binary. The source lives in clarity/settings/ (the top level stays a map of the
 * architecture); this copies it to where the SDK looks. Call before anything starts a simnet.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

export function ensureClarinetSettings(root: string): void {
  mkdirSync(join(root, "settings"), { recursive: true });
  copyFileSync(join(root, "clarity", "settings", "Devnet.toml"), join(root, "settings", "Devnet.toml"));
}
