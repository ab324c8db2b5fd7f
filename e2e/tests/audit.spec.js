// The key audit: the findings column, filter and sort of the keys table; fixes made through the
// edit form; the "Which keys can do this?" simulator; the exposure check; the expiry calendar.
// Expectations are computed here from the emulator's own keys, with the audit's rules written
// out again below, rather than read back from the console.
import { createHash, createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { test, expect } from '@playwright/test';
import { ADMIN_KEY, APP_ID } from '../support/constants.js';
import { connect, findRow, keyRows, resetEmulator, DEMO_KEY_COUNT } from '../support/console.js';
import { emulator } from '../support/emulator.js';

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await connect(page);
});

// ---- The audit's rules, as the issue states them, applied to the emulator's keys ----

const POWERFUL = ['addObject', 'deleteObject', 'deleteIndex', 'editSettings', 'logs', 'seeUnretrievableAttributes'];
const WRITES = ['addObject', 'deleteObject', 'deleteIndex', 'editSettings', 'nluWriteProject', 'nluWriteEntity', 'nluWriteIntent'];
const NOT_FOR_BROWSERS = ['addObject', 'deleteObject', 'deleteIndex', 'editSettings', 'browse', 'seeUnretrievableAttributes'];
const PUBLIC_WORDS = ['search-only', 'search only', 'public', 'frontend', 'front-end', 'browser'];
const SEVERITY = { info: 0, low: 1, medium: 2, high: 3 };
const TITLES = {
  unrestrictedWrite: ['Write or admin-like permission on every index', 'high'],
  publicWithWrite: ['Looks public, but can write or read everything', 'high'],
  writeNeverExpires: ['Write key that never expires', 'medium'],
  openSearchKey: ['Search key with no referer restriction and no rate limit', 'medium'],
  everyIndexPattern: ['* as an index pattern', 'low'],
  stalePatterns: ['Index patterns that match no index', 'low'],
  duplicateSettings: ['Several keys with identical settings', 'low'],
  noDescription: ['No description', 'low'],
  expiringSoon: ['Expires within 7 days', 'info'],
};

/** Algolia's patterns: a name, or a name with `*` at the start, the end, or both. */
function matches(pattern, name) {
  if (pattern === '*') return true;
  const starts = pattern.startsWith('*');
  const ends = pattern.endsWith('*');
  if (starts && ends) return name.includes(pattern.slice(1, -1));
  if (starts) return name.endsWith(pattern.slice(1));
  if (ends) return name.startsWith(pattern.slice(0, -1));
  return name === pattern;
}

function restrictSources(key) {
  return new URLSearchParams(key.queryParameters ?? '').get('restrictSources')?.trim() || null;
}

function ipv4(text) {
  return text.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function withinRange(range, ip) {
  const [address, bits = '32'] = range.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ipv4(ip) / size) === Math.floor(ipv4(address) / size);
}

/** The emulator, like Algolia, leaves out the fields at their defaults. */
function normal(key) {
  return { acl: [], description: '', indexes: [], referers: [], queryParameters: '', maxHitsPerQuery: 0, maxQueriesPerIPPerHour: 0, validity: 0, ...key };
}

