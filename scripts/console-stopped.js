// Put before the wasm loader by scripts/externalize-loader.mjs, so it listens before the app starts.
// The release build aborts on a panic without unwinding and without running any panic hook
// (`-Cpanic=immediate-abort`, scripts/build.sh): the wasm traps, the app stops answering, and the
// browser reports the trap as an uncaught WebAssembly.RuntimeError (from an event handler or a task)
// or a rejected promise (from the start). Without this the page would look alive and ignore the user.
function showConsoleStopped(error) {
  if (!(error instanceof WebAssembly.RuntimeError) || document.getElementById('console-stopped')) return;
  const banner = document.createElement('div');
  banner.id = 'console-stopped';
  banner.className = 'notice error';
  banner.setAttribute('role', 'alert');
  const text = document.createElement('p');
  text.textContent = 'The console stopped after an internal error. Reload the page to go on.';
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.textContent = 'Reload';
  reload.addEventListener('click', () => location.reload());
  banner.append(text, reload);
  document.body.prepend(banner);
  reload.focus();
}
addEventListener('error', (event) => showConsoleStopped(event.error));
addEventListener('unhandledrejection', (event) => showConsoleStopped(event.reason));
