// End-to-end tests: the release build served by nginx under /console/ with the shipped
// configuration, talking to two emulated applications (the production demo and its staging
// counterpart), in Debian's headless Chromium.
import { defineConfig } from '@playwright/test';
import {
  APP_ID, ADMIN_KEY, CONSOLE_PORT, LISTENERS, STAGING_APP_ID, STAGING_ADMIN_KEY, STAGING_LISTENERS,
} from './support/constants.js';

const root = new URL('..', import.meta.url).pathname;
const hosts = [...LISTENERS, ...STAGING_LISTENERS].map((port) => `http://127.0.0.1:${port}`).join(' ');

/** One emulated application, its demo state, with the suite's propagation delay and controls. */
function emulatorServer(appId, adminKey, listeners, demo) {
  return {
    command: [
      `${root}target/debug/keys-emulator`,
      ...listeners.flatMap((port) => ['--listen', `127.0.0.1:${port}`]),
      '--app-id', appId, '--admin-key', adminKey, '--demo', demo, '--propagation-ms', '300', '--control',
    ].join(' '),
    url: `http://127.0.0.1:${listeners[0]}/__emulator/clock`,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'ignore',
  };
}

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${CONSOLE_PORT}/console/`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'off',
  },
  webServer: [
    emulatorServer(APP_ID, ADMIN_KEY, LISTENERS, 'production'),
    emulatorServer(STAGING_APP_ID, STAGING_ADMIN_KEY, STAGING_LISTENERS, 'staging'),
    {
      command: `bash ${root}scripts/serve.sh ${CONSOLE_PORT} /console/ ${root}dist "${hosts}"`,
      url: `http://127.0.0.1:${CONSOLE_PORT}/console/`,
      reuseExistingServer: false,
    },
  ],
});
