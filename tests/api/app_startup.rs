//! What Mastodon apps read when they start: preferences, and the collections this instance has none of.

use reqwest::StatusCode;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{expect_json, TestApp};

backend_tests!(startup_reads_answer_truthfully);

async fn startup_reads_answer_truthfully(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let prefs = expect_json(
        app.get("/api/v1/preferences", Some(&sam.token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(prefs["posting:default:visibility"], "public");
    assert_eq!(prefs["posting:default:sensitive"], false);
    assert_eq!(prefs["posting:default:language"], "en");
    for path in [
        "/api/v1/lists",
        "/api/v1/filters",
        "/api/v2/filters",
        "/api/v1/announcements",
    ] {
        let body = expect_json(app.get(path, Some(&sam.token)).await, StatusCode::OK).await;
        assert_eq!(body, json!([]), "{path}");
        assert_eq!(
            app.get(path, None).await.status(),
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
    }
    let emojis = expect_json(app.get("/api/v1/custom_emojis", None).await, StatusCode::OK).await;
    assert_eq!(emojis, json!([]));
    assert_eq!(
        app.get("/api/v1/preferences", None).await.status(),
        StatusCode::UNAUTHORIZED
    );
}
