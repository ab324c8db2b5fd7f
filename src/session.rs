//! The signed-in session: the applications connected in this tab, each with its admin key in this
//! tab's sessionStorage and in memory, nowhere else. The session owns their lifecycle: locking
//! forgets every admin key, the loaded keys, the deleted trays and the rolls, but keeps each
//! application's ID, label, colour and hosts, so unlocking asks for the key alone; forgetting an
//! application (or all) removes everything the console stored for it.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::algolia::{Client, Credentials};
use crate::operations::Operations;
use crate::routes::{AppRoute, Page};
use crate::storage::{self, Entry};
use crate::store::KeyStore;

pub const DEFAULT_IDLE_MINUTES: usize = 15;

/// An application's colour, shown with its label on every page, so that nobody edits production
/// thinking it is staging.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Colour {
    #[default]
    Blue,
    Green,
    Amber,
    Red,
    Violet,
    Grey,
}

impl Colour {
    pub const ALL: [Colour; 6] =
        [Colour::Blue, Colour::Green, Colour::Amber, Colour::Red, Colour::Violet, Colour::Grey];

    pub fn name(self) -> &'static str {
        match self {
            Colour::Blue => "blue",
            Colour::Green => "green",
            Colour::Amber => "amber",
            Colour::Red => "red",
            Colour::Violet => "violet",
            Colour::Grey => "grey",
        }
    }

    pub fn named(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// Stored by name. Written by hand: serde's derive for an enum costs a kilobyte of wasm here.
impl Serialize for Colour {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Self::named(&name).ok_or_else(|| serde::de::Error::custom(format!("unknown colour “{name}”")))
    }
}

// Large only where signals carry their debug locations (native debug builds, where clippy looks):
// one per application, so boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone)]
pub enum AppState {
    /// `ops` runs the application's writes; they outlive the page that started them, not the
    /// connection.
    Connected { client: Client, ops: Operations, owner: Owner },
    /// Locked after being idle: the admin key is gone, the rest is kept for unlocking.
    Locked { hosts: Vec<String> },
}

/// What names an application and shows which it is.
#[derive(Clone, Debug, PartialEq)]
pub struct AppInfo {
    pub app_id: String,
    /// A short name the user chose ("prod", "staging").
    pub label: String,
    pub colour: Colour,
}

/// One application of the session: a handle, cheap to copy into the views that use it.
#[derive(Clone, Copy)]
pub struct Connection {
    info: StoredValue<AppInfo>,
    pub state: RwSignal<AppState>,
    /// Its keys as last loaded.
    pub store: KeyStore,
}

impl Connection {
    pub fn app_id(&self) -> String {
        self.info.with_value(|info| info.app_id.clone())
    }

    pub fn label(&self) -> String {
        self.info.with_value(|info| info.label.clone())
    }

    pub fn colour(&self) -> Colour {
        self.info.with_value(|info| info.colour)
    }

    fn is(&self, app_id: &str) -> bool {
        self.info.with_value(|info| info.app_id == app_id)
    }

    /// A page of this application.
    pub fn at(&self, page: Page) -> AppRoute {
        self.info.with_value(|info| page.of(&info.app_id))
    }

    pub fn client(&self) -> Option<Client> {
        self.state.with(|state| match state {
            AppState::Connected { client, .. } => Some(client.clone()),
            AppState::Locked { .. } => None,
        })
    }

    pub fn ops(&self) -> Option<Operations> {
        self.state.with(|state| match state {
            AppState::Connected { ops, .. } => Some(*ops),
            AppState::Locked { .. } => None,
        })
    }

    /// How confirmations name the application: `prod (ABCD1234)`.
    pub fn name(&self) -> String {
        self.info.with_value(
            |AppInfo { app_id, label, .. }| {
                if label == app_id { app_id.clone() } else { format!("{label} ({app_id})") }
            },
        )
    }

    /// Whether `value` is this application's admin key: pages compare through this rather than
    /// reading the key back out of the session.
    pub fn is_admin_key(&self, value: &str) -> bool {
        self.state.with(|state| match state {
            AppState::Connected { client, .. } => client.credentials().api_key == value,
            AppState::Locked { .. } => false,
        })
    }

