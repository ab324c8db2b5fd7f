//! Authentication as Algolia does it: headers or query parameters, the admin key for admin
//! endpoints, and a non-admin key that may read only itself.

mod common;

use common::{ADMIN_KEY, APP_ID, Options, reply, start};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn wrong_or_missing_credentials_are_refused() {
    let emulator = start(Options::default()).await;
    let invalid = json!({"message": "Invalid Application-ID or API key", "status": 403});
    for key in [None, Some("not-a-key")] {
        let reply = emulator.call_as(key, Method::GET, "/1/keys", None).await;
        assert_eq!((reply.status, &reply.body), (StatusCode::FORBIDDEN, &invalid));
    }
    let wrong_app = emulator
        .client
        .get(emulator.url(0, "/1/keys"))
        .header("x-algolia-application-id", "OTHERAPP")
        .header("x-algolia-api-key", ADMIN_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(reply(wrong_app).await.body, invalid);
}

#[tokio::test]
async fn credentials_may_come_in_the_query_string() {
    let emulator = start(Options::default()).await;
    let url =
        emulator.url(0, &format!("/1/keys?x-algolia-application-id={APP_ID}&x-algolia-api-key={ADMIN_KEY}"));
    let reply = reply(emulator.client.get(url).send().await.unwrap()).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, json!({"keys": []}));
}

#[tokio::test]
async fn a_non_admin_key_may_only_read_itself() {
    let emulator = start(Options::default()).await;
    let own = emulator.create(json!({"acl": ["search"], "description": "secret purpose"})).await;
    let other = emulator.create(json!({"acl": ["search"]})).await;
    let not_allowed = json!({"message": "Method not allowed with this API key", "status": 403});

    let me = emulator.call_as(Some(&own), Method::GET, &format!("/1/keys/{own}"), None).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["description"], "<redacted>");
    assert_eq!(me.body["acl"], json!(["search"]));

    let admin_calls = [
        (Method::GET, format!("/1/keys/{other}"), None),
        (Method::GET, "/1/keys".to_owned(), None),
        (Method::POST, "/1/keys".to_owned(), Some(json!({"acl": ["search"]}))),
        (Method::PUT, format!("/1/keys/{own}"), Some(json!({"acl": ["search"]}))),
        (Method::DELETE, format!("/1/keys/{own}"), None),
        (Method::POST, format!("/1/keys/{other}/restore"), None),
        (Method::GET, "/1/indexes".to_owned(), None),
    ];
    for (method, path, body) in admin_calls {
        let reply = emulator.call_as(Some(&own), method.clone(), &path, body).await;
        assert_eq!((reply.status, &reply.body), (StatusCode::FORBIDDEN, &not_allowed), "{method} {path}");
    }
    assert_eq!(emulator.get(&own).await.body["description"], "secret purpose", "nothing changed");
}

#[tokio::test]
async fn list_indexes_follows_the_keys_index_restrictions() {
    let emulator = start(Options { initial: keys_emulator::seed::demo(0), ..Options::default() }).await;
    let key = emulator.create(json!({"acl": ["listIndexes"], "indexes": ["dev_*"]})).await;
    let reply = emulator.call_as(Some(&key), Method::GET, "/1/indexes", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let names: Vec<&str> =
        reply.body["items"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert!(!names.is_empty());
    assert!(names.iter().all(|n| n.starts_with("dev_")), "{names:?}");
}

#[tokio::test]
async fn credentials_are_judged_after_the_body_size_and_before_anything_else() {
    let emulator = start(Options::default()).await;
    let key = emulator.create(json!({"acl": ["search"]})).await;
    let long_path = format!("/1/keys/{}", "k".repeat(20_000));
    let invalid = "Invalid Application-ID or API key";
    let not_allowed = "Method not allowed with this API key";
    let cases = [
        (None, Method::GET, long_path.clone(), None, StatusCode::FORBIDDEN, invalid),
        (Some(key.as_str()), Method::DELETE, long_path.clone(), None, StatusCode::FORBIDDEN, not_allowed),
        (
            Some(key.as_str()),
            Method::PUT,
            long_path,
            Some(json!({"acl": "x"})),
            StatusCode::FORBIDDEN,
            not_allowed,
        ),
        (None, Method::POST, "/1/keys".to_owned(), Some(json!({"acl": "x"})), StatusCode::FORBIDDEN, invalid),
        (
            None,
            Method::POST,
            "/1/keys".to_owned(),
            Some(json!({"acl": [], "description": "x".repeat(200_000)})),
            StatusCode::PAYLOAD_TOO_LARGE,
            "length limit",
        ),
    ];
    for (key, method, path, body, status, message) in cases {
        let reply = emulator.call_as(key, method.clone(), &path, body).await;
        assert_eq!(reply.status, status, "{method} {key:?}: {reply:?}");
        assert!(reply.message().contains(message), "{method} {key:?}: {reply:?}");
    }
}
