//! The `keys-emulator` binary as a developer runs it: its flags, its listener lines, its logs,
//! a clean stop on SIGTERM, and a `--data` file that survives a restart.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_keys-emulator");
const ADMIN_KEY: &str = "process-test-admin-key";

struct Running {
    child: Child,
    addrs: Vec<String>,
}

/// Starts the binary and reads one "listening on" line per listener.
fn spawn(extra: &[&str], listeners: usize) -> Running {
    let mut command = Command::new(BIN);
    command.args(["--app-id", "PROC", "--admin-key", ADMIN_KEY]);
    for _ in 0..listeners {
        command.args(["--listen", "127.0.0.1:0"]);
    }
    let mut child = command.args(extra).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addrs = (0..listeners)
        .map(|_| {
            let line = lines.next().expect("a listener line").unwrap();
            assert!(line.starts_with("keys-emulator listening on http://"), "{line}");
            line.split("http://").nth(1).unwrap().split(' ').next().unwrap().to_owned()
        })
        .collect();
    Running { child, addrs }
}

/// Sends SIGTERM and returns the exit status's success and everything written to stderr.
fn terminate(mut running: Running) -> (bool, String) {
    let pid = running.child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let status = running.child.wait().unwrap();
    let mut stderr = String::new();
    running.child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    (status.success(), stderr)
}

fn request(addr: &str, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let client = reqwest::Client::new();
        let mut request = client
            .request(method.parse().unwrap(), format!("http://{addr}{path}"))
            .header("x-algolia-application-id", "PROC")
            .header("x-algolia-api-key", ADMIN_KEY);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        (response.status().as_u16(), response.json().await.unwrap_or(Value::Null))
    })
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("keys-emulator-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn help_documents_every_flag() {
    let output = Command::new(BIN).arg("--help").output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for flag in [
        "--listen",
        "--app-id",
        "--admin-key",
        "--demo",
        "--seed",
        "--keys",
        "--propagation-ms",
        "--data",
        "--control",
    ] {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
}

#[test]
fn bad_arguments_are_refused_with_a_message() {
    for args in [
        vec!["--listen", "127.0.0.1:0", "--app-id", "A", "--admin-key", "K", "--demo", "--seed", "x.json"],
        vec!["--listen", "127.0.0.1:0", "--app-id", "A", "--admin-key", "K", "--keys", "100001"],
        vec!["--listen", "127.0.0.1:0", "--app-id", "A", "--admin-key", "K", "--demo", "preprod"],
        vec!["--listen", "nowhere", "--app-id", "A", "--admin-key", "K"],
        vec!["--app-id", "A", "--admin-key", "K"],
    ] {
        let output = Command::new(BIN).args(&args).output().unwrap();
        assert!(!output.status.success(), "{args:?}");
        assert!(!output.stderr.is_empty(), "{args:?}");
    }
    let missing_seed = Command::new(BIN)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--app-id",
            "A",
            "--admin-key",
            "K",
            "--seed",
            "/nonexistent/seed.json",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&missing_seed.stderr).contains("cannot read /nonexistent/seed.json"));
}

#[test]
fn every_listener_serves_one_shared_state_and_logs_mask_keys() {
    let running = spawn(&["--demo"], 3);
    assert_eq!(running.addrs.len(), 3);
    let (status, created) = request(&running.addrs[0], "POST", "/1/keys", Some(json!({"acl": ["search"]})));
    assert_eq!(status, 200);
    let value = created["key"].as_str().unwrap().to_owned();
    for addr in &running.addrs {
        let (status, key) = request(addr, "GET", &format!("/1/keys/{value}"), None);
        assert_eq!((status, key["value"].as_str()), (200, Some(value.as_str())));
    }
    let (status, listed) = request(&running.addrs[2], "GET", "/1/keys", None);
    assert_eq!(status, 200);
    assert!(listed["keys"].as_array().unwrap().len() > 25, "the demo keys are there");

    let (stopped_cleanly, log) = terminate(running);
    assert!(stopped_cleanly, "SIGTERM ends the process with success");
    assert!(log.contains("[0] POST /1/keys 200 "), "{log}");
    assert!(log.contains(&format!("[2] GET /1/keys/{}… 200 ", &value[..4])), "{log}");
    assert!(!log.contains(&value), "the key value is masked in the log");
    assert!(!log.contains(ADMIN_KEY), "the admin key is never logged");
}

