//! The local demo: `make run` serves `local-demo.json` beside the console with the credentials of
//! its emulated applications, so a newcomer connects them all in one click. A real deployment has
//! no such file, and the release build embeds no credentials.

use serde::Deserialize;

use crate::algolia::Credentials;
use crate::algolia::fetch::{self, Method};

#[derive(Deserialize)]
struct LocalDemo {
    apps: Vec<DemoApp>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DemoApp {
    label: String,
    app_id: String,
    api_key: String,
    hosts: Vec<String>,
}

/// The demo's applications, each with its label, if this server offers them.
pub async fn fetch() -> Option<Vec<(Credentials, String)>> {
    let response = fetch::send(Method::Get, "local-demo.json", &[], None, None).await.ok()?;
    if response.status() != 200 {
        return None;
    }
    // From a text, as every other answer is read: one reader's code in the bundle, not two.
    let text = String::from_utf8(response.bytes().await.ok()?).ok()?;
    let demo: LocalDemo = serde_json::from_str(&text).ok()?;
    let apps = demo
        .apps
        .into_iter()
        .map(|app| (Credentials { app_id: app.app_id, api_key: app.api_key, hosts: app.hosts }, app.label));
    Some(apps.collect()).filter(|apps: &Vec<_>| !apps.is_empty())
}