/** Each key's findings as [rule, severity], most severe first, by the rules the issue lists. */
function audit(keys, indices) {
  const signature = (listed) => ((k) => JSON.stringify([
    [...k.acl].sort(), k.indexes, k.referers, k.queryParameters, k.maxHitsPerQuery,
    k.maxQueriesPerIPPerHour, k.validity > 0,
  ]))(normal(listed));
  const copies = new Map();
  for (const key of keys) copies.set(signature(key), (copies.get(signature(key)) ?? 0) + 1);
  return new Map(keys.map((listed) => {
    const key = normal(listed);
    const found = [];
    const held = (list) => key.acl.filter((acl) => list.includes(acl));
    const everyIndex = key.indexes.length === 0 || key.indexes.includes('*');
    const looksPublic = key.referers.length > 0 || PUBLIC_WORDS.some((w) => key.description.toLowerCase().includes(w));
    if (everyIndex && held(POWERFUL).length) found.push('unrestrictedWrite');
    if (looksPublic && held(NOT_FOR_BROWSERS).length) found.push('publicWithWrite');
    if (!(key.validity > 0) && held(WRITES).length) found.push('writeNeverExpires');
    if (key.acl.includes('search') && !key.referers.length && !key.maxQueriesPerIPPerHour && !restrictSources(key)) {
      found.push('openSearchKey');
    }
    if (key.indexes.includes('*')) found.push('everyIndexPattern');
    if (key.indexes.some((p) => p !== '*' && !indices.some((name) => matches(p, name)))) found.push('stalePatterns');
    if (!key.description.trim()) found.push('noDescription');
    if (key.validity > 0 && key.validity <= 7 * 86_400) found.push('expiringSoon');
    if (copies.get(signature(key)) > 1) found.push('duplicateSettings');
    // Stable: rules of one severity keep the order above.
    found.sort((a, b) => SEVERITY[TITLES[b][1]] - SEVERITY[TITLES[a][1]]);
    return [listed.value, found];
  }));
}

/** The findings badge's accessible name for these findings. */
function badgeLabel(found) {
  if (!found.length) return 'No findings';
  const titles = found.map((rule) => TITLES[rule][0]);
  return `${found.length} finding${found.length === 1 ? '' : 's'}, most severe ${TITLES[found[0]][1]}: ${titles.join('; ')}`;
}

/** The risk sort's order: by the most severe finding, then by how many. */
function risk(found) {
  return found.length ? (SEVERITY[TITLES[found[0]][1]] + 1) * 1000 + found.length : 0;
}

async function indexNames() {
  const { status, body } = await emulator.api('GET', '/1/indexes');
  expect(status).toBe(200);
  return body.items.map((index) => index.name);
}

// ---- How the console names keys ----

const mask = (value) => `${value.slice(0, 4)}••••••••${value.slice(-4)}`;
const nameOf = (key) => (key.description ? `“${key.description}” (${mask(key.value)})` : `The key ${mask(key.value)}`);
const hashOf = (value) => createHash('sha256').update(value).digest('hex').slice(0, 12);

/** A key as the emulator holds it, read with the admin key, and when it expires. */
async function readKey(value) {
  const readAt = Date.now();
  const { status, body } = await emulator.api('GET', `/1/keys/${value}`);
  expect(status).toBe(200);
  return { key: body, expiresAt: body.validity ? readAt + body.validity * 1000 : null };
}

/** Every field but those named. */
function without(key, ...fields) {
  const rest = { ...key };
  for (const field of fields) delete rest[field];
  return rest;
}

/** The rendered rows of the keys table, as [description, findings badge name]. */
async function renderedRows(page) {
  const rows = keyRows(page);
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((trs) => trs.map((tr) => {
    const description = tr.querySelector('td:nth-child(3) a')?.textContent ?? '';
    const badge = tr.querySelector('td:nth-child(4) [aria-label]')?.getAttribute('aria-label') ?? '';
    return [description, badge];
  }));
}

