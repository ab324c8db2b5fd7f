//! The transport as a client sees it: CORS, Algolia-shaped errors for anything a client can send,
//! and every scripted fault on one listener while the others stay healthy.

mod common;

use std::time::Duration;

use common::{ADMIN_KEY, APP_ID, Options, reply, start};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[tokio::test]
async fn preflight_allows_algolias_headers_and_nothing_else() {
    let emulator = start(Options::default()).await;
    for method in ["PUT", "DELETE", "POST", "GET"] {
        let response = emulator
            .client
            .request(Method::OPTIONS, emulator.url(0, "/1/keys/abc"))
            .header("origin", "https://console.example.org")
            .header("access-control-request-method", method)
            .header(
                "access-control-request-headers",
                "content-type,x-algolia-api-key,x-algolia-application-id",
            )
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{method}: {}", response.status());
        let headers = response.headers();
        assert_eq!(headers["access-control-allow-origin"], "*");
        assert!(headers["access-control-allow-methods"].to_str().unwrap().contains(method));
        let allowed = headers["access-control-allow-headers"].to_str().unwrap().to_lowercase();
        for header in ["content-type", "x-algolia-api-key", "x-algolia-application-id"] {
            assert!(allowed.contains(header), "{header} in {allowed}");
        }
        assert!(!allowed.contains("traceparent"));
    }
    let response = emulator
        .client
        .get(emulator.url(0, "/1/keys"))
        .header("origin", "https://x.test")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["access-control-allow-origin"], "*", "errors carry CORS headers too");
}

#[tokio::test]
async fn bad_input_gets_a_4xx_that_names_the_problem() {
    let emulator = start(Options::default()).await;
    let value = emulator.create(json!({"acl": ["search"]})).await;
    let cases: Vec<(&str, Value, &str)> = vec![
        ("{\"acl\": [", Value::Null, "Invalid JSON"),
        ("", Value::Null, "empty"),
        ("[]", Value::Null, "JSON object"),
        ("", json!({"description": "no acl"}), "Missing required field `acl`"),
        ("", json!({"acl": ["search", "teleport"]}), "Invalid ACL `teleport`"),
        ("", json!({"acl": "search"}), "`acl` must be an array of strings"),
        ("", json!({"acl": [], "indexes": "prod"}), "`indexes` must be an array of strings"),
        ("", json!({"acl": [], "description": 5}), "`description` must be a string"),
        ("", json!({"acl": [], "validity": -5}), "`validity` must not be negative"),
        ("", json!({"acl": [], "maxHitsPerQuery": -1}), "`maxHitsPerQuery` must not be negative"),
        (
            "",
            json!({"acl": [], "maxQueriesPerIPPerHour": "10"}),
            "`maxQueriesPerIPPerHour` must be an integer",
        ),
    ];
    for (raw, body, expected) in cases {
        let text = if raw.is_empty() && !body.is_null() { body.to_string() } else { raw.to_owned() };
        for (method, path) in
            [(Method::POST, "/1/keys".to_owned()), (Method::PUT, format!("/1/keys/{value}"))]
        {
            let response = emulator
                .client
                .request(method.clone(), emulator.url(0, &path))
                .header("x-algolia-application-id", APP_ID)
                .header("x-algolia-api-key", ADMIN_KEY)
                .header("content-type", "application/json")
                .body(text.clone())
                .send()
                .await
                .unwrap();
            let reply = reply(response).await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{method} {text}");
            assert!(reply.message().contains(expected), "{method} {text}: {reply:?}");
            assert_eq!(reply.body["status"], 400);
        }
    }
    assert_eq!(emulator.get(&value).await.body["acl"], json!(["search"]), "failed updates change nothing");
}

