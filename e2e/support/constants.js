export const APP_ID = 'E2EAPP';
// Distinctive, so a leak of it anywhere is easy to spot.
export const ADMIN_KEY = 'e2e-admin-8f3c2b1d9a7e4f60b5c1d2e3f4a5b6c7';
export const CONSOLE_PORT = 18080;
export const LISTENERS = [18787, 18788, 18789];
export const HOSTS = LISTENERS.map((port) => `http://127.0.0.1:${port}`);

// The staging application: a second emulator (`--demo staging`), whose keys overlap the production
// demo's with differences, for comparing and copying keys between applications.
export const STAGING_APP_ID = 'E2ESTAGE';
export const STAGING_ADMIN_KEY = 'e2e-staging-admin-2d6e9a0c4b8f1e3a7c5d9b0f2e4a6c8d';
export const STAGING_LISTENERS = [18790, 18791];
export const STAGING_HOSTS = STAGING_LISTENERS.map((port) => `http://127.0.0.1:${port}`);

// Both applications as `make run`'s local-demo.json lists them: as the console keeps applications
// in sessionStorage.
export const APPS = [
  { appId: APP_ID, label: 'prod', colour: 'red', hosts: HOSTS, apiKey: ADMIN_KEY },
  { appId: STAGING_APP_ID, label: 'staging', colour: 'green', hosts: STAGING_HOSTS, apiKey: STAGING_ADMIN_KEY },
];
