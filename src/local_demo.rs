//! The local demo: `make run` serves `local-demo.json` beside the console with the emulator's
//! credentials, so a newcomer connects in one click. A real deployment has no such file, and the
//! release build embeds no credentials.

use gloo_net::http::Request;
use serde::Deserialize;

use crate::algolia::Credentials;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LocalDemo {
    app_id: String,
    api_key: String,
    hosts: Vec<String>,
}

/// The demo's credentials, if this server offers them.
pub async fn fetch() -> Option<Credentials> {
    let response = Request::get("local-demo.json").send().await.ok()?;
    if !response.ok() {
        return None;
    }
    let demo: LocalDemo = serde_json::from_str(&response.text().await.ok()?).ok()?;
    Some(Credentials { app_id: demo.app_id, api_key: demo.api_key, hosts: demo.hosts })
}