#[test]
fn demo_staging_starts_the_staging_application_beside_production() {
    let descriptions = |running: &Running| -> Vec<String> {
        let (_, listed) = request(&running.addrs[0], "GET", "/1/keys", None);
        let keys = listed["keys"].as_array().unwrap();
        keys.iter().map(|k| k["description"].as_str().unwrap_or_default().to_owned()).collect()
    };
    // `--demo` alone, before another flag, is still the production demo.
    let production = spawn(&["--demo", "--propagation-ms", "0"], 1);
    let staging = spawn(&["--demo", "staging"], 1);
    let (production_keys, staging_keys) = (descriptions(&production), descriptions(&staging));
    assert_eq!((production_keys.len(), staging_keys.len()), (31, 29));
    let shared = staging_keys.iter().filter(|d| production_keys.contains(d)).count();
    assert_eq!(shared, 23, "descriptions in both applications");
    assert!(staging_keys.contains(&"QA automation (end-to-end tests)".to_owned()));

    let (_, indices) = request(&staging.addrs[0], "GET", "/1/indexes", None);
    let names: Vec<&str> =
        indices["items"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"staging_products"), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("prod_")), "{names:?}");

    let explicit = spawn(&["--demo=production"], 1);
    assert_eq!(descriptions(&explicit), production_keys);
    for running in [production, staging, explicit] {
        assert!(terminate(running).0);
    }
}

#[test]
fn the_data_file_survives_a_restart() {
    let dir = temp_dir("data");
    let data = dir.join("state.json");
    let data_arg = data.to_str().unwrap();

    let first = spawn(&["--data", data_arg, "--demo"], 1);
    let (_, created) =
        request(&first.addrs[0], "POST", "/1/keys", Some(json!({"acl": ["search"], "description": "kept"})));
    let value = created["key"].as_str().unwrap().to_owned();
    let (_, listed) = request(&first.addrs[0], "GET", "/1/keys", None);
    let count = listed["keys"].as_array().unwrap().len();
    let doomed = listed["keys"][0]["value"].as_str().unwrap().to_owned();
    request(&first.addrs[0], "DELETE", &format!("/1/keys/{doomed}"), None);
    assert!(terminate(first).0);
    assert_no_temporary_files(&dir);

    let second = spawn(&["--data", data_arg, "--demo"], 1);
    let (status, key) = request(&second.addrs[0], "GET", &format!("/1/keys/{value}"), None);
    assert_eq!((status, key["description"].as_str()), (200, Some("kept")));
    let (_, listed) = request(&second.addrs[0], "GET", "/1/keys", None);
    assert_eq!(listed["keys"].as_array().unwrap().len(), count - 1, "the same keys, not a fresh demo");
    let (status, _) = request(&second.addrs[0], "POST", &format!("/1/keys/{doomed}/restore"), None);
    assert_eq!(status, 200, "deleted keys stay restorable across a restart");
    assert!(terminate(second).0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_corrupt_data_file_is_reported_not_overwritten() {
    let dir = temp_dir("corrupt");
    let data = dir.join("state.json");
    std::fs::write(&data, "{\"keys\": ").unwrap();
    let output = Command::new(BIN)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--app-id",
            "A",
            "--admin-key",
            "K",
            "--data",
            data.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read the data file"));
    assert_eq!(std::fs::read_to_string(&data).unwrap(), "{\"keys\": ");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_seed_file_and_generated_keys_make_the_starting_state() {
    let dir = temp_dir("seed");
    let seed = dir.join("seed.json");
    let seed_json = json!({
        "keys": [{"value": "0123456789abcdef0123456789abcdef", "acl": ["search"], "description": "seeded"}],
        "indices": [{"name": "movies", "entries": 10}]
    });
    std::fs::write(&seed, seed_json.to_string()).unwrap();
    let running = spawn(&["--seed", seed.to_str().unwrap(), "--keys", "500"], 1);
    let (_, listed) = request(&running.addrs[0], "GET", "/1/keys", None);
    let keys = listed["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 501);
    assert_eq!(keys[0]["description"], "seeded");
    let (_, indices) = request(&running.addrs[0], "GET", "/1/indexes", None);
    assert_eq!(indices["items"][0]["name"], "movies");
    assert!(terminate(running).0);
    std::fs::remove_dir_all(&dir).unwrap();
}

fn assert_no_temporary_files(dir: &Path) {
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["state.json"]);
}
