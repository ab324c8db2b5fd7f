// Post-build step (scripts/post-build.mjs), before minify.mjs: moves the inline module script that
// starts the wasm app into its own hashed file, so the Content-Security-Policy can say
// `script-src 'self'` with no inline script. The file starts with scripts/console-stopped.js, which
// tells the user when the app has stopped.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';
const indexPath = join(dir, 'index.html');
const html = readFileSync(indexPath, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (!match) {
  console.error('externalize-loader: no inline module script in index.html');
  process.exit(1);
}
// Its comments are for this repository, not for every browser that loads the console.
const stopped = readFileSync(new URL('console-stopped.js', import.meta.url), 'utf8').replace(/^\/\/.*\n/gm, '');
const code = `${stopped}\n${match[1].trim()}\n`;
const hash = createHash('sha384').update(code).digest();
const name = `start-${hash.toString('hex').slice(0, 16)}.js`;
writeFileSync(join(dir, name), code);
const integrity = `sha384-${hash.toString('base64')}`;
const tag = `<script type="module" src="${publicUrl}${name}" integrity="${integrity}" crossorigin="anonymous"></script>`;
writeFileSync(indexPath, html.replace(inline, tag));
