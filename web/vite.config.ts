/**
 * Vite config of the Worx SPA. Root is web/; the SPA also imports the chain registry
 * (scripts/registry) and the generated ABIs/addresses (generated/) from the repository root.
 * Env: VITE_INDEXER_URL (Ponder's HTTP API), VITE_RPC_URL_<chainId> (EVM RPC per chain),
 * VITE_STACKS_API_URL_{MAINNET,TESTNET} (optional: Stacks tx confirmation polling).
 * WORX_SOURCEMAP=1 at build time emits source maps (for bundle-size analysis).
 */
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root: webRoot,
  envDir: repoRoot,
  plugins: [react()],
  server: {
    fs: { allow: [repoRoot] },
  },
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: !!process.env.WORX_SOURCEMAP,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Everything the first page load needs in one chunk. Without this group, Rolldown moves
        // modules shared by the entry and several lazy pages (React, TanStack Query, the ABIs…)
        // into separate common chunks that the entry loads anyway: measured ~3 kB gzip of
        // cross-chunk glue once the admin console became a second lazy page.
        codeSplitting: { groups: [{ name: "initial", tags: ["$initial"] }] },
      },
    },
  },
});
