// Trunk's one post-build hook. Trunk starts the hooks of a stage together, and both steps rewrite
// index.html, so they run here one after the other: the loader is moved out first, then the
// files are shrunk and every integrity hash is set.
await import('./externalize-loader.mjs');
await import('./minify.mjs');
