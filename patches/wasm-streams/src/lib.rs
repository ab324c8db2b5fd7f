//! The part of wasm-streams' API that Leptos's server functions (`server_fn`'s browser client)
//! compile against: `server_fn` 0.8's `src/request/browser.rs` (`from_stream`, `into_raw`) and
//! `src/response/browser.rs` (`from_raw`, `into_stream`). This console has no server functions, so
//! none of it ever runs; a Leptos update that uses more fails to compile here, it cannot go unseen.
//!
//! wasm-streams exports three JavaScript classes through `#[wasm_bindgen]`; the linker keeps every
//! export, and with them the streams' code, in the wasm. Nothing here is exported.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::Stream;
use wasm_bindgen::JsValue;

/// A browser `ReadableStream`.
pub struct ReadableStream {
    raw: web_sys::ReadableStream,
}

impl ReadableStream {
    pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
        Self { raw }
    }

    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.raw
    }

    /// A stream made from a Rust stream: only a server function's streaming request makes one.
    pub fn from_stream<St>(_stream: St) -> Self
    where
        St: Stream<Item = Result<JsValue, JsValue>> + 'static,
    {
        unimplemented!("this app has no server functions")
    }

    /// The stream read from Rust: only a server function's streaming response reads one.
    pub fn into_stream(self) -> IntoStream {
        unimplemented!("this app has no server functions")
    }
}

/// A `ReadableStream` read as a Rust stream: none can exist.
pub enum IntoStream {}

impl Stream for IntoStream {
    type Item = Result<JsValue, JsValue>;

    fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        match *self {}
    }
}
