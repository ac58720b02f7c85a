//! /api/v1/instance and /api/v2/instance.

use chrono::{Duration, Utc};
use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};
use reqwest::StatusCode;
use weakties::db::schema::users;
use weakties::db::Id;

use crate::backend_tests;
use crate::helpers::{assert_mastodon_entity, expect_json, TestApp};

backend_tests!(
    v1_reports_the_140_rule_and_true_counts,
    v2_is_complete_and_names_the_domain,
    version_leads_with_a_plain_mastodon_version,
    active_users_are_those_seen_in_the_last_30_days
);

async fn v1_reports_the_140_rule_and_true_counts(app: TestApp) {
    let body = expect_json(app.get("/api/v1/instance", None).await, StatusCode::OK).await;
    assert_mastodon_entity(&body, "V1Instance");
    assert_eq!(body["configuration"]["statuses"]["max_characters"], 140);
    assert_eq!(
        body["configuration"]["statuses"]["characters_reserved_per_url"],
        23
    );
    assert_eq!(body["stats"]["user_count"], 0);

    app.sign_up("first").await;
    app.sign_up("second").await;
    let body = expect_json(app.get("/api/v1/instance/", None).await, StatusCode::OK).await;
    assert_eq!(body["stats"]["user_count"], 2);
    assert_eq!(body["stats"]["status_count"], 0);
}

async fn v2_is_complete_and_names_the_domain(app: TestApp) {
    let body = expect_json(app.get("/api/v2/instance", None).await, StatusCode::OK).await;
    assert_mastodon_entity(&body, "Instance");
    assert_eq!(
        body["domain"],
        app.domain(),
        "the domain of the configured base URL"
    );
    assert_eq!(body["configuration"]["statuses"]["max_characters"], 140);
    assert_eq!(
        body["configuration"]["statuses"]["characters_reserved_per_url"],
        23
    );
    assert_eq!(body["registrations"]["enabled"], true);
    assert_eq!(body["title"], app.settings.instance.title.as_str());
    assert_eq!(
        body["contact"]["email"],
        app.settings.instance.contact_email.as_str()
    );
}

async fn version_leads_with_a_plain_mastodon_version(app: TestApp) {
    for path in ["/api/v1/instance", "/api/v2/instance"] {
        let body = expect_json(app.get(path, None).await, StatusCode::OK).await;
        let version = body["version"].as_str().unwrap();
        let (mastodon, rest) = version.split_once(' ').expect("a space after the version");
        let parts: Vec<&str> = mastodon.split('.').collect();
        assert_eq!(parts.len(), 3, "{version}");
        assert!(
            parts.iter().all(|p| p.parse::<u32>().is_ok()),
            "plain numbers, no +suffix: {version}"
        );
        assert!(parts[0].parse::<u32>().unwrap() >= 4, "{version}");
        assert!(rest.starts_with("(compatible; weakties "), "{version}");
    }
}

async fn active_users_are_those_seen_in_the_last_30_days(app: TestApp) {
    app.sign_up("recent").await;
    let dormant = app.sign_up("dormant").await;
    let usage = |body: &serde_json::Value| body["usage"]["users"]["active_month"].clone();
    let body = expect_json(app.get("/api/v2/instance", None).await, StatusCode::OK).await;
    assert_eq!(usage(&body), 2);

    let forty_days_ago = Utc::now().naive_utc() - Duration::days(40);
    let dormant_id: Id = dormant.id.parse().unwrap();
    diesel::update(users::table.find(dormant_id))
        .set(users::last_active_at.eq(forty_days_ago))
        .execute(&mut app.db())
        .unwrap();
    let body = expect_json(app.get("/api/v2/instance", None).await, StatusCode::OK).await;
    assert_eq!(usage(&body), 1);
    let nodeinfo = expect_json(app.get("/nodeinfo/2.0", None).await, StatusCode::OK).await;
    assert_eq!(nodeinfo["usage"]["users"]["total"], 2);
    assert_eq!(nodeinfo["usage"]["users"]["activeMonth"], 1);
    assert_eq!(nodeinfo["usage"]["users"]["activeHalfyear"], 2);
}
