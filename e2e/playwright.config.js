// End-to-end tests: the release build served by nginx under /console/ with the shipped
// configuration, talking to the emulator, in Debian's headless Chromium.
import { defineConfig } from '@playwright/test';
import { APP_ID, ADMIN_KEY, CONSOLE_PORT, LISTENERS } from './support/constants.js';

const root = new URL('..', import.meta.url).pathname;
const hosts = LISTENERS.map((port) => `http://127.0.0.1:${port}`).join(' ');

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
    {
      command: [
        `${root}target/debug/keys-emulator`,
        ...LISTENERS.flatMap((port) => ['--listen', `127.0.0.1:${port}`]),
        '--app-id', APP_ID, '--admin-key', ADMIN_KEY, '--demo', '--propagation-ms', '300', '--control',
      ].join(' '),
      url: `http://127.0.0.1:${LISTENERS[0]}/__emulator/clock`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'ignore',
    },
    {
      command: `bash ${root}scripts/serve.sh ${CONSOLE_PORT} /console/ ${root}dist "${hosts}"`,
      url: `http://127.0.0.1:${CONSOLE_PORT}/console/`,
      reuseExistingServer: false,
    },
  ],
});
