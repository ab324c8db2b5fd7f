// The emulators as the tests drive them from Node: their control API, and their REST API with the
// admin key. `emulator` is the production application's, `stagingEmulator` the staging one's.
import { expect } from '@playwright/test';
import { ADMIN_KEY, APP_ID, HOSTS, STAGING_ADMIN_KEY, STAGING_APP_ID, STAGING_HOSTS } from './constants.js';

/** The emulator of one application, reached at its primary host. */
export function emulatorFor({ appId, apiKey, hosts }) {
  async function control(method, path, body) {
    const response = await fetch(`${hosts[0]}/__emulator/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.ok, `${appId}: ${method} ${path}: ${response.status}`).toBeTruthy();
    return response.json();
  }

  return {
    appId,
    reset: () => control('POST', 'reset', {}),
    advanceClock: (seconds) => control('POST', 'clock', { advanceSeconds: seconds }),
    setPropagation: (ms) => control('POST', 'propagation', { ms }),
    fault: (listener, fault, extra = {}) => control('POST', 'faults', { listener, fault, ...extra }),
    clearFaults: () => control('DELETE', 'faults'),

    /** Calls the key API with the admin key, as the console would. */
    async api(method, path, body) {
      const response = await fetch(`${hosts[0]}${path}`, {
        method,
        headers: {
          'x-algolia-application-id': appId,
          'x-algolia-api-key': apiKey,
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
      expect(key, `a key described "${description}" in ${appId}`).toBeTruthy();
      return key;
    },
  };
}

export const emulator = emulatorFor({ appId: APP_ID, apiKey: ADMIN_KEY, hosts: HOSTS });
export const stagingEmulator = emulatorFor({ appId: STAGING_APP_ID, apiKey: STAGING_ADMIN_KEY, hosts: STAGING_HOSTS });
