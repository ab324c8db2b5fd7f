import { test, expect } from '@playwright/test';
import { ADMIN_KEY, APP_ID, HOSTS } from '../support/constants.js';
import { connect, fillConnectForm, findRow, resetEmulator, watchForErrors, DEMO_KEY_COUNT } from '../support/console.js';
import { emulator } from '../support/emulator.js';

test.beforeEach(resetEmulator);

test('connecting with the admin key lists the keys', async ({ page }) => {
  const errors = watchForErrors(page);
  await connect(page);
  await expect(page).toHaveURL(/\/console\/apps\/E2EAPP\/keys$/);
  await expect(page.getByRole('banner')).toContainText(APP_ID);
  await expect(await findRow(page, 'Website search (www.example.com)')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a wrong key is named as such and the form keeps what was typed', async ({ page }) => {
  await page.goto('./');
  await fillConnectForm(page, { apiKey: 'not-the-right-key' });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('The application ID or the API key is wrong');
  await expect(page.getByRole('alert')).toContainText('Invalid Application-ID or API key');
  await expect(page.getByLabel('Application ID')).toHaveValue(APP_ID);
  await expect(page.getByLabel('Admin API key')).toHaveValue('not-the-right-key');
  await expect(page.getByLabel('Custom hosts')).toHaveValue(HOSTS.join('\n'));
});

test('a key that is not the admin key is refused with the reason', async ({ page }) => {
  const searchKey = await emulator.keyByDescription('Unrestricted search key');
  await page.goto('./');
  await fillConnectForm(page, { apiKey: searchKey.value });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('This API key is not the admin key');
  await expect(page.getByLabel('Admin API key')).toHaveValue(searchKey.value);
});

test('unreachable hosts are listed', async ({ page }) => {
  const dead = ['http://127.0.0.1:9', 'http://127.0.0.1:10'];
  await page.goto('./');
  await fillConnectForm(page, { hosts: dead });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('No host answered', { timeout: 15_000 });
  await expect(page.getByRole('alert')).toContainText(dead.join(', '));
});

test('bad input is explained next to each field', async ({ page }) => {
  await page.goto('./');
  await page.getByText('Advanced').click();
  await page.getByLabel('Custom hosts').fill('http://search.example.com');
  await page.getByLabel('Lock after this many idle minutes').fill('0');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByLabel('Application ID')).toHaveAccessibleDescription(/Enter the application ID/);
  await expect(page.getByLabel('Admin API key')).toHaveAccessibleDescription('Enter the admin API key.');
  await expect(page.getByLabel('Custom hosts')).toHaveAccessibleDescription(/only for localhost and 127.0.0.1/);
  await expect(page.getByLabel('Lock after this many idle minutes')).toHaveAccessibleDescription(/from 1 to 1440/);
  await expect(page.getByLabel('Application ID')).toHaveAttribute('aria-invalid', 'true');
});

test('the key field has a show toggle', async ({ page }) => {
  await page.goto('./');
  const key = page.getByLabel('Admin API key');
  await key.fill(ADMIN_KEY);
  await expect(key).toHaveAttribute('type', 'password');
  const toggle = page.getByRole('button', { name: 'Show API key' });
  await toggle.click();
  await expect(key).toHaveAttribute('type', 'text');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.click();
  await expect(key).toHaveAttribute('type', 'password');
});

test('the whole form works from the keyboard', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Application ID').focus();
  await page.keyboard.type(APP_ID);
  await page.keyboard.press('Tab');
  await page.keyboard.type(ADMIN_KEY);
  await page.keyboard.press('Tab'); // the show toggle
  await page.keyboard.press('Tab');
  await page.keyboard.type('prod');
  await page.keyboard.press('Tab'); // the colour
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab'); // "Advanced"
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type(HOSTS.join('\n'));
  await page.getByLabel('Lock after this many idle minutes').press('Enter');
  await expect(page.getByRole('status')).toHaveText(`${DEMO_KEY_COUNT} of ${DEMO_KEY_COUNT} keys`);
  await expect(page.getByRole('banner')).toContainText('prod');
  await expect(page.getByRole('banner')).toHaveClass(/colour-green/);
});
