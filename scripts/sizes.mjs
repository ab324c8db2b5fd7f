// Prints the size of every file of a build, raw and as served: the `.gz` and `.br` files written
// beside it (scripts/compress.mjs), and the totals. The brotli total is the transfer a browser
// makes to start the console, the figure the bundle budget counts.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'dist';
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const size = (path) => {
  if (!existsSync(path)) {
    console.error(`sizes: ${path} is missing: every file of the build is served precompressed`);
    process.exit(1);
  }
  return statSync(path).size;
};
const row = (name, sizes) => console.log(name.padEnd(48) + sizes.map((s) => s.padStart(11)).join(''));

const totals = [0, 0, 0];
row('file', ['raw', 'gzip', 'brotli']);
for (const name of readdirSync(dir).sort()) {
  if (/\.(br|gz)$/.test(name)) continue;
  const path = join(dir, name);
  const sizes = [size(path), size(`${path}.gz`), size(`${path}.br`)];
  sizes.forEach((s, i) => (totals[i] += s));
  row(name, sizes.map(kb));
}
row('total', totals.map(kb));
console.log(`brotli total: ${kb(totals[2])}`);