async function openAudit(page) {
  await page.getByRole('link', { name: 'Audit', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/console/apps/${APP_ID}/audit$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Audit of ${APP_ID}`);
}

// ---- The keys table ----

test('the findings column names each key\'s findings, "With findings" keeps the keys that have any, and the risk sort puts the worst first', async ({ page }) => {
  const keys = await emulator.keys();
  const findings = audit(keys, await indexNames());
  const byDescription = new Map(keys.map((k) => [k.description, findings.get(k.value)]));
  const flagged = keys.filter((k) => findings.get(k.value).length > 0);
  // The demo is meant to show each kind: keys with and without findings, of several severities.
  expect(flagged.length).toBeGreaterThan(5);
  expect(flagged.length).toBeLessThan(DEMO_KEY_COUNT);

  // Specific demo keys, by what the rules say about them.
  expect(byDescription.get('Legacy reindex script (DO NOT USE)')).toEqual(['unrestrictedWrite', 'writeNeverExpires', 'openSearchKey']);
  expect(byDescription.get('Website search (www.example.com)')).toEqual([]);
  const legacy = await findRow(page, 'Legacy reindex script (DO NOT USE)');
  await expect(legacy.getByRole('img', { name: /findings?, most severe/ })).toHaveAccessibleName(
    '3 findings, most severe high: Write or admin-like permission on every index; Write key that never expires; Search key with no referer restriction and no rate limit',
  );
  const website = await findRow(page, 'Website search (www.example.com)');
  await expect(website.getByLabel('No findings')).toBeVisible();
  await expect(website.getByRole('img', { name: /most severe/ })).toHaveCount(0);
  const catalog = await findRow(page, 'Catalog indexer (backend)');
  await expect(catalog.getByRole('img', { name: /most severe/ })).toHaveAccessibleName(badgeLabel(byDescription.get('Catalog indexer (backend)')));
  await page.getByRole('searchbox', { name: 'Search keys' }).fill('');
  await expect(page.getByRole('status')).toHaveText(`${DEMO_KEY_COUNT} of ${DEMO_KEY_COUNT} keys`);

  // Every rendered row's badge says what the rules find for its key.
  for (const [description, badge] of await renderedRows(page)) {
    expect(badge, description).toBe(badgeLabel(byDescription.get(description)));
  }

  // The filter, in the URL, keeps exactly the keys with findings.
  await page.getByRole('checkbox', { name: 'With findings' }).check();
  await expect(page).toHaveURL(/[?&]findings=1/);
  await expect(page.getByRole('status')).toHaveText(`${flagged.length} of ${DEMO_KEY_COUNT} keys`);
  const shown = await renderedRows(page);
  for (const [description, badge] of shown) {
    expect(byDescription.get(description).length, description).toBeGreaterThan(0);
    expect(badge).not.toBe('No findings');
  }
  await page.getByRole('searchbox', { name: 'Search keys' }).fill('Website search');
  await expect(page.getByText('No key matches this search and these filters.')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search keys' }).fill('');
  await expect(page.getByRole('status')).toHaveText(`${flagged.length} of ${DEMO_KEY_COUNT} keys`);

  // The risk sort: the most severe first, then the most findings; a deep link opens the same view.
  await page.getByRole('button', { name: 'Findings' }).click();
  await expect(page).toHaveURL(/[?&]sort=risk/);
  await expect(page.getByRole('columnheader', { name: 'Findings' })).toHaveAttribute('aria-sort', 'descending');
  const worst = [...flagged].sort((a, b) => risk(findings.get(b.value)) - risk(findings.get(a.value)));
  await expect(keyRows(page).first()).toContainText(worst[0].description);
  const order = (await renderedRows(page)).map(([description]) => risk(byDescription.get(description)));
  expect(order.length).toBeGreaterThan(5);
  expect(order).toEqual([...order].sort((a, b) => b - a));
  expect(order[0]).toBe(risk(findings.get(worst[0].value)));

  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'With findings' })).toBeChecked();
  await expect(page.getByRole('status')).toHaveText(`${flagged.length} of ${DEMO_KEY_COUNT} keys`);
  await expect(keyRows(page).first()).toContainText(worst[0].description);

  // Unticked, every key is back, sorted least risky first when the header is clicked again.
  await page.getByRole('checkbox', { name: 'With findings' }).uncheck();
  await expect(page).not.toHaveURL(/findings=1/);
  await expect(page.getByRole('status')).toHaveText(`${DEMO_KEY_COUNT} of ${DEMO_KEY_COUNT} keys`);
  await page.getByRole('button', { name: 'Findings' }).click();
  await expect(page.getByRole('columnheader', { name: 'Findings' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(keyRows(page).first().getByLabel('No findings')).toBeVisible();
  const ascending = (await renderedRows(page)).map(([description]) => risk(byDescription.get(description)));
  expect(ascending[0]).toBe(0);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
});

test('the audit page groups the keys by rule, and counts them', async ({ page }) => {
  const keys = await emulator.keys();
  const findings = audit(keys, await indexNames());
  await openAudit(page);
  const flagged = keys.filter((k) => findings.get(k.value).length > 0).length;
  await expect(page.getByRole('status').filter({ hasText: 'have findings' })).toContainText(`${flagged} keys of ${keys.length} have findings`);
  for (const [rule, [title, severity]] of Object.entries(TITLES)) {
    const expected = keys.filter((k) => findings.get(k.value).includes(rule));
    const region = page.getByRole('region', { name: `${title} (${severity})`, exact: true });
    if (!expected.length) {
      await expect(region, title).toHaveCount(0);
      continue;
    }
    const listed = region.getByRole('listitem').getByRole('link', { name: /^(“|The key )/ });
    await expect(listed, title).toHaveText(expected.map(nameOf));
  }
  // A write key on every index, with other permissions to keep, has a fix; one with nothing else
  // to keep does not: removing its one permission would be a deletion.
  const legacy = keys.find((k) => k.description === 'Legacy reindex script (DO NOT USE)');
  const logs = keys.find((k) => k.description === 'Logs reader for on-call');
  const unrestricted = page.getByRole('region', { name: 'Write or admin-like permission on every index (high)' });
  await expect(unrestricted.getByRole('link', { name: `Fix ${nameOf(legacy)}: Write or admin-like permission on every index` })).toBeVisible();
  await expect(unrestricted.getByRole('link', { name: `Fix ${nameOf(logs)}: Write or admin-like permission on every index` })).toHaveCount(0);
});

// ---- Fixes through the edit form ----

test('a fix from the audit page opens the edit form with the change made, reviews it, and saves exactly that change', async ({ page }) => {
  const description = 'Catalog indexer (backend)';
  const title = 'Search key with no referer restriction and no rate limit';
  const before = await emulator.keyByDescription(description);
  expect(before.maxQueriesPerIPPerHour ?? 0).toBe(0);
  await openAudit(page);
  const region = page.getByRole('region', { name: `${title} (medium)` });
  await region.getByRole('link', { name: `Fix ${nameOf(before)}: ${title}` }).click();

  await expect(page).toHaveURL(new RegExp(`/console/apps/${APP_ID}/keys/${hashOf(before.value)}/edit\\?fix=open-search-key$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Edit “${description}”`);
  await expect(page.getByRole('note')).toContainText(`Fix for “${title}”`);
  await expect(page.getByLabel('Max queries per IP per hour')).toHaveValue('1000');
  // Nothing is saved before the review.
  expect((await readKey(before.value)).key).toEqual(before);

  await page.getByRole('button', { name: 'Review changes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Review changes' });
  await expect(dialog.getByRole('rowheader')).toHaveCount(1);
  await expect(dialog.getByRole('rowheader')).toContainText('Max queries per IP per hour');
  await expect(dialog.getByRole('row').nth(1)).toContainText('no limit');
  await expect(dialog.getByRole('row').nth(1)).toContainText('1,000');
  await expect(dialog).not.toContainText('widens');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/console/apps/${APP_ID}/keys/${hashOf(before.value)}$`));

  await expect.poll(async () => (await readKey(before.value)).key.maxQueriesPerIPPerHour).toBe(1000);
  const { key: after } = await readKey(before.value);
  expect(without(after, 'maxQueriesPerIPPerHour')).toEqual(without(before, 'maxQueriesPerIPPerHour'));
  expect((await emulator.keys()).length).toBe(DEMO_KEY_COUNT);

  // Once the list shows the change, the key no longer breaks that rule.
  const findings = page.getByRole('region', { name: 'Findings' });
  await expect(findings).toContainText('Write key that never expires');
  await expect(findings).not.toContainText(title, { timeout: 10_000 });
});

