import { test, expect } from '@playwright/test';
import { connect, resetEmulator, DEMO_KEY_COUNT } from '../support/console.js';
import { emulator } from '../support/emulator.js';

test.beforeEach(resetEmulator);

for (const [fault, extra] of [
  ['status', { status: 503 }],
  ['drop', {}],
  ['hang', { hangMs: 10_000 }],
]) {
  test(`a primary host that fails (${fault}) falls back to the others`, async ({ page }) => {
    await emulator.fault(0, fault, { count: 5, ...extra });
    await connect(page);
    await expect(page.getByRole('status')).toHaveText(`${DEMO_KEY_COUNT} of ${DEMO_KEY_COUNT} keys`);
  });
}

test('a 4xx is final: no other host is tried', async ({ page }) => {
  await emulator.fault(0, 'rateLimit', { count: 1 });
  await page.goto('./');
  const { fillConnectForm } = await import('../support/console.js');
  await fillConnectForm(page);
  const tried = [];
  page.on('request', (request) => {
    if (request.method() === 'GET' && request.url().includes('/1/keys')) tried.push(new URL(request.url()).port);
  });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('HTTP 429');
  expect(tried).toEqual(['18787']);
});
