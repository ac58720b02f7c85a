//! NodeInfo, OAuth server metadata, health, and the placeholder images entities link to.

use reqwest::StatusCode;

use crate::backend_tests;
use crate::helpers::{expect_json, TestApp};

backend_tests!(
    nodeinfo_says_weakties_upstream_mastodon,
    oauth_metadata_lists_the_grants,
    health_checks_the_database,
    avatar_links_resolve
);

async fn nodeinfo_says_weakties_upstream_mastodon(app: TestApp) {
    app.sign_up("counted").await;
    let links = expect_json(app.get("/.well-known/nodeinfo", None).await, StatusCode::OK).await;
    let href = links["links"][0]["href"].as_str().unwrap();
    assert!(href.ends_with("/nodeinfo/2.0"), "{href}");
    assert_eq!(
        links["links"][0]["rel"],
        "http://nodeinfo.diaspora.software/ns/schema/2.0"
    );

    let doc = expect_json(app.get("/nodeinfo/2.0", None).await, StatusCode::OK).await;
    assert_eq!(doc["version"], "2.0");
    assert_eq!(doc["software"]["name"], "weakties");
    assert_eq!(doc["metadata"]["upstream"]["name"], "mastodon");
    assert_eq!(doc["usage"]["users"]["total"], 1);
    assert_eq!(doc["openRegistrations"], true);
}

async fn oauth_metadata_lists_the_grants(app: TestApp) {
    let doc = expect_json(
        app.get("/.well-known/oauth-authorization-server", None)
            .await,
        StatusCode::OK,
    )
    .await;
    let grants: Vec<&str> = doc["grant_types_supported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for grant in ["authorization_code", "client_credentials", "password"] {
        assert!(grants.contains(&grant), "{grant} missing from {grants:?}");
    }
    let scopes = doc["scopes_supported"].as_array().unwrap();
    assert!(scopes.iter().any(|s| s == "push"));
    assert!(scopes.iter().any(|s| s == "read:statuses"));
    assert!(doc["token_endpoint"]
        .as_str()
        .unwrap()
        .ends_with("/oauth/token"));
    assert!(doc["code_challenge_methods_supported"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m == "S256"));
}

async fn health_checks_the_database(app: TestApp) {
    // Plain `OK`, as Mastodon answers and as Mastodon.py's instance_health() compares.
    let res = app.get("/health", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text().await.unwrap(), "OK");

    let res = app.client.head(app.url("/")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers().contains_key("date"),
        "clients read the server clock from HEAD /"
    );
}

async fn avatar_links_resolve(app: TestApp) {
    let user = app.sign_up("pictured").await;
    let me = expect_json(
        app.get(&format!("/api/v1/accounts/{}", user.id), None)
            .await,
        StatusCode::OK,
    )
    .await;
    let avatar = me["avatar"].as_str().unwrap();
    assert!(
        avatar.starts_with(&app.url("/")),
        "avatar on the base URL: {avatar}"
    );
    let res = app.client.get(avatar).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/png");
    assert!(res.bytes().await.unwrap().starts_with(b"\x89PNG"));
}