test("a fix from the key's page removes the powerful permissions and keeps the others, in order", async ({ page }) => {
  const description = 'Legacy reindex script (DO NOT USE)';
  const title = 'Write or admin-like permission on every index';
  const before = await emulator.keyByDescription(description);
  await (await findRow(page, description)).getByRole('link', { name: description }).click();
  const findings = page.getByRole('region', { name: 'Findings' });
  await expect(findings.getByRole('listitem')).toHaveCount(3);
  await expect(page.getByRole('region', { name: 'What can this key do?' })).toContainText('On every index of the application, those created later included.');
  await expect(page.getByRole('region', { name: 'What can this key do?' })).toContainText('For ever: it never expires.');
  await findings.getByRole('link', { name: `Fix: ${title}` }).click();

  await expect(page).toHaveURL(/\/edit\?fix=unrestricted-write$/);
  await expect(page.getByRole('note')).toContainText(`Fix for “${title}”`);
  for (const acl of POWERFUL) await expect(page.getByRole('checkbox', { name: acl, exact: true })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'browse', exact: true })).toBeChecked();
  await page.getByRole('button', { name: 'Review changes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Review changes' });
  await expect(dialog.getByRole('rowheader')).toHaveCount(1);
  await expect(dialog.getByRole('rowheader')).toContainText('ACL');
  await expect(dialog).not.toContainText('widens');
  await dialog.getByRole('button', { name: 'Save changes' }).click();

  const kept = before.acl.filter((acl) => !POWERFUL.includes(acl));
  expect(kept).toEqual(['search', 'browse', 'settings', 'listIndexes', 'analytics', 'usage']);
  await expect.poll(async () => (await readKey(before.value)).key.acl).toEqual(kept);
  const { key: after } = await readKey(before.value);
  expect(without(after, 'acl')).toEqual(without(before, 'acl'));
});

