export const APP_ID = 'E2EAPP';
// Distinctive, so a leak of it anywhere is easy to spot.
export const ADMIN_KEY = 'e2e-admin-8f3c2b1d9a7e4f60b5c1d2e3f4a5b6c7';
export const CONSOLE_PORT = 18080;
export const LISTENERS = [18787, 18788, 18789];
export const HOSTS = LISTENERS.map((port) => `http://127.0.0.1:${port}`);
