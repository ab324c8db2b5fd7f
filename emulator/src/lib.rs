//! A local emulator of Algolia's API-key endpoints, faithful in everything a client can observe:
//! authentication, whole-key updates, validity countdown and expiry, restore with its 1,000-key
//! window, asynchronous propagation, CORS, and Algolia's error bodies. Optional controls reset the
//! state, move the clock and script network faults, for tests.

pub mod api;
pub mod app;
pub mod auth;
pub mod clock;
pub mod control;
pub mod error;
pub mod faults;
pub mod index;
pub mod key;
pub mod middleware;
pub mod persist;
pub mod seed;
pub mod server;
pub mod snapshot;
pub mod state;
pub mod store;

pub use server::{Config, Server, start};
