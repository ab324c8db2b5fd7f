//! Performance marks, read by the benchmark (`bench/table.mjs`); harmless anywhere else.

/// A mark on the page's performance timeline.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}
