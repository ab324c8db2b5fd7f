//! An emulator started in-process on free ports, and a client that speaks to it as Algolia's would.

#![allow(dead_code)] // each test file uses a different part of this helper

use std::time::Duration;

use keys_emulator::snapshot::Snapshot;
use keys_emulator::{Config, Server};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

pub const APP_ID: &str = "TESTAPP";
pub const ADMIN_KEY: &str = "test-admin-key-0123456789abcdef";

pub struct Emulator {
    pub server: Server,
    pub client: reqwest::Client,
}

pub struct Options {
    pub listeners: usize,
    pub propagation_ms: u64,
    pub initial: Snapshot,
    pub control: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self { listeners: 1, propagation_ms: 0, initial: Snapshot::default(), control: true }
    }
}

pub async fn start(options: Options) -> Emulator {
    let server = keys_emulator::start(Config {
        listen: vec!["127.0.0.1:0".parse().unwrap(); options.listeners],
        app_id: APP_ID.into(),
        admin_key: ADMIN_KEY.into(),
        initial: options.initial,
        saved: None,
        propagation_ms: options.propagation_ms,
        data_file: None,
        control: options.control,
    })
    .await
    .expect("the emulator starts");
    Emulator { server, client: reqwest::Client::new() }
}

/// A response reduced to what tests look at.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
}

impl Reply {
    pub fn message(&self) -> &str {
        self.body["message"].as_str().unwrap_or_default()
    }
}

impl Emulator {
    pub fn url(&self, listener: usize, path: &str) -> String {
        format!("http://{}{path}", self.server.addrs[listener])
    }

    /// A request with the given API key (`None`: no credentials) to listener 0.
    pub async fn call_as(&self, key: Option<&str>, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut request = self.client.request(method, self.url(0, path));
        if let Some(key) = key {
            request = request.header("x-algolia-application-id", APP_ID).header("x-algolia-api-key", key);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        reply(request.send().await.expect("the request is answered")).await
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        self.call_as(Some(ADMIN_KEY), method, path, body).await
    }

    pub async fn create(&self, body: Value) -> String {
        let reply = self.call(Method::POST, "/1/keys", Some(body)).await;
        assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
        reply.body["key"].as_str().unwrap().to_owned()
    }

    pub async fn get(&self, key: &str) -> Reply {
        self.call(Method::GET, &format!("/1/keys/{key}"), None).await
    }

    pub async fn list(&self) -> Vec<Value> {
        let reply = self.call(Method::GET, "/1/keys", None).await;
        assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
        reply.body["keys"].as_array().unwrap().clone()
    }

    pub async fn listed(&self, key: &str) -> bool {
        self.list().await.iter().any(|k| k["value"] == key)
    }

    pub async fn control(&self, method: Method, path: &str, body: Value) -> Reply {
        let request = self.client.request(method, self.url(0, &format!("/__emulator/{path}"))).json(&body);
        reply(request.send().await.expect("the control API answers")).await
    }

    pub async fn advance_clock(&self, seconds: u64) {
        let reply = self.control(Method::POST, "clock", json!({ "advanceSeconds": seconds })).await;
        assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
    }
}

pub async fn reply(response: reqwest::Response) -> Reply {
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Reply { status, body }
}

pub async fn sleep_ms(ms: u64) {
    tokio::time::sleep(Duration::from_millis(ms)).await;
}