test('the expiry fix gives a write key 90 days, and changes nothing else', async ({ page }) => {
  const description = 'Articles CMS sync';
  const title = 'Write key that never expires';
  const before = await emulator.keyByDescription(description);
  expect(before.validity ?? 0).toBe(0);
  await openAudit(page);
  await page.getByRole('region', { name: `${title} (medium)` })
    .getByRole('link', { name: `Fix ${nameOf(before)}: ${title}` }).click();
  await expect(page).toHaveURL(/\/edit\?fix=write-never-expires$/);
  await expect(page.getByRole('radio', { name: 'After' })).toBeChecked();
  await expect(page.getByLabel('Duration', { exact: true })).toHaveValue('90');
  await page.getByRole('button', { name: 'Review changes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Review changes' });
  await expect(dialog.getByRole('rowheader')).toHaveCount(1);
  await expect(dialog.getByRole('rowheader')).toContainText('Expires');
  const savedAt = Date.now();
  await dialog.getByRole('button', { name: 'Save changes' }).click();

  await expect.poll(async () => (await readKey(before.value)).key.validity).toBeGreaterThan(0);
  const { key: after, expiresAt } = await readKey(before.value);
  expect(Math.abs(expiresAt - (savedAt + 90 * 86_400_000))).toBeLessThan(15_000);
  expect(without(after, 'validity')).toEqual(without(before, 'validity'));
});

// ---- Which keys can do this? ----

/** Whether the key lets the request through, by its ACL, index patterns, referers and IP range. */
function allows(listed, { acl, index, referer, ip }) {
  const key = normal(listed);
  if (!key.acl.includes(acl)) return false;
  if (index && key.indexes.length && !key.indexes.some((p) => matches(p, index))) return false;
  if (referer && key.referers.length && !key.referers.some((p) => matches(p, referer))) return false;
  const sources = restrictSources(key);
  if (ip && sources && !withinRange(sources, ip)) return false;
  return true;
}

