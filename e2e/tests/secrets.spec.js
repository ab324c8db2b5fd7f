import { readdirSync, readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { ADMIN_KEY, HOSTS } from '../support/constants.js';
import { connect, keyRows, resetEmulator } from '../support/console.js';

test.beforeEach(resetEmulator);

test('the admin key appears in no URL, localStorage, cookie or console message, and goes only to the hosts', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const leaks = [];
  const keyHosts = new Set();
  page.on('console', (message) => {
    if (message.text().includes(ADMIN_KEY)) leaks.push(`console: ${message.text()}`);
  });
  page.on('request', (request) => {
    if (request.url().includes(ADMIN_KEY)) leaks.push(`url: ${request.url()}`);
    if (request.headers()['x-algolia-api-key'] !== undefined) keyHosts.add(new URL(request.url()).origin);
  });
  page.on('framenavigated', (frame) => {
    if (frame.url().includes(ADMIN_KEY)) leaks.push(`navigation: ${frame.url()}`);
  });

  await connect(page);
  await page.getByRole('searchbox', { name: 'Search keys' }).fill('search');
  await keyRows(page).first().getByRole('button', { name: 'Reveal' }).click();
  await keyRows(page).first().getByRole('button', { name: 'Copy' }).click();
  await keyRows(page).first().getByRole('link').click();
  await page.goBack();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.reload();
  await expect(page.getByRole('status')).toBeVisible();

  const local = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(local).not.toContain(ADMIN_KEY);
  const cookies = await context.cookies();
  expect(JSON.stringify(cookies)).not.toContain(ADMIN_KEY);
  expect(page.url()).not.toContain(ADMIN_KEY);
  expect(leaks).toEqual([]);
  expect([...keyHosts].every((origin) => HOSTS.includes(origin))).toBeTruthy();
  expect(keyHosts.size).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Sign out' }).click();
  const session = await page.evaluate(() => JSON.stringify({ ...sessionStorage }));
  expect(session).not.toContain(ADMIN_KEY);
});

test('the release build embeds no credentials', async () => {
  const dist = new URL('../../dist/', import.meta.url);
  const names = readdirSync(dist);
  expect(names).not.toContain('local-demo.json');
  for (const name of names) {
    const text = readFileSync(new URL(name, dist)).toString('latin1');
    // Algolia keys, and the emulator's generated ones, are 32 lowercase hex digits.
    expect(text.match(/(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])/g), name).toBeNull();
    expect(text, name).not.toContain(ADMIN_KEY);
  }
});

test('the security headers are set by the shipped configuration', async ({ request }) => {
  const response = await request.get('keys/deep/link');
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain('connect-src');
  expect(headers['content-security-policy']).toContain('https://*.algolia.net https://*.algolianet.com');
  expect(headers['content-security-policy']).toContain(HOSTS[0]);
  expect(headers['content-security-policy']).not.toContain('unsafe-inline');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(await response.text()).toContain('<base href="/console/"');
});
