// Trunk post-build hook: minifies the wasm-bindgen JavaScript (terser) and the stylesheet, then
// puts their new Subresource Integrity hashes in index.html. Trunk's own minifier fails on
// wasm-bindgen's output, and both files ship on every load: about 1.5 KB of brotli between them.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const { minify } = require('terser');

const dir = process.env.TRUNK_STAGING_DIR;
const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');

/** Comments and spacing out of a stylesheet; nothing else is touched. */
function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}

for (const name of readdirSync(dir)) {
  const path = join(dir, name);
  let minified;
  if (/^keys-console-[0-9a-f]+\.js$/.test(name)) {
    const result = await minify(readFileSync(path, 'utf8'), { module: true, compress: { passes: 2 }, mangle: true });
    minified = result.code;
  } else if (name.endsWith('.css')) {
    minified = minifyCss(readFileSync(path, 'utf8'));
  } else {
    continue;
  }
  writeFileSync(path, minified);
  const integrity = `sha384-${createHash('sha384').update(minified).digest('base64')}`;
  const tag = new RegExp(`(<link[^>]*${name.replace(/\./g, '\\.')}[^>]*integrity=")[^"]*(")`);
  if (!tag.test(html)) {
    console.error(`minify: no <link> with an integrity for ${name} in index.html`);
    process.exit(1);
  }
  html = html.replace(tag, `$1${integrity}$2`);
}
writeFileSync(indexPath, html);