async function simulate(page, request) {
  const simulator = page.getByRole('region', { name: 'Which keys can do this?' });
  await simulator.getByLabel('Permission').selectOption(request.acl);
  await simulator.getByLabel('Index', { exact: true }).fill(request.index);
  await simulator.getByLabel('Referer URL').fill(request.referer ?? '');
  await simulator.getByLabel('IP address').fill(request.ip ?? '');
  await simulator.getByRole('button', { name: 'Find keys' }).click();
  return simulator;
}

test('the simulator lists the keys a request would get through, and leaves out those an index, referer or IP range refuses', async ({ page }) => {
  const keys = await emulator.keys();
  await openAudit(page);
  const request = { acl: 'search', index: 'prod_products', referer: 'https://www.example.com/cart' };
  const expected = keys.filter((k) => allows(k, request));
  const simulator = await simulate(page, request);
  await expect(simulator.getByRole('status')).toHaveText(`${expected.length} keys can use “search” on “prod_products”`);
  await expect(simulator.getByRole('link')).toHaveText(expected.map(nameOf));

  const names = await simulator.getByRole('link').allTextContents();
  const listed = (description) => names.includes(nameOf(keys.find((k) => k.description === description)));
  // Allowed by a pattern, by the referer, and with an IP range that no IP given cannot rule out.
  for (const description of ['Website search (www.example.com)', 'Mobile app search', 'Query suggestions builder', 'Partner portal search (office network only)']) {
    expect(listed(description), description).toBe(true);
  }
  // Refused by the referer, by the index pattern, by the ACL.
  for (const description of ['Campaign landing page (Black Friday)', 'Docs site search', 'Locale search EN', 'Articles CMS sync', 'Analytics dashboard']) {
    expect(listed(description), description).toBe(false);
  }
  const website = simulator.getByRole('listitem').filter({ hasText: 'Website search (www.example.com)' });
  await expect(website).toContainText('“prod_products” matches its index pattern “prod_*”.');
  await expect(website).toContainText('The referer matches “https://www.example.com/*”.');
  const partner = simulator.getByRole('listitem').filter({ hasText: 'Partner portal search' });
  await expect(partner).toContainText('Only from “192.168.1.0/24” (no IP given).');

  // With an IP address, keys restricted to other sources drop out.
  const fromOffice = { ...request, referer: '', ip: '192.168.1.77' };
  await simulate(page, fromOffice);
  const expectedFromOffice = keys.filter((k) => allows(k, fromOffice));
  await expect(simulator.getByRole('status')).toHaveText(`${expectedFromOffice.length} keys can use “search” on “prod_products”`);
  await expect(simulator.getByRole('link')).toHaveText(expectedFromOffice.map(nameOf));
  await expect(simulator.getByRole('link', { name: /Partner portal search/ })).toBeVisible();
  await expect(simulator.getByRole('link', { name: /Internal tools search/ })).toHaveCount(0);
  await expect(simulator.getByRole('link', { name: /Campaign landing page/ })).toBeVisible();

  // A write permission on a staging index: only keys restricted to it, or to no index.
  const write = { acl: 'addObject', index: 'staging_products' };
  await simulate(page, write);
  const writers = keys.filter((k) => allows(k, write));
  await expect(simulator.getByRole('status')).toHaveText(`${writers.length} keys can use “addObject” on “staging_products”`);
  await expect(simulator.getByRole('link')).toHaveText(writers.map(nameOf));

  await simulator.getByLabel('IP address').fill('not an address');
  await simulator.getByRole('button', { name: 'Find keys' }).click();
  await expect(simulator.getByLabel('IP address')).toHaveAccessibleDescription(/Enter an IPv4 address/);
});

// ---- Exposure check ----

/** A secured key as Algolia's helpers make it. */
const sign = (parent, query) => Buffer.from(createHmac('sha256', parent).update(query).digest('hex') + query).toString('base64');

