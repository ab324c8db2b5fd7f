// The emulator as the tests drive it from Node: its control API, and its REST API with the admin key.
import { expect } from '@playwright/test';
import { ADMIN_KEY, APP_ID, HOSTS } from './constants.js';

async function control(method, path, body) {
  const response = await fetch(`${HOSTS[0]}/__emulator/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBeTruthy();
  return response.json();
}

export const emulator = {
  reset: () => control('POST', 'reset', {}),
  advanceClock: (seconds) => control('POST', 'clock', { advanceSeconds: seconds }),
  setPropagation: (ms) => control('POST', 'propagation', { ms }),
  fault: (listener, fault, extra = {}) => control('POST', 'faults', { listener, fault, ...extra }),
  clearFaults: () => control('DELETE', 'faults'),

  /** Calls the key API with the admin key, as the console would. */
  async api(method, path, body) {
    const response = await fetch(`${HOSTS[0]}${path}`, {
      method,
      headers: {
        'x-algolia-application-id': APP_ID,
        'x-algolia-api-key': ADMIN_KEY,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  },

  async keys() {
    const { body } = await this.api('GET', '/1/keys');
    return body.keys;
  },

  async keyByDescription(description) {
    const key = (await this.keys()).find((k) => k.description === description);
    expect(key, `a key described "${description}"`).toBeTruthy();
    return key;
  },
};
