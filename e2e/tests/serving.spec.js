// How the shipped nginx configuration serves the build: the files compressed ahead of time, with the
// headers caches and browsers need, and a page that tells the user when the app has stopped.
import { readFileSync, statSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { watchForErrors } from '../support/console.js';

const dist = new URL('../../dist/', import.meta.url);
const wasmName = readFileSync(new URL('index.html', dist), 'utf8').match(/[\w-]+_bg\.wasm/)[0];
const stoppedBanner = (page) => page.getByRole('alert').filter({ hasText: 'The console stopped' });

test('the browser receives the wasm brotli-encoded and the console starts', async ({ page, baseURL }) => {
  const errors = watchForErrors(page);
  const wasm = page.waitForResponse(new URL(wasmName, baseURL).href);
  await page.goto('./');
  const headers = (await wasm).headers();
  expect(headers['content-encoding']).toBe('br');
  expect(headers['content-type']).toBe('application/wasm');
  expect(headers.vary).toMatch(/Accept-Encoding/i);
  expect(headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await expect(page.getByLabel('Application ID')).toBeVisible();
  await expect(stoppedBanner(page)).toHaveCount(0);
  expect(errors).toEqual([]);
});

// Node's fetch sends the Accept-Encoding given and decodes the answer, so the body is compared too.
// The length sent is the file's written by the build: nginx compressed nothing on the fly.
for (const [accepted, encoding, file] of [
  ['gzip, deflate', 'gzip', `${wasmName}.gz`],
  ['identity', null, wasmName],
  ['br', 'br', `${wasmName}.br`],
]) {
  test(`a client accepting "${accepted}" gets the wasm ${encoding ?? 'uncompressed'}`, async ({ baseURL }) => {
    const response = await fetch(new URL(wasmName, baseURL), { headers: { 'accept-encoding': accepted } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe(encoding);
    expect(response.headers.get('content-length')).toBe(String(statSync(new URL(file, dist)).size));
    expect(response.headers.get('vary')).toMatch(/Accept-Encoding/i);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(readFileSync(new URL(wasmName, dist)))).toBe(true);
  });
}

test('a route of the app is answered with index.html, compressed, with the security headers', async ({ baseURL }) => {
  const response = await fetch(new URL('keys/no-such-key', baseURL), { headers: { 'accept-encoding': 'gzip, br' } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-encoding')).toBe('br');
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(response.headers.get('cache-control')).toBe('no-cache');
  expect(await response.text()).toBe(readFileSync(new URL('index.html', dist), 'utf8'));
});

// Any abort of the release build (a panic included, with `-Cpanic=immediate-abort`) ends in the same
// wasm trap. wasm-bindgen's allocator export aborts on an impossible alignment: called from outside,
// it makes the shipped module trap the way a panic would, without a way to panic in the product.
// The build shortens export names, and leaves the mapping in target/.
test('when the app aborts, a banner says the console stopped and reloading brings it back', async ({ page }) => {
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (event) => {
      window.wasmExports = event.detail.wasm;
    });
  });
  const errors = watchForErrors(page);
  await page.goto('./');
  await expect(page.getByLabel('Application ID')).toBeVisible();
  const malloc = JSON.parse(readFileSync(new URL('../../target/wasm-export-names.json', import.meta.url), 'utf8'))
    .__wbindgen_malloc;
  await page.evaluate((name) => setTimeout(() => window.wasmExports[name](1, 3)), malloc);
  const banner = stoppedBanner(page);
  await expect(banner).toHaveText(/The console stopped after an internal error\. Reload the page to go on\./);
  await expect(banner.getByRole('button', { name: 'Reload' })).toBeFocused();
  expect(errors).toEqual(['unreachable']);

  await banner.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByLabel('Application ID')).toBeVisible();
  await expect(banner).toHaveCount(0);
});
