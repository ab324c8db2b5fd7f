// Post-build step (scripts/post-build.mjs), after externalize-loader.mjs: lays the wasm's functions
// out for brotli, shortens the names the wasm and its JavaScript share, minifies that JavaScript (terser) and the
// stylesheet, then puts the new Subresource Integrity hashes in index.html. Trunk's own minifier
// fails on wasm-bindgen's output, and these files ship on every load.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nameForLayout } from './order-functions.mjs';

const e2e = new URL('../e2e/', import.meta.url);
const require = createRequire(new URL('package.json', e2e));
const { minify } = require('terser');

const dir = process.env.TRUNK_STAGING_DIR;
const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');

function fail(message) {
  console.error(`minify: ${message}`);
  process.exit(1);
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The wasm's functions are laid out for brotli (order-functions.mjs), then the names the wasm and
 * its JavaScript share are cut: wasm-bindgen names each import and export with a 16-digit hash
 * (`__wbg_body_5f971cbc6950ca4f`) or a long mangled path, once in the wasm and once in the
 * JavaScript: random digits that no compressor shrinks. Binaryen renames them to one or two letters
 * and prints the mapping, which is applied to the JavaScript here: 4.2 KB of brotli. Each name must
 * be found where wasm-bindgen writes it and none may remain, or the build fails.
 *
 * wasm-streams' JavaScript classes (`IntoUnderlyingSource`…) must not be there at all: the crate is
 * replaced by `patches/wasm-streams` (see Cargo.toml), and if that patch stopped applying (a new
 * wasm-streams version) their exports would bring their stream code back into the wasm.
 */
function shrinkWasm(wasmPath, js) {
  if (/intounderlying/i.test(js)) fail("wasm-streams' stream classes are back: is patches/wasm-streams still applied?");

  writeFileSync(wasmPath, nameForLayout(readFileSync(wasmPath)));
  const features = ['bulk-memory', 'nontrapping-float-to-int', 'sign-ext', 'mutable-globals', 'reference-types', 'multivalue'];
  const output = execFileSync(
    new URL('node_modules/.bin/wasm-opt', e2e).pathname,
    [
      ...features.map((f) => `--enable-${f}`),
      '--reorder-functions-by-name',
      '--strip-debug',
      '--strip-producers',
      '--remove-unused-module-elements',
      '--minify-imports-and-exports-and-modules',
      wasmPath,
      '-o',
      wasmPath,
    ],
    { encoding: 'utf8' },
  );
  const mapping = JSON.parse(output.slice(output.indexOf('{')));
  const modules = new Set(mapping.imports.map(([module]) => module));
  const [module] = modules;
  if (modules.size !== 1) fail(`expected one import module, found ${[...modules].join(', ')}`);
  const renamed = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmPath)));
  const newModule = renamed[0].module;
  const replace = (pattern, replacement, what) => {
    let found = 0;
    js = js.replace(pattern, (...groups) => {
      found += 1;
      return replacement(...groups);
    });
    if (found === 0) fail(`${what} not found in the JavaScript`);
  };
  replace(new RegExp(`"${escape(module)}": import0`, 'g'), () => `"${newModule}": import0`, `module ${module}`);
  for (const [, old, short] of mapping.imports) {
    replace(new RegExp(`(\\n\\s+)${escape(old)}(: function)`, 'g'), (_, a, b) => `${a}${short}${b}`, `import ${old}`);
  }
  for (const [old, short] of mapping.exports) {
    js = js.replace(new RegExp(`\\bwasm\\.${escape(old)}\\b`, 'g'), () => `wasm.${short}`);
  }
  // The tests call one export by its old name (to make the app abort as a panic would).
  const names = new URL('../target/wasm-export-names.json', import.meta.url);
  mkdirSync(new URL('.', names), { recursive: true });
  writeFileSync(names, `${JSON.stringify(Object.fromEntries(mapping.exports), null, 1)}\n`);
  for (const [, old] of mapping.imports) {
    if (js.includes(old)) fail(`import ${old} is still in the JavaScript`);
  }
  for (const [old] of mapping.exports) {
    if (new RegExp(`\\bwasm\\.${escape(old)}\\b`).test(js)) fail(`export ${old} is still in the JavaScript`);
  }
  return js;
}

/** Comments and spacing out of a stylesheet; nothing else is touched. */
function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}

/** Puts the integrity of `name`'s new content on its tag in index.html. */
function setIntegrity(name, content) {
  const integrity = `sha384-${createHash('sha384').update(content).digest('base64')}`;
  const tag = new RegExp(`(<link[^>]*${escape(name)}"[^>]*integrity=")[^"]*(")`);
  if (!tag.test(html)) fail(`no <link> with an integrity for ${name} in index.html`);
  html = html.replace(tag, `$1${integrity}$2`);
}

const files = readdirSync(dir);
const jsName = files.find((name) => /^keys-console-[0-9a-f]+\.js$/.test(name));
const wasmName = files.find((name) => /^keys-console-[0-9a-f]+_bg\.wasm$/.test(name));
if (!jsName || !wasmName) fail('the wasm-bindgen JavaScript or wasm is missing');

const js = shrinkWasm(join(dir, wasmName), readFileSync(join(dir, jsName), 'utf8'));
setIntegrity(wasmName, readFileSync(join(dir, wasmName)));
const minifiedJs = (await minify(js, { module: true, compress: { passes: 2 }, mangle: true })).code;
writeFileSync(join(dir, jsName), minifiedJs);
setIntegrity(jsName, minifiedJs);

for (const name of files.filter((name) => name.endsWith('.css'))) {
  const css = minifyCss(readFileSync(join(dir, name), 'utf8'));
  writeFileSync(join(dir, name), css);
  setIntegrity(name, css);
}
writeFileSync(indexPath, html);
