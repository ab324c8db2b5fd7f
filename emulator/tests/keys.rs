//! Every key endpoint and the semantics that bite: whole-key updates, the validity countdown and
//! expiry, restore and its 1,000-key window, and asynchronous propagation.

mod common;

use common::{Options, start};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn is_rfc3339(value: &Value) -> bool {
    let text = value.as_str().unwrap_or_default();
    text.len() >= 20 && text.as_bytes()[10] == b'T' && text.ends_with('Z')
}

fn full_key() -> Value {
    json!({
        "acl": ["search", "browse"],
        "description": "Storefront",
        "indexes": ["prod_*"],
        "referers": ["https://shop.example.com/*"],
        "queryParameters": "typoTolerance=strict&restrictSources=192.168.1.0/24",
        "maxHitsPerQuery": 20,
        "maxQueriesPerIPPerHour": 1000,
        "validity": 3600
    })
}

#[tokio::test]
async fn create_get_list_update_delete_restore() {
    let emulator = start(Options::default()).await;

    let created = emulator.call(Method::POST, "/1/keys", Some(full_key())).await;
    assert_eq!(created.status, StatusCode::OK);
    let value = created.body["key"].as_str().unwrap().to_owned();
    assert_eq!(value.len(), 32);
    assert!(value.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    assert!(is_rfc3339(&created.body["createdAt"]), "{created:?}");

    let got = emulator.get(&value).await;
    assert_eq!(got.status, StatusCode::OK);
    let mut expected = full_key();
    expected["value"] = json!(value);
    expected["createdAt"] = got.body["createdAt"].clone();
    assert_eq!(got.body, expected);
    let created_at = got.body["createdAt"].as_i64().unwrap();
    assert!(created_at > 1_700_000_000 && created_at < 100_000_000_000, "Unix seconds: {created_at}");

    let listed = emulator.list().await;
    assert_eq!(listed, vec![got.body.clone()]);

    let updated = emulator
        .call(
            Method::PUT,
            &format!("/1/keys/{value}"),
            Some(json!({"acl": ["search"], "description": "Renamed"})),
        )
        .await;
    assert_eq!(updated.status, StatusCode::OK);
    assert_eq!(updated.body["key"], value);
    assert!(is_rfc3339(&updated.body["updatedAt"]));

    let deleted = emulator.call(Method::DELETE, &format!("/1/keys/{value}"), None).await;
    assert_eq!(deleted.status, StatusCode::OK);
    assert!(is_rfc3339(&deleted.body["deletedAt"]));
    assert_eq!(emulator.get(&value).await.message(), "Key does not exist");
    assert!(emulator.list().await.is_empty());

    let restored = emulator.call(Method::POST, &format!("/1/keys/{value}/restore"), None).await;
    assert_eq!(restored.status, StatusCode::OK);
    assert_eq!(restored.body["key"], value);
    assert!(is_rfc3339(&restored.body["createdAt"]));
    let back = emulator.get(&value).await.body;
    assert_eq!(back["description"], "Renamed");
    assert_eq!(back["createdAt"], created_at, "a restored key keeps its creation date");
}

#[tokio::test]
async fn missing_keys_answer_404() {
    let emulator = start(Options::default()).await;
    for (method, path) in [
        (Method::GET, "/1/keys/nope"),
        (Method::PUT, "/1/keys/nope"),
        (Method::DELETE, "/1/keys/nope"),
        (Method::POST, "/1/keys/nope/restore"),
    ] {
        let reply = emulator.call(method.clone(), path, Some(json!({"acl": []}))).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{method} {path}");
        assert_eq!(reply.body, json!({"message": "Key does not exist", "status": 404}));
    }
    let value = emulator.create(json!({"acl": []})).await;
    let reply = emulator.call(Method::POST, &format!("/1/keys/{value}/restore"), None).await;
    assert_eq!((reply.status, reply.message()), (StatusCode::NOT_FOUND, "Key already exists"));
}

#[tokio::test]
async fn update_resets_every_field_it_does_not_send() {
    let emulator = start(Options::default()).await;
    let value = emulator.create(full_key()).await;
    let reply =
        emulator.call(Method::PUT, &format!("/1/keys/{value}"), Some(json!({"acl": ["search"]}))).await;
    assert_eq!(reply.status, StatusCode::OK);
    let key = emulator.get(&value).await.body;
    assert_eq!(key["acl"], json!(["search"]));
    assert_eq!(key["validity"], 0, "the expiry is gone too");
    for field in
        ["description", "indexes", "referers", "queryParameters", "maxHitsPerQuery", "maxQueriesPerIPPerHour"]
    {
        assert!(key.get(field).is_none(), "{field} was reset and, being unset, is left out: {key}");
    }
}

#[tokio::test]
async fn unknown_fields_round_trip() {
    let emulator = start(Options::default()).await;
    let value = emulator.create(json!({"acl": ["search"], "futureSetting": {"on": true}})).await;
    let key = emulator.get(&value).await.body;
    assert_eq!(key["futureSetting"], json!({"on": true}));
    let mut sent_back = key.clone();
    sent_back["description"] = json!("changed");
    emulator.call(Method::PUT, &format!("/1/keys/{value}"), Some(sent_back)).await;
    assert_eq!(emulator.get(&value).await.body["futureSetting"], json!({"on": true}));
}

#[tokio::test]
async fn validity_counts_down_and_expired_keys_can_be_restored() {
    let emulator = start(Options::default()).await;
    let value = emulator.create(json!({"acl": ["search"], "validity": 3600})).await;
    let validity = |body: &Value| body["validity"].as_i64().unwrap();
    assert!((3599..=3600).contains(&validity(&emulator.get(&value).await.body)));

    emulator.advance_clock(1800).await;
    assert!((1799..=1800).contains(&validity(&emulator.get(&value).await.body)));
    let listed = emulator.list().await;
    assert!((1799..=1800).contains(&validity(&listed[0])));

    emulator.advance_clock(1800).await;
    assert_eq!(emulator.get(&value).await.status, StatusCode::NOT_FOUND);
    assert!(!emulator.listed(&value).await);
    let reply = emulator.call_as(Some(&value), Method::GET, &format!("/1/keys/{value}"), None).await;
    assert_eq!(reply.message(), "Invalid Application-ID or API key", "an expired key no longer works");

    let restored = emulator.call(Method::POST, &format!("/1/keys/{value}/restore"), None).await;
    assert_eq!(restored.status, StatusCode::OK);
    assert_eq!(emulator.get(&value).await.body["validity"], 0, "restore resets validity to never");
}

#[tokio::test]
async fn only_the_last_thousand_deleted_keys_can_be_restored() {
    let emulator = start(Options::default()).await;
    let mut values = Vec::new();
    for _ in 0..1_001 {
        let value = emulator.create(json!({"acl": ["search"]})).await;
        let reply = emulator.call(Method::DELETE, &format!("/1/keys/{value}"), None).await;
        assert_eq!(reply.status, StatusCode::OK);
        values.push(value);
    }
    let oldest = emulator.call(Method::POST, &format!("/1/keys/{}/restore", values[0]), None).await;
    assert_eq!((oldest.status, oldest.message()), (StatusCode::NOT_FOUND, "Key does not exist"));
    let second = emulator.call(Method::POST, &format!("/1/keys/{}/restore", values[1]), None).await;
    assert_eq!(second.status, StatusCode::OK);
}

#[tokio::test]
async fn writes_become_visible_after_the_propagation_delay() {
    let emulator = start(Options { propagation_ms: 400, ..Options::default() }).await;
    let value = emulator.create(json!({"acl": ["search"], "description": "v1"})).await;
    assert_eq!(emulator.get(&value).await.status, StatusCode::NOT_FOUND);
    assert!(!emulator.listed(&value).await);
    common::sleep_ms(500).await;
    assert_eq!(emulator.get(&value).await.status, StatusCode::OK);
    assert!(emulator.listed(&value).await);

    // Updates are accepted at once but read back old until they propagate.
    let path = format!("/1/keys/{value}");
    emulator.call(Method::PUT, &path, Some(json!({"acl": ["search"], "description": "v2"}))).await;
    assert_eq!(emulator.get(&value).await.body["description"], "v1");
    emulator.advance_clock(1).await;
    assert_eq!(emulator.get(&value).await.body["description"], "v2");
}

#[tokio::test]
async fn restoring_before_the_delete_propagates_answers_key_already_exists() {
    let emulator = start(Options { propagation_ms: 60_000, ..Options::default() }).await;
    let value = emulator.create(json!({"acl": ["search"]})).await;
    emulator.advance_clock(60).await;
    emulator.call(Method::DELETE, &format!("/1/keys/{value}"), None).await;
    assert_eq!(emulator.get(&value).await.status, StatusCode::OK, "the delete has not spread yet");

    let restore = format!("/1/keys/{value}/restore");
    let early = emulator.call(Method::POST, &restore, None).await;
    assert_eq!(early.body, json!({"message": "Key already exists", "status": 404}));

    emulator.advance_clock(60).await;
    assert_eq!(emulator.get(&value).await.status, StatusCode::NOT_FOUND);
    assert_eq!(emulator.call(Method::POST, &restore, None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_propagation_delay_can_be_changed_until_the_next_reset() {
    let emulator = start(Options::default()).await;
    let reply = emulator.control(Method::POST, "propagation", json!({ "ms": 60_000 })).await;
    assert_eq!(reply.status, StatusCode::OK);
    let value = emulator.create(json!({"acl": ["search"]})).await;
    assert_eq!(emulator.get(&value).await.status, StatusCode::NOT_FOUND, "not visible for a minute");
    emulator.control(Method::POST, "reset", json!({})).await;
    let value = emulator.create(json!({"acl": ["search"]})).await;
    assert_eq!(emulator.get(&value).await.status, StatusCode::OK, "the configured delay (0) is back");
}

#[tokio::test]
async fn indices_are_listed_and_paged() {
    let mut initial = keys_emulator::seed::demo(0);
    initial.keys = Default::default();
    let count = initial.indices.len();
    let emulator = start(Options { initial, ..Options::default() }).await;

    let all = emulator.call(Method::GET, "/1/indexes", None).await;
    assert_eq!(all.status, StatusCode::OK);
    assert_eq!(all.body["items"].as_array().unwrap().len(), count);
    assert_eq!(all.body["nbPages"], 1);
    let products = &all.body["items"][0];
    for field in ["name", "createdAt", "updatedAt", "entries", "dataSize", "fileSize", "lastBuildTimeS"] {
        assert!(products.get(field).is_some(), "{field} in {products}");
    }
    assert_eq!(products["replicas"], json!(["prod_products_price_asc", "prod_products_price_desc"]));

    let page = emulator.call(Method::GET, "/1/indexes?page=1&hitsPerPage=8", None).await;
    assert_eq!(page.body["items"].as_array().unwrap().len(), 8);
    assert_eq!(page.body["nbPages"], count.div_ceil(8));
    let bad = emulator.call(Method::GET, "/1/indexes?page=-1", None).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn reset_returns_to_the_initial_state() {
    let emulator = start(Options { initial: keys_emulator::seed::demo(0), ..Options::default() }).await;
    let before = emulator.list().await.len();
    emulator.create(json!({"acl": ["search"]})).await;
    assert_eq!(emulator.list().await.len(), before + 1);
    let reply = emulator.control(Method::POST, "reset", json!({})).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(emulator.list().await.len(), before);
}
