//! Conventions every Mastodon client relies on: JSON everywhere, trailing slashes, lenient booleans, the
//! body limit, request ids.

use reqwest::StatusCode;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{expect_error, expect_json, TestApp};

backend_tests!(
    unknown_routes_and_methods_answer_json,
    trailing_slashes_are_tolerated,
    oversized_bodies_get_413,
    malformed_json_gets_400,
    booleans_arrive_in_every_spelling,
    every_answer_carries_a_request_id,
    browser_clients_may_call_the_api
);

async fn unknown_routes_and_methods_answer_json(app: TestApp) {
    expect_error(
        app.get("/api/v1/nothing/here", None).await,
        StatusCode::NOT_FOUND,
        "Record not found",
    )
    .await;
    let res = app
        .client
        .delete(app.url("/api/v1/instance"))
        .send()
        .await
        .unwrap();
    expect_error(res, StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed").await;
}

async fn trailing_slashes_are_tolerated(app: TestApp) {
    // Mastodon.py asks for /api/v1/instance/.
    let body = expect_json(app.get("/api/v1/instance/", None).await, StatusCode::OK).await;
    assert_eq!(body["configuration"]["statuses"]["max_characters"], 140);
    let res = app
        .post_form(
            "/api/v1/apps/",
            None,
            &[
                ("client_name", "slash"),
                ("redirect_uris", "urn:ietf:wg:oauth:2.0:oob"),
            ],
        )
        .await;
    expect_json(res, StatusCode::OK).await;
}

async fn oversized_bodies_get_413(app: TestApp) {
    let big = "x".repeat(app.settings.server.max_body_bytes + 1);
    let res = app
        .post_form(
            "/api/v1/apps",
            None,
            &[
                ("client_name", &big),
                ("redirect_uris", "urn:ietf:wg:oauth:2.0:oob"),
            ],
        )
        .await;
    expect_error(res, StatusCode::PAYLOAD_TOO_LARGE, "too large").await;
    let res = app
        .post_json("/api/v1/apps", None, &json!({"client_name": big}))
        .await;
    expect_error(res, StatusCode::PAYLOAD_TOO_LARGE, "too large").await;
}

async fn malformed_json_gets_400(app: TestApp) {
    let res = app
        .client
        .post(app.url("/api/v1/apps"))
        .header("content-type", "application/json")
        .body("{\"client_name\": ")
        .send()
        .await
        .unwrap();
    expect_error(res, StatusCode::BAD_REQUEST, "not valid JSON").await;
    let res = app
        .post_json("/api/v1/apps", None, &json!(["a list"]))
        .await;
    expect_error(res, StatusCode::BAD_REQUEST, "JSON object").await;
}

async fn booleans_arrive_in_every_spelling(app: TestApp) {
    let user = app.sign_up("flags").await;
    for (sent, expected) in [
        ("1", true),
        ("0", false),
        ("true", true),
        ("false", false),
        ("on", true),
        ("off", false),
    ] {
        let res = app
            .patch_form(
                "/api/v1/accounts/update_credentials",
                &user.token,
                &[("locked", sent)],
            )
            .await;
        assert_eq!(
            expect_json(res, StatusCode::OK).await["locked"],
            expected,
            "locked={sent}"
        );
    }
    let res = app
        .patch_json(
            "/api/v1/accounts/update_credentials",
            &user.token,
            &json!({"locked": true}),
        )
        .await;
    assert_eq!(expect_json(res, StatusCode::OK).await["locked"], true);
}

async fn every_answer_carries_a_request_id(app: TestApp) {
    let ok = app.get("/api/v1/instance", None).await;
    let a = ok.headers()["x-request-id"].to_str().unwrap().to_owned();
    let missing = app.get("/nowhere", None).await;
    let b = missing.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(!a.is_empty() && a != b);
}

async fn browser_clients_may_call_the_api(app: TestApp) {
    let user = app.sign_up("browser").await;
    let preflight = app
        .client
        .request(
            reqwest::Method::OPTIONS,
            app.url("/api/v1/accounts/verify_credentials"),
        )
        .header("Origin", "https://elk.example")
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "authorization")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success(), "{}", preflight.status());
    assert_eq!(
        preflight.headers()["access-control-allow-origin"],
        "https://elk.example"
    );
    let res = app
        .client
        .get(app.url("/api/v1/accounts/verify_credentials"))
        .header("Origin", "https://elk.example")
        .bearer_auth(&user.token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()["access-control-allow-origin"],
        "https://elk.example"
    );
    assert!(
        res.headers()
            .get("access-control-allow-credentials")
            .is_none(),
        "no cookies are involved"
    );
}
