//! POST /api/v1/apps and GET /api/v1/apps/verify_credentials.

use diesel::{QueryDsl, RunQueryDsl};
use reqwest::StatusCode;
use serde_json::json;
use weakties::db::schema::oauth_applications;

use crate::backend_tests;
use crate::helpers::{assert_mastodon_entity, expect_error, expect_json, TestApp};

backend_tests!(
    registers_from_form_json_and_multipart,
    refuses_bad_registrations_with_details,
    verify_credentials_names_the_app,
    client_secret_is_not_stored_in_clear
);

async fn registers_from_form_json_and_multipart(app: TestApp) {
    let form = app
        .post_form(
            "/api/v1/apps",
            None,
            &[
                ("client_name", "form"),
                ("redirect_uris", "urn:ietf:wg:oauth:2.0:oob"),
                ("scopes", "read write push"),
            ],
        )
        .await;
    let body = expect_json(form, StatusCode::OK).await;
    assert_mastodon_entity(&body, "CredentialApplication");
    assert_eq!(body["name"], "form");
    assert_eq!(body["scopes"], json!(["push", "read", "write"]));
    assert_eq!(body["redirect_uris"], json!(["urn:ietf:wg:oauth:2.0:oob"]));

    let json_body = json!({"client_name": "json", "redirect_uris": ["https://a.example/cb", "myapp://cb"], "website": "https://a.example"});
    let body = expect_json(
        app.post_json("/api/v1/apps", None, &json_body).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        body["redirect_uris"],
        json!(["https://a.example/cb", "myapp://cb"])
    );
    assert_eq!(body["redirect_uri"], "https://a.example/cb\nmyapp://cb");
    assert_eq!(body["scopes"], json!(["read"]), "no scopes means read");
    assert_eq!(body["website"], "https://a.example");

    let multipart = reqwest::multipart::Form::new()
        .text("client_name", "multipart")
        .text("redirect_uris", "urn:ietf:wg:oauth:2.0:oob")
        .text("scopes", "read");
    let res = app
        .client
        .post(app.url("/api/v1/apps"))
        .multipart(multipart)
        .send()
        .await
        .unwrap();
    assert_eq!(expect_json(res, StatusCode::OK).await["name"], "multipart");
}

async fn refuses_bad_registrations_with_details(app: TestApp) {
    let res = app
        .post_form(
            "/api/v1/apps",
            None,
            &[
                ("client_name", ""),
                ("redirect_uris", "not a uri"),
                ("scopes", "read admin:write"),
            ],
        )
        .await;
    let body = expect_error(res, StatusCode::UNPROCESSABLE_ENTITY, "Validation failed").await;
    assert_eq!(body["details"]["client_name"][0]["error"], "ERR_BLANK");
    assert_eq!(body["details"]["redirect_uris"][0]["error"], "ERR_INVALID");
    assert_eq!(body["details"]["scopes"][0]["error"], "ERR_INVALID");
}

async fn verify_credentials_names_the_app(app: TestApp) {
    let creds = app
        .register_app("read write", "urn:ietf:wg:oauth:2.0:oob")
        .await;
    let token = app.app_token(&creds, "read").await;
    let body = expect_json(
        app.get("/api/v1/apps/verify_credentials", Some(&token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_mastodon_entity(&body, "Application");
    assert_eq!(body["name"], "test app");
    assert!(
        body.get("client_secret").is_none(),
        "the secret is shown only once"
    );

    let user = app.sign_up("appuser").await;
    let body = expect_json(
        app.get("/api/v1/apps/verify_credentials", Some(&user.token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(body["name"], "test app");

    expect_error(
        app.get("/api/v1/apps/verify_credentials", None).await,
        StatusCode::UNAUTHORIZED,
        "invalid",
    )
    .await;
    expect_error(
        app.get("/api/v1/apps/verify_credentials", Some("forged"))
            .await,
        StatusCode::UNAUTHORIZED,
        "invalid",
    )
    .await;
}

async fn client_secret_is_not_stored_in_clear(app: TestApp) {
    let creds = app.register_app("read", "urn:ietf:wg:oauth:2.0:oob").await;
    let mut conn = app.db();
    let stored: Vec<String> = oauth_applications::table
        .select(oauth_applications::client_secret_hash)
        .load(&mut conn)
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], creds.client_secret);
    assert!(!stored[0].contains(&creds.client_secret));
}
