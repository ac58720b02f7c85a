//! POST/GET/DELETE /api/v1/statuses, the 140 rule at the API, Idempotency-Key, context, and the 404 that
//! hides what a reader may not see.

use reqwest::StatusCode;
use serde_json::Value;

use crate::backend_tests;
use crate::helpers::{assert_mastodon_entity, expect_error, expect_json, TestApp};

backend_tests!(
    a_post_is_a_complete_status_with_mentions_and_tags,
    the_140_rule_counts_what_people_see,
    hostile_text_is_refused,
    bad_parameters_are_clear_4xx,
    idempotency_key_replays_return_the_first_status,
    concurrent_replays_make_one_status,
    only_the_author_deletes_and_gets_the_text_back,
    context_shows_the_visible_thread,
    private_and_direct_posts_are_invisible_to_outsiders,
    public_counts_leave_out_what_the_public_cannot_see,
    concurrent_deletes_count_once,
    reblogs_racing_a_delete_leave_true_counts,
    json_bodies_work_like_forms,
);

async fn a_post_is_a_complete_status_with_mentions_and_tags(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let zai = app.sign_up("Zaibatsu").await;
    let status = app
        .post_status(
            &sam,
            "thanks @zaibatsu and @ghost for the #Hiring tip <b>https://example.com/jobs</b>",
            &[("language", "en")],
        )
        .await;
    assert_mastodon_entity(&status, "Status");
    assert_eq!(status["account"]["id"], sam.id.as_str());
    assert_eq!(status["visibility"], "public");
    assert_eq!(status["language"], "en");
    assert_eq!(status["favourited"], false);
    assert_eq!(status["reblogged"], false);
    let mentions = status["mentions"].as_array().unwrap();
    assert_eq!(
        mentions.len(),
        1,
        "unknown @ghost is not a mention: {status}"
    );
    assert_eq!(mentions[0]["id"], zai.id.as_str());
    assert_eq!(mentions[0]["acct"], "Zaibatsu");
    assert_eq!(status["tags"][0]["name"], "hiring");
    let content = status["content"].as_str().unwrap();
    assert!(content.contains("class=\"u-url mention\""), "{content}");
    assert!(content.contains("/@Zaibatsu\""), "{content}");
    assert!(content.contains("@ghost"), "{content}");
    assert!(!content.contains("/@ghost"), "{content}");
    assert!(content.contains("/tags/hiring\""), "{content}");
    assert!(
        content.contains("href=\"https://example.com/jobs"),
        "{content}"
    );
    assert!(
        content.contains("&lt;b&gt;"),
        "markup is escaped: {content}"
    );

    // Anonymous readers see it too, without viewer flags; the author's counters moved.
    let id = status["id"].as_str().unwrap();
    let shown = expect_json(
        app.get(&format!("/api/v1/statuses/{id}"), None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(shown["content"], status["content"]);
    assert!(shown.get("favourited").is_none());
    let me = expect_json(app.verify_credentials(&sam.token).await, StatusCode::OK).await;
    assert_eq!(me["statuses_count"], 1);
    assert!(me["last_status_at"].is_string());
}

async fn the_140_rule_counts_what_people_see(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let post = |text: String| {
        let app = &app;
        let token = sam.token.clone();
        async move {
            app.post_form("/api/v1/statuses", Some(&token), &[("status", &text)])
                .await
        }
    };
    let url = "https://example.com/a/very/long/path/that/is/much/longer/than/twenty/three";
    let cases: Vec<(&str, String)> = vec![
        ("ascii", "a".repeat(140)),
        ("emoji", "😀".repeat(140)),
        ("zwj family", "👩‍👩‍👧‍👦".repeat(140)),
        ("flag", "🇫🇷".repeat(140)),
        ("combining", "e\u{301}".repeat(140)),
        ("url", format!("{url} {}", "a".repeat(140 - 24))),
        (
            "remote mention",
            format!("@sam@elsewhere.example {}", "a".repeat(140 - 5)),
        ),
    ];
    for (name, text) in cases {
        let ok = post(text.clone()).await;
        assert_eq!(ok.status(), StatusCode::OK, "{name} at 140 must pass");
        let over = post(format!("{text}x")).await;
        expect_error(over, StatusCode::UNPROCESSABLE_ENTITY, "141").await;
    }
    // A spoiler counts too.
    let res = app
        .post_form(
            "/api/v1/statuses",
            Some(&sam.token),
            &[
                ("status", &"a".repeat(130)),
                ("spoiler_text", &"b".repeat(11)),
            ],
        )
        .await;
    expect_error(res, StatusCode::UNPROCESSABLE_ENTITY, "141").await;
    for empty in ["", "   \n "] {
        let res = post(empty.to_owned()).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{empty:?}");
    }
}

async fn hostile_text_is_refused(app: TestApp) {
    let sam = app.sign_up("sam").await;
    app.sign_up("zai").await;
    for text in [
        "nul \u{0} inside",
        "bell \u{7}",
        "bidi \u{202E}override",
        "isolate \u{2066}x",
        "hi @za\u{200B}i",
        "#hi\u{200D}ring",
        &format!("a{}", "\u{301}".repeat(400)),
    ] {
        let res = app
            .post_form("/api/v1/statuses", Some(&sam.token), &[("status", text)])
            .await;
        let body = expect_json(res, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(body["error"].is_string(), "{text:?}: {body}");
    }
    let timeline = app
        .ids(&format!("/api/v1/accounts/{}/statuses", sam.id), None)
        .await;
    assert!(timeline.is_empty(), "nothing was stored");
}

async fn bad_parameters_are_clear_4xx(app: TestApp) {
    let sam = app.sign_up("sam").await;
    type Case<'a> = (&'a [(&'a str, &'a str)], StatusCode, &'a str);
    let cases: [Case; 5] = [
        (
            &[("status", "x"), ("visibility", "friends")],
            StatusCode::UNPROCESSABLE_ENTITY,
            "visibility",
        ),
        (
            &[("status", "x"), ("language", "english!")],
            StatusCode::UNPROCESSABLE_ENTITY,
            "Language",
        ),
        (
            &[("status", "x"), ("in_reply_to_id", "nope")],
            StatusCode::NOT_FOUND,
            "Record not found",
        ),
        (
            &[
                ("status", "x"),
                ("in_reply_to_id", "0190f3a0-0000-7000-8000-000000000000"),
            ],
            StatusCode::NOT_FOUND,
            "Record not found",
        ),
        (
            &[("status", "x"), ("media_ids[]", "1")],
            StatusCode::UNPROCESSABLE_ENTITY,
            "Media",
        ),
    ];
    for (form, status, needle) in cases {
        let res = app
            .post_form("/api/v1/statuses", Some(&sam.token), form)
            .await;
        expect_error(res, status, needle).await;
    }
    let res = app
        .post_form("/api/v1/statuses", None, &[("status", "x")])
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = app.get("/api/v1/statuses/not-an-id", None).await;
    expect_error(res, StatusCode::NOT_FOUND, "Record not found").await;
}

async fn post_with_key(app: &TestApp, token: &str, key: &str, text: &str) -> Value {
    let res = app
        .client
        .post(app.url("/api/v1/statuses"))
        .bearer_auth(token)
        .header("Idempotency-Key", key)
        .form(&[("status", text)])
        .send()
        .await
        .unwrap();
    expect_json(res, StatusCode::OK).await
}

async fn idempotency_key_replays_return_the_first_status(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let zai = app.sign_up("zai").await;
    let first = post_with_key(&app, &sam.token, "k-1", "once").await;
    let again = post_with_key(&app, &sam.token, "k-1", "once, retried").await;
    assert_eq!(first["id"], again["id"]);
    assert_eq!(again["content"], first["content"]);
    // Keys belong to an account; another key makes another status.
    let other = post_with_key(&app, &zai.token, "k-1", "mine").await;
    assert_ne!(other["id"], first["id"]);
    let second = post_with_key(&app, &sam.token, "k-2", "twice").await;
    assert_ne!(second["id"], first["id"]);
    let me = expect_json(app.verify_credentials(&sam.token).await, StatusCode::OK).await;
    assert_eq!(me["statuses_count"], 2);
}

async fn concurrent_replays_make_one_status(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let replays = (0..8).map(|_| post_with_key(&app, &sam.token, "same-key", "hello"));
    let answers = futures_util::future::join_all(replays).await;
    let first = &answers[0]["id"];
    assert!(answers.iter().all(|a| &a["id"] == first), "{answers:?}");
    let timeline = app
        .ids(&format!("/api/v1/accounts/{}/statuses", sam.id), None)
        .await;
    assert_eq!(timeline.len(), 1);
    let me = expect_json(app.verify_credentials(&sam.token).await, StatusCode::OK).await;
    assert_eq!(me["statuses_count"], 1);
}

async fn only_the_author_deletes_and_gets_the_text_back(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let zai = app.sign_up("zai").await;
    let status = app.post_status(&sam, "see #jobs & more", &[]).await;
    let id = status["id"].as_str().unwrap();
    let reply = app
        .post_status(&zai, "nice", &[("in_reply_to_id", id)])
        .await;
    let path = format!("/api/v1/statuses/{id}");
    let res = app.delete(&path, Some(&zai.token)).await;
    expect_error(res, StatusCode::NOT_FOUND, "Record not found").await;
    let res = app.delete(&path, Some(&sam.token)).await;
    let deleted = expect_json(res, StatusCode::OK).await;
    assert_eq!(deleted["text"], "see #jobs & more");
    assert_eq!(deleted["tags"][0]["name"], "jobs");
    expect_error(
        app.get(&path, None).await,
        StatusCode::NOT_FOUND,
        "Record not found",
    )
    .await;
    expect_error(
        app.delete(&path, Some(&sam.token)).await,
        StatusCode::NOT_FOUND,
        "",
    )
    .await;
    let me = expect_json(app.verify_credentials(&sam.token).await, StatusCode::OK).await;
    assert_eq!(me["statuses_count"], 0);
    // The reply survives, detached.
    let reply_path = format!("/api/v1/statuses/{}", reply["id"].as_str().unwrap());
    let reply = expect_json(app.get(&reply_path, None).await, StatusCode::OK).await;
    assert!(reply["in_reply_to_id"].is_null());
}

async fn context_shows_the_visible_thread(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let zai = app.sign_up("zai").await;
    let root = app.post_status(&sam, "root", &[]).await;
    let root_id = root["id"].as_str().unwrap();
    let a = app
        .post_status(&zai, "a", &[("in_reply_to_id", root_id)])
        .await;
    let a_id = a["id"].as_str().unwrap();
    let a1 = app
        .post_status(&sam, "a1", &[("in_reply_to_id", a_id)])
        .await;
    let b = app
        .post_status(&sam, "b", &[("in_reply_to_id", root_id)])
        .await;
    let hidden = app
        .post_status(
            &zai,
            "only mine",
            &[("in_reply_to_id", a_id), ("visibility", "direct")],
        )
        .await;
    let root_now = expect_json(
        app.get(&format!("/api/v1/statuses/{root_id}"), None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(root_now["replies_count"], 2);
    assert_eq!(a["in_reply_to_account_id"], sam.id.as_str());

    let ctx = expect_json(
        app.get(&format!("/api/v1/statuses/{root_id}/context"), None)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_mastodon_entity(&ctx, "Context");
    let ids: Vec<&str> = ctx["descendants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [a_id, a1["id"].as_str().unwrap(), b["id"].as_str().unwrap()]
    );
    assert!(!ids.contains(&hidden["id"].as_str().unwrap()));
    let ctx = expect_json(
        app.get(
            &format!("/api/v1/statuses/{}/context", a1["id"].as_str().unwrap()),
            None,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let ancestors: Vec<&str> = ctx["ancestors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ancestors, [root_id, a_id]);
}

async fn private_and_direct_posts_are_invisible_to_outsiders(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let friend = app.sign_up("friend").await;
    let zai = app.sign_up("zai").await;
    let outsider = app.sign_up("outsider").await;
    app.act(&friend, "accounts", &sam.id, "follow").await;
    let private = app
        .post_status(&sam, "followers only", &[("visibility", "private")])
        .await;
    let direct = app
        .post_status(&sam, "psst @zai", &[("visibility", "direct")])
        .await;
    let missing = "0190f3a0-0000-7000-8000-000000000000";
    let absent = app
        .get(
            &format!("/api/v1/statuses/{missing}"),
            Some(&outsider.token),
        )
        .await;
    let absent_body = expect_json(absent, StatusCode::NOT_FOUND).await;

    for (status, allowed, refused) in [
        (&private, vec![&sam, &friend], vec![&outsider, &zai]),
        (&direct, vec![&sam, &zai], vec![&outsider, &friend]),
    ] {
        let id = status["id"].as_str().unwrap();
        for user in allowed {
            let res = app
                .get(&format!("/api/v1/statuses/{id}"), Some(&user.token))
                .await;
            assert_eq!(res.status(), StatusCode::OK);
        }
        let mut probes: Vec<reqwest::Response> = Vec::new();
        for user in refused {
            for path in ["", "/context", "/reblogged_by", "/favourited_by"] {
                probes.push(
                    app.get(&format!("/api/v1/statuses/{id}{path}"), Some(&user.token))
                        .await,
                );
            }
            for action in ["favourite", "reblog", "unfavourite", "unreblog"] {
                probes.push(
                    app.post_form(
                        &format!("/api/v1/statuses/{id}/{action}"),
                        Some(&user.token),
                        &[],
                    )
                    .await,
                );
            }
            probes.push(
                app.post_form(
                    "/api/v1/statuses",
                    Some(&user.token),
                    &[("status", "reply"), ("in_reply_to_id", id)],
                )
                .await,
            );
            probes.push(
                app.delete(&format!("/api/v1/statuses/{id}"), Some(&user.token))
                    .await,
            );
        }
        probes.push(app.get(&format!("/api/v1/statuses/{id}"), None).await);
        for res in probes {
            let body = expect_json(res, StatusCode::NOT_FOUND).await;
            assert_eq!(
                body, absent_body,
                "a hidden status looks like a missing one"
            );
        }
    }
}

async fn public_counts_leave_out_what_the_public_cannot_see(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let zai = app.sign_up("zai").await;
    let post = app.post_status(&sam, "open question", &[]).await;
    let id = post["id"].as_str().unwrap();
    app.post_status(
        &zai,
        "@sam psst",
        &[("visibility", "direct"), ("in_reply_to_id", id)],
    )
    .await;
    app.post_status(
        &zai,
        "for my followers",
        &[("visibility", "private"), ("in_reply_to_id", id)],
    )
    .await;
    app.post_status(&zai, "for everyone", &[("in_reply_to_id", id)])
        .await;
    let shown = expect_json(
        app.get(&format!("/api/v1/statuses/{id}"), None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        shown["replies_count"], 1,
        "only the reply anyone may read is counted"
    );
    let zai_now = expect_json(app.verify_credentials(&zai.token).await, StatusCode::OK).await;
    assert_eq!(
        zai_now["statuses_count"], 2,
        "a direct message is not counted as a post"
    );
}

async fn concurrent_deletes_count_once(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let zai = app.sign_up("zai").await;
    app.post_status(&sam, "stays", &[]).await;
    let post = app.post_status(&sam, "goes", &[]).await;
    let id = post["id"].as_str().unwrap().to_owned();
    app.act(&zai, "statuses", &id, "reblog").await;
    let path = format!("/api/v1/statuses/{id}");
    let deletes = (0..4).map(|_| app.delete(&path, Some(&sam.token)));
    let answers = futures_util::future::join_all(deletes).await;
    let codes: Vec<StatusCode> = answers.iter().map(|r| r.status()).collect();
    assert_eq!(
        codes.iter().filter(|c| **c == StatusCode::OK).count(),
        1,
        "{codes:?}"
    );
    assert!(
        codes
            .iter()
            .all(|c| *c == StatusCode::OK || *c == StatusCode::NOT_FOUND),
        "{codes:?}"
    );
    let sam_now = expect_json(app.verify_credentials(&sam.token).await, StatusCode::OK).await;
    assert_eq!(sam_now["statuses_count"], 1);
    let zai_now = expect_json(app.verify_credentials(&zai.token).await, StatusCode::OK).await;
    assert_eq!(
        zai_now["statuses_count"], 0,
        "the reblog went with the original"
    );
}

async fn json_bodies_work_like_forms(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let body = serde_json::json!({
        "status": "from a JSON client",
        "spoiler_text": "cw",
        "visibility": "unlisted",
        "sensitive": false,
        "media_ids": [],
        "poll": null,
        "language": "pt-BR"
    });
    let res = app
        .post_json("/api/v1/statuses", Some(&sam.token), &body)
        .await;
    let status = expect_json(res, StatusCode::OK).await;
    assert_eq!(status["visibility"], "unlisted");
    assert_eq!(status["spoiler_text"], "cw");
    assert_eq!(
        status["sensitive"], true,
        "a content warning marks the post sensitive"
    );
    assert_eq!(status["language"], "pt-BR");
}

/// `@user@this-instance` names the local account; the instance's domain comes from its base URL (here one
/// with a real-looking name, since a mention's domain cannot be an IP address). Backend-independent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentions_of_this_instance_by_full_address_are_local() {
    let app = TestApp::spawn_with(crate::helpers::Backend::Sqlite, |s| {
        s.server.base_url = "https://jobs.example".into();
    })
    .await
    .expect("SQLite is always available");
    let sam = app.sign_up("sam").await;
    let zai = app.sign_up("zaibatsu").await;
    let status = app
        .post_status(
            &sam,
            "hi @Zaibatsu@jobs.example and @zaibatsu@elsewhere.example",
            &[],
        )
        .await;
    let ids: Vec<&str> = status["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [zai.id.as_str()], "{status}");
    let content = status["content"].as_str().unwrap();
    assert_eq!(content.matches("u-url mention").count(), 1, "{content}");
    assert!(
        content.contains("href=\"https://jobs.example/@zaibatsu\""),
        "{content}"
    );
}

async fn reblogs_racing_a_delete_leave_true_counts(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let mut fans = Vec::new();
    for i in 0..4 {
        fans.push(app.sign_up(&format!("fan{i}")).await);
    }
    for _ in 0..3 {
        let post = app.post_status(&sam, "going soon", &[]).await;
        let id = post["id"].as_str().unwrap().to_owned();
        let reblog_paths = format!("/api/v1/statuses/{id}/reblog");
        let delete_path = format!("/api/v1/statuses/{id}");
        let reblogs = fans
            .iter()
            .map(|f| app.post_form(&reblog_paths, Some(&f.token), &[]));
        let (deleted, reblogged) = tokio::join!(
            app.delete(&delete_path, Some(&sam.token)),
            futures_util::future::join_all(reblogs)
        );
        assert_eq!(deleted.status(), StatusCode::OK);
        for res in reblogged {
            // Either the reblog came first (and went with the original) or the original was gone.
            assert!(
                matches!(res.status(), StatusCode::OK | StatusCode::NOT_FOUND),
                "{}",
                res.status()
            );
        }
    }
    for fan in &fans {
        let me = expect_json(app.verify_credentials(&fan.token).await, StatusCode::OK).await;
        let own = app
            .ids(
                &format!("/api/v1/accounts/{}/statuses", fan.id),
                Some(&fan.token),
            )
            .await;
        assert_eq!(
            me["statuses_count"].as_u64().unwrap() as usize,
            own.len(),
            "{}",
            fan.id
        );
        assert!(own.is_empty());
    }
}
