//! Reblogs and favourites: one per account per status, true counts, and who did them.

use reqwest::StatusCode;

use crate::backend_tests;
use crate::helpers::{assert_mastodon_entity, expect_error, expect_json, TestApp};

backend_tests!(
    reblogs_wrap_the_original_once,
    favourites_count_once_per_account,
    only_public_and_unlisted_posts_can_be_reblogged,
    deleting_an_original_removes_its_reblogs,
    one_can_take_back_a_favourite_after_being_blocked,
);

async fn status(app: &TestApp, id: &str, token: Option<&str>) -> serde_json::Value {
    expect_json(
        app.get(&format!("/api/v1/statuses/{id}"), token).await,
        StatusCode::OK,
    )
    .await
}

async fn reblogs_wrap_the_original_once(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let zai = app.sign_up("zai").await;
    let tip = app
        .post_status(&sam, "tip: tailor each cover letter", &[])
        .await;
    let id = tip["id"].as_str().unwrap();
    let wrapper = app.act(&zai, "statuses", id, "reblog").await;
    assert_mastodon_entity(&wrapper, "Status");
    assert_eq!(wrapper["account"]["id"], zai.id.as_str());
    assert_eq!(wrapper["reblog"]["id"], id);
    assert_eq!(wrapper["reblog"]["reblogs_count"], 1);
    assert_eq!(wrapper["reblogged"], true);
    let again = app.act(&zai, "statuses", id, "reblog").await;
    assert_eq!(again["id"], wrapper["id"], "one reblog per account");
    // Reblogging the wrapper reblogs the original.
    let via_wrapper = app
        .act(&zai, "statuses", wrapper["id"].as_str().unwrap(), "reblog")
        .await;
    assert_eq!(via_wrapper["id"], wrapper["id"]);
    assert_eq!(status(&app, id, None).await["reblogs_count"], 1);
    assert_eq!(status(&app, id, Some(&zai.token)).await["reblogged"], true);
    let by = app
        .ids(&format!("/api/v1/statuses/{id}/reblogged_by"), None)
        .await;
    assert_eq!(by, [zai.id.as_str()]);

    for _ in 0..2 {
        let original = app.act(&zai, "statuses", id, "unreblog").await;
        assert_eq!(original["id"], id);
        assert_eq!(original["reblogged"], false);
        assert_eq!(original["reblogs_count"], 0);
    }
    assert!(app
        .ids(&format!("/api/v1/statuses/{id}/reblogged_by"), None)
        .await
        .is_empty());
    let zai_now = expect_json(app.verify_credentials(&zai.token).await, StatusCode::OK).await;
    assert_eq!(zai_now["statuses_count"], 0);
}

async fn favourites_count_once_per_account(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let zai = app.sign_up("zai").await;
    let kim = app.sign_up("kim").await;
    let post = app.post_status(&sam, "got the job!", &[]).await;
    let id = post["id"].as_str().unwrap();
    let fans = [&zai, &zai, &kim];
    futures_util::future::join_all(fans.iter().map(|u| app.act(u, "statuses", id, "favourite")))
        .await;
    let seen = status(&app, id, Some(&zai.token)).await;
    assert_eq!(seen["favourites_count"], 2);
    assert_eq!(seen["favourited"], true);
    assert_eq!(
        status(&app, id, Some(&sam.token)).await["favourited"],
        false
    );
    let mut by = app
        .ids(&format!("/api/v1/statuses/{id}/favourited_by"), None)
        .await;
    by.sort();
    let mut expected = [kim.id.clone(), zai.id.clone()];
    expected.sort();
    assert_eq!(
        by, expected,
        "the favourites were concurrent, so their order is not fixed"
    );
    let after = app.act(&zai, "statuses", id, "unfavourite").await;
    assert_eq!(after["favourited"], false);
    assert_eq!(after["favourites_count"], 1);
    let after = app.act(&zai, "statuses", id, "unfavourite").await;
    assert_eq!(after["favourites_count"], 1);
}

async fn only_public_and_unlisted_posts_can_be_reblogged(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let zai = app.sign_up("zai").await;
    app.act(&zai, "accounts", &sam.id, "follow").await;
    let unlisted = app
        .post_status(&sam, "quiet tip", &[("visibility", "unlisted")])
        .await;
    app.act(&zai, "statuses", unlisted["id"].as_str().unwrap(), "reblog")
        .await;
    let private = app
        .post_status(&sam, "friends only", &[("visibility", "private")])
        .await;
    let path = format!(
        "/api/v1/statuses/{}/reblog",
        private["id"].as_str().unwrap()
    );
    expect_error(
        app.post_form(&path, Some(&zai.token), &[]).await,
        StatusCode::FORBIDDEN,
        "not allowed",
    )
    .await;
    expect_error(
        app.post_form(&path, Some(&sam.token), &[]).await,
        StatusCode::FORBIDDEN,
        "not allowed",
    )
    .await;
    // Favouriting a private post one may see is fine.
    app.act(
        &zai,
        "statuses",
        private["id"].as_str().unwrap(),
        "favourite",
    )
    .await;
    let res = app
        .post_form(
            &format!(
                "/api/v1/statuses/{}/reblog",
                unlisted["id"].as_str().unwrap()
            ),
            Some(&sam.token),
            &[("visibility", "direct")],
        )
        .await;
    expect_error(res, StatusCode::UNPROCESSABLE_ENTITY, "Visibility").await;
}

async fn deleting_an_original_removes_its_reblogs(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let zai = app.sign_up("zai").await;
    let post = app.post_status(&sam, "short-lived", &[]).await;
    let id = post["id"].as_str().unwrap();
    let wrapper = app.act(&zai, "statuses", id, "reblog").await;
    app.act(&zai, "statuses", id, "favourite").await;
    let res = app
        .delete(&format!("/api/v1/statuses/{id}"), Some(&sam.token))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .get(
            &format!("/api/v1/statuses/{}", wrapper["id"].as_str().unwrap()),
            None,
        )
        .await;
    expect_error(res, StatusCode::NOT_FOUND, "Record not found").await;
    let zai_now = expect_json(app.verify_credentials(&zai.token).await, StatusCode::OK).await;
    assert_eq!(zai_now["statuses_count"], 0);
}

async fn one_can_take_back_a_favourite_after_being_blocked(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let zai = app.sign_up("zai").await;
    let post = app.post_status(&sam, "hello", &[]).await;
    let id = post["id"].as_str().unwrap();
    app.act(&zai, "statuses", id, "favourite").await;
    app.act(&zai, "statuses", id, "reblog").await;
    app.act(&sam, "accounts", &zai.id, "block").await;
    for action in ["unfavourite", "unreblog"] {
        let res = app
            .post_form(
                &format!("/api/v1/statuses/{id}/{action}"),
                Some(&zai.token),
                &[],
            )
            .await;
        // Undone, though the status itself stays hidden from the blocked account.
        expect_error(res, StatusCode::NOT_FOUND, "Record not found").await;
    }
    let now = status(&app, id, Some(&sam.token)).await;
    assert_eq!(
        (
            now["favourites_count"].as_i64(),
            now["reblogs_count"].as_i64()
        ),
        (Some(0), Some(0))
    );
    // Favouriting it again is refused like any hidden status.
    let res = app
        .post_form(
            &format!("/api/v1/statuses/{id}/favourite"),
            Some(&zai.token),
            &[],
        )
        .await;
    expect_error(res, StatusCode::NOT_FOUND, "Record not found").await;
}
