// Algolia's official JavaScript client (v5), pointed at the emulator as a custom host, runs the
// whole key life cycle and its waitForApiKey helper with and without a propagation delay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { algoliasearch } from 'algoliasearch';

const APP_ID = 'JSCLIENTAPP';
const ADMIN_KEY = 'js-client-test-admin-key';
const BINARY =
  process.env.KEYS_EMULATOR_BIN ?? fileURLToPath(new URL('../../target/debug/keys-emulator', import.meta.url));

/** Starts the emulator on a free port and resolves with its address once it accepts connections. */
function startEmulator(t, extraArgs = []) {
  const args = ['--listen', '127.0.0.1:0', '--app-id', APP_ID, '--admin-key', ADMIN_KEY, ...extraArgs];
  const child = spawn(BINARY, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => child.kill('SIGTERM'));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`keys-emulator exited early with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      const match = line.match(/http:\/\/([\d.]+):(\d+)/);
      if (match) resolve({ host: match[1], port: Number(match[2]) });
      else reject(new Error(`unexpected first line: ${line}`));
    });
  });
}

function clientFor({ host, port }) {
  return algoliasearch(APP_ID, ADMIN_KEY, {
    hosts: [{ url: host, port, protocol: 'http', accept: 'readWrite' }],
  });
}

async function lifeCycle(client, { propagating }) {
  const created = await client.addApiKey({ acl: ['search'], description: 'made by algoliasearch', indexes: ['prod_*'] });
  assert.match(created.key, /^[0-9a-f]{32}$/);
  assert.ok(!Number.isNaN(Date.parse(created.createdAt)));
  if (propagating) {
    await assert.rejects(client.getApiKey({ key: created.key }), { status: 404 }, 'not visible yet');
  }
  await client.waitForApiKey({ operation: 'add', key: created.key });

  const fetched = await client.getApiKey({ key: created.key });
  assert.equal(fetched.value, created.key);
  assert.deepEqual(fetched.acl, ['search']);
  assert.equal(fetched.description, 'made by algoliasearch');

  const update = { acl: ['search', 'browse'], description: 'updated by algoliasearch', indexes: ['prod_*'], validity: 0 };
  const updated = await client.updateApiKey({ key: created.key, apiKey: update });
  assert.equal(updated.key, created.key);
  assert.ok(updated.updatedAt);
  await client.waitForApiKey({ operation: 'update', key: created.key, apiKey: update });

  const listed = await client.listApiKeys();
  const mine = listed.keys.find((k) => k.value === created.key);
  assert.deepEqual(mine.acl, ['search', 'browse']);

  const deleted = await client.deleteApiKey({ key: created.key });
  assert.ok(deleted.deletedAt);
  if (propagating) {
    await assert.rejects(client.restoreApiKey({ key: created.key }), { status: 404, message: /Key already exists/ });
  }
  await client.waitForApiKey({ operation: 'delete', key: created.key });

  const restored = await client.restoreApiKey({ key: created.key });
  assert.equal(restored.key, created.key);
  await client.waitForApiKey({ operation: 'add', key: created.key });
  const again = await client.listApiKeys();
  assert.ok(again.keys.some((k) => k.value === created.key));
}

test('the official client runs the key life cycle', async (t) => {
  const emulator = await startEmulator(t);
  await lifeCycle(clientFor(emulator), { propagating: false });
});

test('waitForApiKey waits out a propagation delay', async (t) => {
  const emulator = await startEmulator(t, ['--propagation-ms', '700']);
  await lifeCycle(clientFor(emulator), { propagating: true });
});

test('errors come back as the client expects them', async (t) => {
  const emulator = await startEmulator(t);
  const client = clientFor(emulator);
  await assert.rejects(client.getApiKey({ key: 'does-not-exist' }), { status: 404, message: 'Key does not exist' });
  const wrong = algoliasearch(APP_ID, 'not-the-admin-key', {
    hosts: [{ url: emulator.host, port: emulator.port, protocol: 'http', accept: 'readWrite' }],
  });
  await assert.rejects(wrong.listApiKeys(), { status: 403, message: 'Invalid Application-ID or API key' });
});