#[tokio::test]
async fn oversized_bodies_and_absurd_paths_are_refused_in_json() {
    let emulator = start(Options::default()).await;
    let huge = json!({"acl": ["search"], "description": "x".repeat(200_000)});
    let reply_huge = emulator.call(Method::POST, "/1/keys", Some(huge)).await;
    assert_eq!(reply_huge.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(reply_huge.message().contains("length limit"), "{reply_huge:?}");

    let long_key = "k".repeat(20_000);
    for method in [Method::GET, Method::PUT, Method::DELETE] {
        let reply = emulator.call(method, &format!("/1/keys/{long_key}"), Some(json!({"acl": []}))).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert!(reply.message().contains("too long"), "{reply:?}");
    }
    let invalid_utf8 = emulator.call(Method::GET, "/1/keys/%FF%FE", None).await;
    assert_eq!(invalid_utf8.status, StatusCode::BAD_REQUEST);
    assert_eq!(invalid_utf8.body["status"], 400);

    let wrong_method = emulator.call(Method::PATCH, "/1/keys", None).await;
    assert_eq!(wrong_method.body, json!({"message": "Method Not Allowed", "status": 405}));
    let unknown = emulator.call(Method::GET, "/1/unknown", None).await;
    assert_eq!(unknown.body, json!({"message": "Not Found", "status": 404}));
}

#[tokio::test]
async fn no_client_input_causes_a_500() {
    let emulator = start(Options::default()).await;
    let value = emulator.create(json!({"acl": ["search"]})).await;
    let bodies = [
        "null",
        "0",
        "\"s\"",
        "{}",
        "{\"acl\":null}",
        "{\"acl\":[null]}",
        "{\"acl\":[],\"validity\":1e999}",
        "{\"acl\":[],\"validity\":18446744073709551616}",
        "{\"acl\":[],\"validity\":true}",
        "\u{0}",
        "{\"acl\":[],\"indexes\":[1]}",
        "{\"acl\":[],\"referers\":{}}",
        "{\"acl\":[],\"queryParameters\":[]}",
    ];
    let paths = [
        "/1/keys".to_owned(),
        format!("/1/keys/{value}"),
        format!("/1/keys/{value}/restore"),
        "/1/keys/%00".into(),
    ];
    for body in bodies {
        for path in &paths {
            for method in [Method::POST, Method::PUT, Method::GET, Method::DELETE] {
                let response = emulator
                    .client
                    .request(method.clone(), emulator.url(0, path))
                    .header("x-algolia-application-id", APP_ID)
                    .header("x-algolia-api-key", ADMIN_KEY)
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                let status = response.status();
                let reply = reply(response).await;
                assert!(!status.is_server_error(), "{method} {path} {body}: {reply:?}");
                if !status.is_success() {
                    assert!(reply.body["message"].is_string(), "{method} {path} {body}: {reply:?}");
                }
            }
        }
    }
}

#[tokio::test]
async fn without_control_the_prefix_is_not_found() {
    let emulator = start(Options { control: false, ..Options::default() }).await;
    let reply = emulator.control(Method::POST, "reset", json!({})).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}

async fn script(emulator: &common::Emulator, fault: Value) {
    let reply = emulator.control(Method::POST, "faults", fault).await;
    assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
}

async fn list_on(
    emulator: &common::Emulator,
    listener: usize,
    timeout: Duration,
) -> reqwest::Result<reqwest::Response> {
    emulator
        .client
        .get(emulator.url(listener, "/1/keys"))
        .header("x-algolia-application-id", APP_ID)
        .header("x-algolia-api-key", ADMIN_KEY)
        .timeout(timeout)
        .send()
        .await
}

const PATIENT: Duration = Duration::from_secs(10);

#[tokio::test]
async fn status_and_rate_limit_faults_hit_the_next_requests_of_one_listener() {
    let emulator = start(Options { listeners: 2, ..Options::default() }).await;
    script(&emulator, json!({"listener": 1, "fault": "status", "status": 502, "count": 2})).await;
    script(&emulator, json!({"listener": emulator.server.addrs[1].to_string(), "fault": "rateLimit"})).await;

    assert_eq!(
        list_on(&emulator, 0, PATIENT).await.unwrap().status(),
        StatusCode::OK,
        "other listeners are healthy"
    );
    for _ in 0..2 {
        let failed = reply(list_on(&emulator, 1, PATIENT).await.unwrap()).await;
        assert_eq!(failed.status, StatusCode::BAD_GATEWAY);
        assert_eq!(failed.body["status"], 502);
    }
    let limited = reply(list_on(&emulator, 1, PATIENT).await.unwrap()).await;
    assert_eq!(limited.body, json!({"message": "Too many requests", "status": 429}));
    assert_eq!(
        list_on(&emulator, 1, PATIENT).await.unwrap().status(),
        StatusCode::OK,
        "the script is used up"
    );
}

#[tokio::test]
async fn a_hang_outlasts_the_clients_timeout() {
    let emulator = start(Options { listeners: 2, ..Options::default() }).await;
    script(&emulator, json!({"listener": 1, "fault": "hang", "hangMs": 3000})).await;
    let error = list_on(&emulator, 1, Duration::from_millis(300)).await.unwrap_err();
    assert!(error.is_timeout(), "{error}");
    assert_eq!(list_on(&emulator, 0, Duration::from_millis(300)).await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn a_dropped_connection_gets_no_answer() {
    let emulator = start(Options { listeners: 2, ..Options::default() }).await;
    script(&emulator, json!({"listener": 1, "fault": "drop"})).await;
    let error = list_on(&emulator, 1, PATIENT).await.unwrap_err();
    assert!(!error.is_timeout() && error.status().is_none(), "{error}");
    assert_eq!(list_on(&emulator, 1, PATIENT).await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn a_malformed_body_is_not_json() {
    let emulator = start(Options { listeners: 2, ..Options::default() }).await;
    script(&emulator, json!({"listener": 1, "fault": "malformedJson"})).await;
    let response = list_on(&emulator, 1, PATIENT).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.json::<Value>().await.is_err());
}

#[tokio::test]
async fn fault_scripts_are_validated_and_can_be_cleared() {
    let emulator = start(Options { listeners: 2, ..Options::default() }).await;
    for bad in [
        json!({"listener": 5, "fault": "drop"}),
        json!({"listener": "10.0.0.1:1", "fault": "drop"}),
        json!({"listener": 0, "fault": "explode"}),
        json!({"listener": 0, "fault": "status", "status": 200}),
        json!({"listener": 0, "fault": "drop", "method": "PATCH"}),
        json!({"listener": 0, "fault": "drop", "pathContains": ""}),
        json!({"listener": 0, "fault": "drop", "path": "/restore"}),
    ] {
        let reply = emulator.control(Method::POST, "faults", bad.clone()).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{bad}");
    }
    script(&emulator, json!({"listener": 1, "fault": "drop", "count": 5})).await;
    assert_eq!(emulator.control(Method::DELETE, "faults", json!({})).await.status, StatusCode::OK);
    assert_eq!(list_on(&emulator, 1, PATIENT).await.unwrap().status(), StatusCode::OK);
}

/// An admin request to listener 0, answered with its status and its body as text.
async fn raw(
    emulator: &common::Emulator,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, String) {
    let mut request = emulator
        .client
        .request(method, emulator.url(0, path))
        .header("x-algolia-application-id", APP_ID)
        .header("x-algolia-api-key", ADMIN_KEY)
        .timeout(PATIENT);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

fn is_json(text: &str) -> bool {
    serde_json::from_str::<Value>(text).is_ok()
}

#[tokio::test]
async fn a_truncated_answer_comes_after_the_write() {
    let emulator = start(Options::default()).await;
    let value = emulator.create(json!({"acl": ["search"], "description": "doomed"})).await;
    let path = format!("/1/keys/{value}");
    script(&emulator, json!({"listener": 0, "fault": "truncated", "method": "DELETE"})).await;

    let (status, body) = raw(&emulator, Method::GET, &path, None).await;
    assert_eq!(status, StatusCode::OK, "a GET is not aimed at");
    assert!(is_json(&body), "{body}");

    let (status, body) = raw(&emulator, Method::DELETE, &path, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.is_empty() && !is_json(&body), "{body}");
    assert!(body.starts_with("{\"deletedAt\":"), "the first part of the real answer: {body}");
    assert_eq!(emulator.get(&value).await.status, StatusCode::NOT_FOUND, "the delete was applied");
    assert!(!emulator.listed(&value).await);

    script(&emulator, json!({"listener": 0, "fault": "truncated", "method": "PUT"})).await;
    let (status, body) = raw(&emulator, Method::PUT, &path, Some(json!({"acl": ["browse"]}))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a failed request keeps its status");
    assert!(!is_json(&body), "{body}");
}

#[tokio::test]
async fn a_truncated_update_and_restore_are_applied() {
    let emulator = start(Options::default()).await;
    let value = emulator.create(json!({"acl": ["search"], "description": "before"})).await;
    let path = format!("/1/keys/{value}");
    script(&emulator, json!({"listener": 0, "fault": "truncated", "method": "PUT"})).await;
    script(&emulator, json!({"listener": 0, "fault": "truncated", "pathContains": "/restore"})).await;

    let update = json!({"acl": ["search"], "description": "after"});
    let (status, body) = raw(&emulator, Method::PUT, &path, Some(update)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!is_json(&body), "{body}");
    assert_eq!(emulator.call(Method::DELETE, &path, None).await.status, StatusCode::OK);
    assert!(!emulator.listed(&value).await);

    let (status, body) = raw(&emulator, Method::POST, &format!("{path}/restore"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!is_json(&body), "{body}");
    assert_eq!(emulator.get(&value).await.body["description"], "after", "both writes were applied");
}

#[tokio::test]
async fn a_fault_aimed_at_a_method_lets_other_requests_through() {
    let emulator = start(Options::default()).await;
    let value = emulator.create(json!({"acl": ["search"], "description": "before"})).await;
    let path = format!("/1/keys/{value}");
    script(&emulator, json!({"listener": 0, "fault": "status", "status": 503, "method": "PUT"})).await;

    for _ in 0..3 {
        assert_eq!(emulator.get(&value).await.status, StatusCode::OK);
        emulator.list().await;
    }
    let failed =
        emulator.call(Method::PUT, &path, Some(json!({"acl": ["search"], "description": "first"}))).await;
    assert_eq!(failed.body, json!({"message": "Service Unavailable", "status": 503}));
    assert_eq!(emulator.get(&value).await.body["description"], "before", "the failed update was not applied");
    let retried =
        emulator.call(Method::PUT, &path, Some(json!({"acl": ["search"], "description": "second"}))).await;
    assert_eq!(retried.status, StatusCode::OK, "the fault is used up");
    assert_eq!(emulator.get(&value).await.body["description"], "second");
}

#[tokio::test]
async fn a_fault_aimed_at_a_path_waits_for_it() {
    let emulator = start(Options::default()).await;
    script(&emulator, json!({"listener": 0, "fault": "drop", "method": "POST", "pathContains": "/restore"}))
        .await;
    let value = emulator.create(json!({"acl": ["search"]})).await;
    assert_eq!(emulator.call(Method::DELETE, &format!("/1/keys/{value}"), None).await.status, StatusCode::OK);

    let restore = emulator
        .client
        .post(emulator.url(0, &format!("/1/keys/{value}/restore")))
        .header("x-algolia-application-id", APP_ID)
        .header("x-algolia-api-key", ADMIN_KEY)
        .timeout(PATIENT);
    let error = restore.try_clone().unwrap().send().await.unwrap_err();
    assert!(!error.is_timeout() && error.status().is_none(), "{error}");
    assert!(!emulator.listed(&value).await, "a dropped restore is not applied");
    assert_eq!(restore.send().await.unwrap().status(), StatusCode::OK);
    assert!(emulator.listed(&value).await);
}