/** Pastes the text into the exposure check, runs it, and returns the check's region. */
async function checkExposure(page, lines) {
  await openAudit(page);
  const check = page.getByRole('region', { name: 'Exposure check' });
  await check.getByLabel('Text to check').fill(lines.join('\n'));
  await check.getByRole('button', { name: 'Check', exact: true }).click();
  return check;
}

test('the exposure check finds a pasted search key of this application and offers to roll it', async ({ page }) => {
  const search = await emulator.keyByDescription('Website search (www.example.com)');
  const parent = await emulator.keyByDescription('Customer portal parent key (for secured keys)');
  const secured = sign(parent.value, 'filters=customer%3A42');
  const stranger = '0123456789abcdef0123456789abcdef';
  const check = await checkExposure(page, [
    '<script>',
    `  const client = algoliasearch("${APP_ID}", "${search.value}");`,
    `  const portal = "${secured}";`,
    `  const other = '${stranger}';`,
    '</script>',
  ]);

  await expect(check.getByRole('status')).toHaveText(`3 key-like strings found. Application IDs: ${APP_ID}.`);
  const items = check.getByRole('listitem');
  await expect(items).toHaveCount(3);
  const key = items.filter({ hasText: `${mask(search.value)} is this key:` });
  await expect(key.getByRole('link', { name: nameOf(search), exact: true })).toHaveAttribute('href', new RegExp(`/keys/${hashOf(search.value)}$`));
  await expect(key.getByRole('link', { name: `Roll ${nameOf(search)}` })).toHaveAttribute('href', new RegExp(`/roll\\?keys=${hashOf(search.value)}$`));
  await expect(items.filter({ hasText: 'A secured key made from' }).getByRole('link', { name: nameOf(parent), exact: true })).toBeVisible();
  await expect(items.filter({ hasText: `${mask(stranger)}: no key of this application.` })).toHaveCount(1);
  // The values themselves are never shown back.
  await expect(check.getByRole('list')).not.toContainText(search.value);

  // Its Roll link opens the roll of that key.
  await key.getByRole('link', { name: `Roll ${nameOf(search)}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Roll 1 key');
  await expect(page.getByRole('listitem').filter({ hasText: nameOf(search) })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Roll 1 key' })).toBeEnabled();
});

test('the exposure check names the admin key the console is connected with', async ({ page }) => {
  const check = await checkExposure(page, [
    '# left over from a deploy script',
    `ALGOLIA_APP_ID=${APP_ID}`,
    `ALGOLIA_ADMIN_KEY=${ADMIN_KEY}`,
  ]);
  await expect(check.getByRole('status')).toHaveText(`1 key-like string found. Application IDs: ${APP_ID}.`);
  await expect(check.getByText(`The admin key is in this text (${mask(ADMIN_KEY)}).`)).toBeVisible();
  // Not called a stranger, in whole or in part, and not shown back.
  await expect(check.getByRole('listitem').filter({ hasText: 'no key of this application' })).toHaveCount(0);
  await expect(check.getByRole('list')).not.toContainText(ADMIN_KEY);
});

// ---- Expiry calendar ----

test('the expiry calendar has an event for each key that expires, and no key value', async ({ page }) => {
  const keys = await emulator.keys();
  const expiring = keys.filter((k) => k.validity > 0);
  await openAudit(page);
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download calendar (.ics)' }).click(),
  ]);
  expect(file.suggestedFilename()).toBe(`key-expiries-${APP_ID}.ics`);
  const text = await readFile(await file.path(), 'utf8');
  const unfolded = text.replace(/\r\n /g, '');
  expect(unfolded.match(/^BEGIN:VEVENT$/gm)).toHaveLength(expiring.length);
  for (const key of expiring) {
    expect(unfolded).toContain(`UID:${hashOf(key.value)}-${APP_ID}@keys-console`);
    expect(unfolded).toContain(`SUMMARY:Algolia key expires: ${key.description.replace(/[,;\\]/g, '\\$&')}`);
  }
  for (const key of keys) expect(text).not.toContain(key.value);
});
