//! The listeners: one router per "host" of the application, all over one shared state.

use std::convert::Infallible;
use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, Method};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;
use tower::ServiceExt;
use tower_http::cors::{Any, CorsLayer};

use crate::api;
use crate::app::App;
use crate::control;
use crate::faults::Faults;
use crate::middleware::{self, is_dropped};
use crate::snapshot::Snapshot;
use crate::state::{Listener, Shared};

/// Larger bodies get 413. A key body is a few hundred bytes; this leaves room for long descriptions.
pub const MAX_BODY_BYTES: usize = 100 * 1024;

pub struct Config {
    pub listen: Vec<SocketAddr>,
    pub app_id: String,
    pub admin_key: String,
    /// The state `reset` returns to.
    pub initial: Snapshot,
    /// A saved state to start from instead (from `--data`).
    pub saved: Option<Snapshot>,
    pub propagation_ms: u64,
    pub data_file: Option<PathBuf>,
    pub control: bool,
}

/// A running emulator; dropping it without `shutdown` leaves the listeners running until the runtime ends.
pub struct Server {
    pub addrs: Vec<SocketAddr>,
    stop: watch::Sender<bool>,
    tasks: JoinSet<()>,
}

pub async fn start(config: Config) -> io::Result<Server> {
    let mut listeners = Vec::new();
    for addr in &config.listen {
        listeners.push(TcpListener::bind(addr).await?);
    }
    let addrs = listeners.iter().map(TcpListener::local_addr).collect::<io::Result<Vec<_>>>()?;

    let mut app =
        App::new(config.app_id, config.admin_key, config.initial, config.propagation_ms, config.data_file);
    if let Some(saved) = config.saved {
        app.load(saved);
    }
    app.save()?;
    let shared = Shared {
        app: Arc::new(Mutex::new(app)),
        faults: Arc::new(Faults::new(addrs.len())),
        addrs: Arc::new(addrs.clone()),
    };

    let (stop, stopped) = watch::channel(false);
    let mut tasks = JoinSet::new();
    for (index, listener) in listeners.into_iter().enumerate() {
        let router = router(Listener { index, shared: shared.clone() }, config.control);
        tasks.spawn(accept(listener, router, stopped.clone()));
    }
    Ok(Server { addrs, stop, tasks })
}

impl Server {
    /// Stops accepting, closes open connections and waits for the listeners to finish.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        while self.tasks.join_next().await.is_some() {}
    }
}

fn router(listener: Listener, control: bool) -> Router {
    let mut routes = Router::new()
        .route("/1/keys", get(api::list_keys).post(api::create_key))
        .route("/1/keys/{key}", get(api::get_key).put(api::update_key).delete(api::delete_key))
        .route("/1/keys/{key}/restore", post(api::restore_key))
        .route("/1/indexes", get(api::list_indices));
    if control {
        routes = routes
            .route("/__emulator/reset", post(control::reset))
            .route("/__emulator/clock", get(control::clock).post(control::advance_clock))
            .route("/__emulator/propagation", post(control::set_propagation))
            .route("/__emulator/faults", post(control::script_fault).delete(control::clear_faults));
    }
    routes
        .fallback(middleware::not_found)
        .with_state(listener.shared.clone())
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(from_fn(middleware::json_errors))
        .layer(from_fn_with_state(listener.clone(), middleware::faults))
        .layer(cors())
        .layer(from_fn_with_state(listener, middleware::log))
}

/// Algolia allows any origin, and exactly its two credential headers plus `content-type`: a browser
/// client that adds any other header fails its preflight, here as there.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([
            HeaderName::from_static("content-type"),
            HeaderName::from_static("x-algolia-application-id"),
            HeaderName::from_static("x-algolia-api-key"),
        ])
        .max_age(Duration::from_secs(86_400))
}

/// The error a connection's service returns to make hyper close it without an answer.
#[derive(Debug)]
struct Dropped;

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("connection dropped by a scripted fault")
    }
}

impl std::error::Error for Dropped {}

/// Serves connections by hand rather than through `axum::serve`, so that a scripted fault can drop
/// a connection without answering.
async fn accept(listener: TcpListener, router: Router, mut stopped: watch::Receiver<bool>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = stopped.changed() => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let router = router.clone();
                let mut stopped = stopped.clone();
                connections.spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        let router = router.clone();
                        async move {
                            let response = router.oneshot(request.map(axum::body::Body::new)).await;
                            let response = response.unwrap_or_else(|e: Infallible| match e {});
                            if is_dropped(&response) { Err(Dropped) } else { Ok(response) }
                        }
                    });
                    let connection = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
                    tokio::select! {
                        _ = connection => {}
                        _ = stopped.changed() => {}
                    }
                });
            }
        }
        while connections.try_join_next().is_some() {}
    }
    connections.shutdown().await;
}
