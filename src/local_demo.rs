//! The local demo: `make run` serves `local-demo.json` beside the console with the credentials of
//! its emulated applications, so a newcomer connects them all in one click. A real deployment has
//! no such file, and the release build embeds no credentials.

use crate::algolia::Credentials;
use crate::algolia::fetch::{self, Method};
use crate::session::{Colour, connectable_apps};

/// The demo's applications, each with its label and colour, if this server offers them. The file
/// lists them as sessionStorage keeps applications (`session.rs`), so one reader serves both.
pub async fn fetch() -> Option<Vec<(Credentials, String, Colour)>> {
    let response = fetch::send(Method::Get, "local-demo.json", &[], None, None).await.ok()?;
    if response.status() != 200 {
        return None;
    }
    let text = String::from_utf8(response.bytes().await.ok()?).ok()?;
    Some(connectable_apps(&text)).filter(|apps| !apps.is_empty())
}
