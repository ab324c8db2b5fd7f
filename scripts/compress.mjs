// Writes `NAME.br` (brotli, quality 11) and `NAME.gz` (gzip, level 9) beside every file of a build,
// for nginx's brotli_static and gzip_static to send as they are: the best compression costs a few
// seconds once here instead of CPU on every request. Node's zlib carries brotli itself, so the build
// needs no other compressor. Every file of the build is text or wasm, so every one is worth it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
for (const name of readdirSync(dir)) {
  if (/\.(br|gz)$/.test(name)) continue;
  const path = join(dir, name);
  const bytes = readFileSync(path);
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  const mode = name.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT;
  const params = {
    [constants.BROTLI_PARAM_QUALITY]: 11,
    [constants.BROTLI_PARAM_MODE]: mode,
    [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
  };
  writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params }));
}