    /// Where this application's admin key stands in `text` (the exposure check): the key itself
    /// never leaves the session.
    pub fn admin_key_in(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        self.state.with_untracked(|state| match state {
            AppState::Connected { client, .. } if !client.credentials().api_key.is_empty() => {
                let key = &client.credentials().api_key;
                text.match_indices(key.as_str()).map(|(at, _)| at..at + key.len()).collect()
            }
            AppState::Connected { .. } | AppState::Locked { .. } => Vec::new(),
        })
    }

    /// Forgets the admin key, the loaded keys, the tray and the rolls, and stops the application's writes.
    fn lock(&self) {
        let AppState::Connected { client, owner, .. } = self.state.get_untracked() else { return };
        self.store.clear();
        storage::remove(Entry::Tray(&self.app_id()));
        storage::remove(Entry::Rolls(&self.app_id()));
        self.state.set(AppState::Locked { hosts: client.credentials().hosts.clone() });
        // The application's views go with the state change, in the reactive system's next turn;
        // its writes and their signals go after them, so that no view reads a signal already gone.
        leptos::task::spawn_local(async move { owner.cleanup() });
    }

    fn stored(&self) -> StoredApp {
        let (hosts, api_key) = self.state.with_untracked(|state| match state {
            AppState::Connected { client, .. } => {
                let credentials = client.credentials();
                (credentials.hosts.clone(), Some(credentials.api_key.clone()))
            }
            AppState::Locked { hosts } => (hosts.clone(), None),
        });
        let AppInfo { app_id, label, colour } = self.info.get_value();
        StoredApp { app_id, label, colour, hosts, api_key }
    }
}

/// What sessionStorage holds of an application: its admin key only while connected. No `Debug`,
/// so that no log or panic message can carry the key.
#[derive(PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredApp {
    app_id: String,
    label: String,
    colour: Colour,
    hosts: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    api_key: Option<String>,
}

/// Applications as sessionStorage keeps them; nothing when the text is not such a list.
fn read_apps(text: &str) -> Vec<StoredApp> {
    serde_json::from_str(text).unwrap_or_default()
}

/// The applications of a text in the form sessionStorage keeps them, with their admin keys: what
/// `make run`'s local demo serves. Those without a key are left out.
pub fn connectable_apps(text: &str) -> Vec<(Credentials, String, Colour)> {
    read_apps(text)
        .into_iter()
        .filter_map(|StoredApp { app_id, label, colour, hosts, api_key }| {
            Some((Credentials { app_id, api_key: api_key?, hosts }, label, colour))
        })
        .collect()
}

/// The session, shared through context.
#[derive(Clone, Copy)]
pub struct Session {
    /// In the order they were connected.
    pub apps: RwSignal<Vec<Connection>>,
    pub idle_minutes: RwSignal<usize>,
    /// The app's own owner: each connection's writes run under a child of it, not under the page
    /// that connected.
    root: StoredValue<Owner>,
}

impl Session {
    /// Restores what this tab had, so a reload keeps the user signed in.
    pub fn restore() -> Self {
        // What a console of one application stored (its admin key among it): a tab open across
        // the upgrade connects again rather than keep a key nothing else would ever remove.
        storage::remove_legacy();
        let idle_minutes = storage::read(Entry::IdleMinutes)
            .and_then(|m| parse_idle_minutes(&m).ok())
            .unwrap_or(DEFAULT_IDLE_MINUTES);
        let session = Self {
            apps: RwSignal::new(Vec::new()),
            idle_minutes: RwSignal::new(idle_minutes),
            root: StoredValue::new(Owner::current().unwrap_or_default()),
        };
        let stored = storage::read(Entry::Apps).map_or_else(Vec::new, |text| read_apps(&text));
        let apps = stored.into_iter().map(|app| session.connection(app)).collect();
        session.apps.set(apps);
        session
    }

