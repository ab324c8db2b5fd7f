// Prints the size of every file of a build, raw and gzipped (level 9), and the totals: the
// transfer a browser makes to start the console.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KB';
let raw = 0;
let gzip = 0;
console.log(`${'file'.padEnd(48)}${'raw'.padStart(11)}${'gzip'.padStart(11)}`);
for (const name of readdirSync(dir).sort()) {
  if (!/\.(wasm|js|css|html)$/.test(name)) continue;
  const bytes = readFileSync(join(dir, name));
  const zipped = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += zipped;
  console.log(`${name.padEnd(48)}${kb(bytes.length)}${kb(zipped)}`);
}
console.log(`${'total'.padEnd(48)}${kb(raw)}${kb(gzip)}`);
