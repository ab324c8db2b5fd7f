use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use keys_emulator::clock::Clock;
use keys_emulator::snapshot::Snapshot;
use keys_emulator::{Config, persist, seed};

/// A local emulator of Algolia's API-key REST API (the /1/keys endpoints and GET /1/indexes).
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Address to serve on, e.g. 127.0.0.1:8787 (port 0 picks a free one). Repeat it to give the
    /// application several hosts over one shared state: the first is the primary, the rest fallbacks.
    #[arg(long = "listen", value_name = "ADDR", required = true)]
    listen: Vec<SocketAddr>,
    /// The application ID clients must send.
    #[arg(long, value_name = "ID")]
    app_id: String,
    /// The admin API key clients must send for admin endpoints. It is never listed as a key.
    #[arg(long, value_name = "KEY")]
    admin_key: String,
    /// Start with a realistic demo application: about 30 keys and 20 indices. `--demo staging`
    /// starts its staging counterpart instead, whose keys overlap production's with differences.
    #[arg(
        long,
        value_name = "APP",
        num_args = 0..=1,
        default_missing_value = "production",
        conflicts_with = "seed"
    )]
    demo: Option<Demo>,
    /// Start with the keys and indices of a JSON seed file (its format is in the README).
    #[arg(long, value_name = "FILE")]
    seed: Option<PathBuf>,
    /// Add this many generated keys, for performance work.
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=100_000))]
    keys: u32,
    /// Make writes visible to reads only this many milliseconds after they are accepted, as
    /// Algolia's asynchronous propagation does.
    #[arg(long, value_name = "N", default_value_t = 0)]
    propagation_ms: u64,
    /// Keep the state in this file across restarts; it is rewritten atomically after every change.
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    /// Enable the control API under /__emulator/: reset the state, move the clock, script faults.
    #[arg(long)]
    control: bool,
}

/// The demo applications.
#[derive(Clone, Copy, ValueEnum)]
enum Demo {
    /// The production application (`--demo` alone).
    Production,
    /// A staging application: some keys identical to production's, some different, some missing
    /// or only there, and its own indices.
    Staging,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => return fail(format!("cannot start the runtime: {e}")),
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(message),
    }
}

fn fail(message: String) -> ExitCode {
    eprintln!("keys-emulator: {message}");
    ExitCode::FAILURE
}

async fn run(cli: Cli) -> Result<(), String> {
    let now_ms = Clock::default().now_ms();
    let mut initial = match (&cli.seed, cli.demo) {
        (Some(path), _) => seed::from_file(path, now_ms)?,
        (None, Some(Demo::Production)) => seed::demo(now_ms),
        (None, Some(Demo::Staging)) => seed::staging_demo(now_ms),
        (None, None) => Snapshot::default(),
    };
    seed::generate(&mut initial, cli.keys as usize, now_ms);
    let saved = match &cli.data {
        Some(path) => persist::read(path).map_err(|e| format!("cannot read the data file: {e}"))?,
        None => None,
    };

    let server = keys_emulator::start(Config {
        listen: cli.listen,
        app_id: cli.app_id,
        admin_key: cli.admin_key,
        initial,
        saved,
        propagation_ms: cli.propagation_ms,
        data_file: cli.data,
        control: cli.control,
    })
    .await
    .map_err(|e| format!("cannot start: {e}"))?;

    for (i, addr) in server.addrs.iter().enumerate() {
        let role = if i == 0 { "primary host".to_owned() } else { format!("fallback host {i}") };
        println!("keys-emulator listening on http://{addr} ({role})");
    }

    stop_signal().await;
    eprintln!("keys-emulator: stopping");
    server.shutdown().await;
    Ok(())
}

/// Ctrl-C or SIGTERM.
async fn stop_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(signal) => signal,
            Err(_) => {
                let _ = interrupt.await;
                return;
            }
        };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}
