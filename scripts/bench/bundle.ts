/**
 * SPA size: builds web/ with Vite and measures the JavaScript the first page load needs (the entry
 * chunk and its static imports, from Vite's manifest) and all JS, raw and gzip.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { run } from "../dev/processes.ts";
import { repoRoot } from "../dev/stack.ts";
import type { BenchRow } from "./index.ts";

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export async function measureBundle(): Promise<BenchRow[]> {
  const outDir = join(repoRoot, "web", "dist");
  await run(join(repoRoot, "node_modules", ".bin", "vite"), ["build", "--config", "web/vite.config.ts", "--manifest"], { cwd: repoRoot });
  const manifest: Record<string, ManifestChunk> = JSON.parse(readFileSync(join(outDir, ".vite", "manifest.json"), "utf8"));

  const initial = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || initial.has(chunk.file)) return;
    initial.add(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const all = new Set(Object.values(manifest).map((c) => c.file).filter((f) => f.endsWith(".js")));

  const size = (files: Iterable<string>) => {
    let raw = 0;
    let gzip = 0;
    for (const file of files) {
      if (!file.endsWith(".js")) continue;
      const bytes = readFileSync(join(outDir, file));
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    return { raw, gzip };
  };
  const first = size(initial);
  const total = size(all);
  const row = (operation: string, unit: string, worx: number): BenchRow => ({
    area: "web", operation, chain: "—", unit, worx, anchor: null, anchor_value: null,
  });
  return [
    row("initial JS (gzip)", "bytes", first.gzip),
    row("initial JS (raw)", "bytes", first.raw),
    row("all JS chunks (gzip)", "bytes", total.gzip),
  ];
}