    fn connection(&self, app: StoredApp) -> Connection {
        let StoredApp { app_id, label, colour, hosts, api_key } = app;
        let store = self.root.with_value(|root| root.with(KeyStore::new));
        let state = match api_key {
            Some(api_key) => {
                self.connected(Client::new(Credentials { app_id: app_id.clone(), api_key, hosts }), store)
            }
            None => AppState::Locked { hosts },
        };
        self.new_connection(AppInfo { app_id, label, colour }, state, store)
    }

    fn new_connection(&self, info: AppInfo, state: AppState, store: KeyStore) -> Connection {
        self.root.with_value(|root| {
            root.with(|| Connection { info: StoredValue::new(info), state: RwSignal::new(state), store })
        })
    }

    fn connected(&self, client: Client, store: KeyStore) -> AppState {
        let owner = self.root.with_value(Owner::child);
        let app_id = client.credentials().app_id.clone();
        let ops = owner.with(|| Operations::new(store, app_id));
        AppState::Connected { client, ops, owner }
    }

    /// Whether any application holds its admin key: the idle lock watches while one does.
    pub fn any_connected(&self) -> bool {
        self.apps
            .with(|apps| apps.iter().any(|app| app.state.with(|s| matches!(s, AppState::Connected { .. }))))
    }

    /// The application with this ID, if connected (or locked) in this tab.
    pub fn find(&self, app_id: &str) -> Option<Connection> {
        self.apps.with(|apps| apps.iter().find(|app| app.is(app_id)).copied())
    }

    /// Adds an application whose key was just proven, or connects again one already here, keeping
    /// its place and taking the label and colour given. One already connected keeps its writes and
    /// its tray: only its client changes (a new key, or new hosts).
    pub fn connect(&self, client: Client, label: String, colour: Colour) -> Connection {
        let app_id = client.credentials().app_id.clone();
        let app = match self.find_untracked(&app_id) {
            Some(app) => {
                app.info.set_value(AppInfo { app_id, label, colour });
                let state = match app.state.get_untracked() {
                    AppState::Connected { ops, owner, .. } => AppState::Connected { client, ops, owner },
                    AppState::Locked { .. } => self.connected(client, app.store),
                };
                app.state.set(state);
                app
            }
            None => {
                let store = self.root.with_value(|root| root.with(KeyStore::new));
                let state = self.connected(client, store);
                let app = self.new_connection(AppInfo { app_id, label, colour }, state, store);
                self.apps.update(|apps| apps.push(app));
                app
            }
        };
        self.persist();
        app
    }

    /// Locks every application: each admin key is forgotten and asked for again.
    pub fn lock_all(&self) {
        self.apps.with_untracked(|apps| apps.iter().for_each(Connection::lock));
        self.persist();
    }

    /// Forgets one application: its key, its keys, its tray.
    pub fn forget(&self, app_id: &str) {
        let Some(app) = self.find_untracked(app_id) else { return };
        app.lock();
        self.apps.update(|apps| apps.retain(|a| !a.is(app_id)));
        self.persist();
    }

    /// Forgets everything: the console's own sessionStorage entries (not other apps'), the keys.
    pub fn forget_all(&self) {
        self.apps.with_untracked(|apps| apps.iter().for_each(Connection::lock));
        self.apps.set(Vec::new());
        storage::remove_all();
    }

    pub fn set_idle_minutes(&self, minutes: usize) {
        storage::write(Entry::IdleMinutes, &minutes.to_string());
        self.idle_minutes.set(minutes);
    }

    /// The first colour no connected application has, for the next one.
    pub fn next_colour(&self) -> Colour {
        self.apps.with_untracked(|apps| {
            Colour::ALL.into_iter().find(|c| apps.iter().all(|app| app.colour() != *c)).unwrap_or_default()
        })
    }

    pub fn find_untracked(&self, app_id: &str) -> Option<Connection> {
        self.apps.with_untracked(|apps| apps.iter().find(|app| app.is(app_id)).copied())
    }

    fn persist(&self) {
        let stored: Vec<StoredApp> =
            self.apps.with_untracked(|apps| apps.iter().map(Connection::stored).collect());
        if let Ok(json) = serde_json::to_string(&stored) {
            storage::write(Entry::Apps, &json);
        }
    }
}

