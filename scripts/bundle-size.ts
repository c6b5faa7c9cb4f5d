// Measures the JavaScript each route of the production build loads, gzipped:
// the entry chunk with its static imports, plus the route's own lazy chunk.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ChunkSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

function chunkSize(distDir: string, file: string): ChunkSize {
  const content = readFileSync(join(distDir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** Returns the scripts index.html loads before any route code: the entry and its modulepreload links. */
export function homePageScripts(distDir: string): ChunkSize[] {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const match of html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)) files.add(match[1]!);
  for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g))
    files.add(match[1]!);
  return [...files].map((file) => chunkSize(distDir, file));
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
  src?: string;
}

/**
 * Returns the extra JavaScript a lazy route loads: its chunk and the chunks it imports
 * statically, minus what the entry already loaded.
 */
export function lazyChunkScripts(distDir: string, sourcePath: string): ChunkSize[] {
  const manifest = JSON.parse(
    readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8'),
  ) as Record<string, ManifestChunk>;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!;
  const loaded = new Set<string>();
  const collect = (key: string, into: Set<string>) => {
    if (into.has(key)) return;
    into.add(key);
    for (const next of manifest[key]?.imports ?? []) collect(next, into);
  };
  collect(entryKey, loaded);

  const route = new Set<string>();
  collect(sourcePath, route);
  return [...route]
    .filter((key) => !loaded.has(key))
    .map((key) => chunkSize(distDir, manifest[key]!.file))
    .filter((chunk) => chunk.file.endsWith('.js'));
}
