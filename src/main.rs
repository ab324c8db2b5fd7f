fn main() {
    // The release build aborts on a panic before any hook could run (`-Cpanic=immediate-abort`,
    // scripts/build.sh); the page's loader tells the user instead (scripts/console-stopped.js).
    // Other builds (`trunk serve`, debug) still print the panic message in the console.
    #[cfg(not(panic = "immediate-abort"))]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(keys_console::App);
}