/// Idle minutes before the session locks itself: a whole number from 1 to 1,440.
pub fn parse_idle_minutes(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(m @ 1..=1440) => Ok(m),
        _ => Err("Enter a whole number of minutes from 1 to 1440.".to_owned()),
    }
}

/// A label for an application: what the user typed, trimmed, or the application ID when empty.
/// Labels tell applications apart, so two cannot share one.
pub fn parse_label(text: &str, app_id: &str, taken: &[String]) -> Result<String, String> {
    let label = text.trim();
    let label = if label.is_empty() { app_id } else { label };
    if label.chars().count() > 20 {
        return Err("Keep the label to 20 characters or fewer.".to_owned());
    }
    if taken.iter().any(|t| t.eq_ignore_ascii_case(label)) {
        return Err(format!("Another application is labelled “{label}”: choose another label."));
    }
    Ok(label.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_minutes_are_validated() {
        assert_eq!(parse_idle_minutes(" 15 "), Ok(15));
        assert_eq!(parse_idle_minutes("1440"), Ok(1440));
        assert!(parse_idle_minutes("0").is_err());
        assert!(parse_idle_minutes("1.5").is_err());
        assert!(parse_idle_minutes("soon").is_err());
    }

    #[test]
    fn labels_default_to_the_id_and_are_unique() {
        assert_eq!(parse_label("  prod ", "APP1", &[]), Ok("prod".into()));
        assert_eq!(parse_label("", "APP1", &[]), Ok("APP1".into()));
        assert!(parse_label("Prod", "APP2", &["prod".into()]).is_err());
        assert!(parse_label("a very long label indeed", "APP1", &[]).is_err());
    }

    #[test]
    fn a_locked_application_stores_no_key() {
        let locked = StoredApp {
            app_id: "APP".into(),
            label: "prod".into(),
            colour: Colour::Red,
            hosts: vec![],
            api_key: None,
        };
        let json = serde_json::to_string(&locked).unwrap();
        assert_eq!(json, r#"{"appId":"APP","label":"prod","colour":"red","hosts":[]}"#);
        let connected = StoredApp { api_key: Some("s3cret".into()), ..locked };
        let back: StoredApp = serde_json::from_str(&serde_json::to_string(&connected).unwrap()).unwrap();
        assert!(back == connected);
    }

    #[test]
    fn the_local_demo_lists_applications_as_storage_keeps_them() {
        let text = r#"[{"appId":"A1","label":"prod","colour":"red","hosts":["http://127.0.0.1:1"],"apiKey":"k1"},
            {"appId":"A2","label":"locked","colour":"blue","hosts":[]}]"#;
        let apps = connectable_apps(text);
        assert_eq!(apps.len(), 1, "an application without its key cannot be connected");
        let (credentials, label, colour) = &apps[0];
        assert_eq!((credentials.app_id.as_str(), credentials.api_key.as_str()), ("A1", "k1"));
        assert_eq!(credentials.hosts, ["http://127.0.0.1:1"]);
        assert_eq!((label.as_str(), *colour), ("prod", Colour::Red));
        assert!(connectable_apps(r#"{"apps":[]}"#).is_empty());
    }

    #[test]
    fn colours_are_stored_by_name() {
        for colour in Colour::ALL {
            let json = serde_json::to_string(&colour).unwrap();
            assert_eq!(json, format!("\"{}\"", colour.name()));
            assert_eq!(serde_json::from_str::<Colour>(&json).unwrap(), colour);
        }
        assert!(serde_json::from_str::<Colour>(r#""pink""#).unwrap_err().to_string().contains("pink"));
    }

    #[test]
    fn stored_credentials_never_debug_print_the_key() {
        let credentials = Credentials { app_id: "APP".into(), api_key: "s3cret-admin".into(), hosts: vec![] };
        let printed = format!("{credentials:?} {credentials:#?}");
        assert!(!printed.contains("s3cret-admin"), "{printed}");
        assert!(printed.contains("APP"));
    }
}
