//! Follows, blocks and mutes: idempotent actions, true counters, relationships, and the paged lists.

use reqwest::StatusCode;
use serde_json::Value;

use crate::backend_tests;
use crate::helpers::{assert_mastodon_entity, expect_error, expect_json, TestApp};

backend_tests!(
    follow_and_unfollow_are_idempotent_and_counted,
    concurrent_follows_keep_counters_true,
    follower_lists_page_without_gaps,
    a_block_ends_follows_both_ways_and_hides_each_from_the_other,
    mutes_and_the_block_and_mute_lists,
    refusals_are_clear,
    a_locked_account_answers_follow_requests,
    unlocking_accepts_waiting_requests,
    mutual_follows_and_blocks_at_once_stay_consistent,
);

async fn counts(app: &TestApp, id: &str) -> (i64, i64) {
    let a = expect_json(
        app.get(&format!("/api/v1/accounts/{id}"), None).await,
        StatusCode::OK,
    )
    .await;
    (
        a["followers_count"].as_i64().unwrap(),
        a["following_count"].as_i64().unwrap(),
    )
}

async fn follow_and_unfollow_are_idempotent_and_counted(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let zai = app.sign_up("zai").await;
    for _ in 0..2 {
        let rel = app.act(&sam, "accounts", &zai.id, "follow").await;
        assert_mastodon_entity(&rel, "Relationship");
        assert_eq!(rel["following"], true);
        assert_eq!(rel["showing_reblogs"], true);
    }
    assert_eq!(counts(&app, &zai.id).await, (1, 0));
    assert_eq!(counts(&app, &sam.id).await, (0, 1));
    let res = app
        .post_form(
            &format!("/api/v1/accounts/{}/follow", zai.id),
            Some(&sam.token),
            &[("reblogs", "false")],
        )
        .await;
    assert_eq!(
        expect_json(res, StatusCode::OK).await["showing_reblogs"],
        false
    );
    assert_eq!(counts(&app, &zai.id).await, (1, 0));

    let rels = expect_json(
        app.get(
            &format!(
                "/api/v1/accounts/relationships?id[]={}&id[]={}&id[]=nope",
                zai.id, sam.id
            ),
            Some(&zai.token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(rels.as_array().unwrap().len(), 2);
    assert_eq!(rels[0]["id"], zai.id.as_str());
    assert_eq!(rels[1]["followed_by"], true);
    assert_eq!(rels[1]["following"], false);

    for _ in 0..2 {
        let rel = app.act(&sam, "accounts", &zai.id, "unfollow").await;
        assert_eq!(rel["following"], false);
    }
    assert_eq!(counts(&app, &zai.id).await, (0, 0));
    assert_eq!(counts(&app, &sam.id).await, (0, 0));
}

async fn concurrent_follows_keep_counters_true(app: TestApp) {
    let target = app.sign_up("target").await;
    let mut fans = Vec::new();
    for i in 0..5 {
        fans.push(app.sign_up(&format!("fan{i}")).await);
    }
    // Every fan follows twice at once, then half of them unfollow twice at once.
    let follows = fans
        .iter()
        .flat_map(|f| [f, f])
        .map(|f| app.act(f, "accounts", &target.id, "follow"));
    futures_util::future::join_all(follows).await;
    assert_eq!(counts(&app, &target.id).await, (5, 0));
    let unfollows = fans[..2]
        .iter()
        .flat_map(|f| [f, f])
        .map(|f| app.act(f, "accounts", &target.id, "unfollow"));
    futures_util::future::join_all(unfollows).await;
    assert_eq!(counts(&app, &target.id).await, (3, 0));
    assert_eq!(counts(&app, &fans[0].id).await, (0, 0));
    assert_eq!(counts(&app, &fans[4].id).await, (0, 1));
}

fn next_link(res: &reqwest::Response, rel: &str) -> Option<String> {
    let link = res.headers().get("link")?.to_str().ok()?.to_owned();
    link.split(", ")
        .find(|part| part.ends_with(&format!("rel=\"{rel}\"")))
        .map(|part| part[1..part.find('>').unwrap()].to_owned())
}

async fn follower_lists_page_without_gaps(app: TestApp) {
    let target = app.sign_up("target").await;
    let mut fans = Vec::new();
    for i in 0..5 {
        let fan = app.sign_up(&format!("fan{i}")).await;
        app.act(&fan, "accounts", &target.id, "follow").await;
        fans.push(fan);
    }
    let mut seen = Vec::new();
    let mut url = app.url(&format!("/api/v1/accounts/{}/followers?limit=2", target.id));
    loop {
        let res = app.client.get(&url).send().await.unwrap();
        let next = next_link(&res, "next");
        let page: Value = expect_json(res, StatusCode::OK).await;
        let page = page.as_array().unwrap().clone();
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 2);
        seen.extend(page.iter().map(|a| a["id"].as_str().unwrap().to_owned()));
        url = next.expect("a non-empty page links to the next");
    }
    let newest_first: Vec<String> = fans.iter().rev().map(|f| f.id.clone()).collect();
    assert_eq!(seen, newest_first);
    let following = app
        .ids(&format!("/api/v1/accounts/{}/following", fans[0].id), None)
        .await;
    assert_eq!(following, [target.id.as_str()]);
}

async fn a_block_ends_follows_both_ways_and_hides_each_from_the_other(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let troll = app.sign_up("troll").await;
    app.act(&sam, "accounts", &troll.id, "follow").await;
    app.act(&troll, "accounts", &sam.id, "follow").await;
    let post = app.post_status(&sam, "hello all", &[]).await;
    let rel = app.act(&sam, "accounts", &troll.id, "block").await;
    assert_eq!(rel["blocking"], true);
    assert_eq!(rel["following"], false);
    assert_eq!(rel["followed_by"], false);
    assert_eq!(counts(&app, &sam.id).await, (0, 0));
    assert_eq!(counts(&app, &troll.id).await, (0, 0));

    let id = post["id"].as_str().unwrap();
    let res = app
        .get(&format!("/api/v1/statuses/{id}"), Some(&troll.token))
        .await;
    expect_error(res, StatusCode::NOT_FOUND, "Record not found").await;
    let res = app
        .post_form(
            &format!("/api/v1/accounts/{}/follow", sam.id),
            Some(&troll.token),
            &[],
        )
        .await;
    expect_error(res, StatusCode::FORBIDDEN, "not allowed").await;
    let rels = expect_json(
        app.get(
            &format!("/api/v1/accounts/relationships?id[]={}", sam.id),
            Some(&troll.token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(rels[0]["blocked_by"], true);
    let theirs = app
        .ids(
            &format!("/api/v1/accounts/{}/statuses", sam.id),
            Some(&troll.token),
        )
        .await;
    assert!(theirs.is_empty());

    let blocks = app.ids("/api/v1/blocks", Some(&sam.token)).await;
    assert_eq!(blocks, [troll.id.as_str()]);
    app.act(&sam, "accounts", &troll.id, "unblock").await;
    app.act(&sam, "accounts", &troll.id, "unblock").await;
    assert!(app.ids("/api/v1/blocks", Some(&sam.token)).await.is_empty());
    let res = app
        .get(&format!("/api/v1/statuses/{id}"), Some(&troll.token))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}

async fn mutes_and_the_block_and_mute_lists(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let loud = app.sign_up("loud").await;
    let rel = app.act(&sam, "accounts", &loud.id, "mute").await;
    assert_eq!(rel["muting"], true);
    assert_eq!(rel["muting_notifications"], true);
    let res = app
        .post_form(
            &format!("/api/v1/accounts/{}/mute", loud.id),
            Some(&sam.token),
            &[("notifications", "false")],
        )
        .await;
    assert_eq!(
        expect_json(res, StatusCode::OK).await["muting_notifications"],
        false
    );
    assert_eq!(
        app.ids("/api/v1/mutes", Some(&sam.token)).await,
        [loud.id.as_str()]
    );
    assert!(app.ids("/api/v1/mutes", Some(&loud.token)).await.is_empty());
    let rel = app.act(&sam, "accounts", &loud.id, "unmute").await;
    assert_eq!(rel["muting"], false);
    assert!(app.ids("/api/v1/mutes", Some(&sam.token)).await.is_empty());
}

async fn refusals_are_clear(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let missing = "0190f3a0-0000-7000-8000-000000000000";
    for action in ["follow", "unfollow", "block", "unblock", "mute", "unmute"] {
        let res = app
            .post_form(
                &format!("/api/v1/accounts/{missing}/{action}"),
                Some(&sam.token),
                &[],
            )
            .await;
        expect_error(res, StatusCode::NOT_FOUND, "Record not found").await;
        let res = app
            .post_form(&format!("/api/v1/accounts/{}/{action}", sam.id), None, &[])
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    for action in ["follow", "block", "mute"] {
        let res = app
            .post_form(
                &format!("/api/v1/accounts/{}/{action}", sam.id),
                Some(&sam.token),
                &[],
            )
            .await;
        expect_error(res, StatusCode::FORBIDDEN, "yourself").await;
    }
    let res = app.get("/api/v1/blocks", None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

async fn a_locked_account_answers_follow_requests(app: TestApp) {
    let owner = app.sign_up("owner").await;
    let asker = app.sign_up("asker").await;
    let other = app.sign_up("other").await;
    let res = app
        .patch_form(
            "/api/v1/accounts/update_credentials",
            &owner.token,
            &[("locked", "true")],
        )
        .await;
    assert_eq!(expect_json(res, StatusCode::OK).await["locked"], true);
    let private = app
        .post_status(&owner, "for followers", &[("visibility", "private")])
        .await;
    let private_path = format!("/api/v1/statuses/{}", private["id"].as_str().unwrap());

    for user in [&asker, &asker, &other] {
        let rel = app.act(user, "accounts", &owner.id, "follow").await;
        assert_eq!(
            (rel["following"].as_bool(), rel["requested"].as_bool()),
            (Some(false), Some(true))
        );
    }
    assert_eq!(
        counts(&app, &owner.id).await,
        (0, 0),
        "a request is not a follow"
    );
    let res = app.get(&private_path, Some(&asker.token)).await;
    expect_error(res, StatusCode::NOT_FOUND, "Record not found").await;
    let me = expect_json(app.verify_credentials(&owner.token).await, StatusCode::OK).await;
    assert_eq!(me["source"]["follow_requests_count"], 2);
    let waiting = app.ids("/api/v1/follow_requests", Some(&owner.token)).await;
    assert_eq!(waiting, [other.id.as_str(), asker.id.as_str()]);
    let rels = expect_json(
        app.get(
            &format!("/api/v1/accounts/relationships?id[]={}", asker.id),
            Some(&owner.token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(rels[0]["requested_by"], true);

    let rel = app
        .act(&owner, "follow_requests", &asker.id, "authorize")
        .await;
    assert_eq!(rel["followed_by"], true);
    assert_eq!(rel["requested_by"], false);
    assert_eq!(counts(&app, &owner.id).await, (1, 0));
    assert_eq!(
        app.get(&private_path, Some(&asker.token)).await.status(),
        StatusCode::OK
    );
    let rel = app
        .act(&owner, "follow_requests", &other.id, "reject")
        .await;
    assert_eq!(rel["followed_by"], false);
    assert!(app
        .ids("/api/v1/follow_requests", Some(&owner.token))
        .await
        .is_empty());
    for action in ["authorize", "reject"] {
        let res = app
            .post_form(
                &format!("/api/v1/follow_requests/{}/{action}", other.id),
                Some(&owner.token),
                &[],
            )
            .await;
        expect_error(res, StatusCode::NOT_FOUND, "Record not found").await;
    }
    // Withdrawing: unfollow cancels a pending request.
    app.act(&other, "accounts", &owner.id, "follow").await;
    let rel = app.act(&other, "accounts", &owner.id, "unfollow").await;
    assert_eq!(rel["requested"], false);
    assert!(app
        .ids("/api/v1/follow_requests", Some(&owner.token))
        .await
        .is_empty());
}

async fn unlocking_accepts_waiting_requests(app: TestApp) {
    let owner = app.sign_up("owner").await;
    let asker = app.sign_up("asker").await;
    app.patch_form(
        "/api/v1/accounts/update_credentials",
        &owner.token,
        &[("locked", "true")],
    )
    .await;
    app.act(&asker, "accounts", &owner.id, "follow").await;
    assert_eq!(counts(&app, &owner.id).await, (0, 0));
    let res = app
        .patch_form(
            "/api/v1/accounts/update_credentials",
            &owner.token,
            &[("locked", "false")],
        )
        .await;
    let me = expect_json(res, StatusCode::OK).await;
    assert_eq!(me["source"]["follow_requests_count"], 0);
    assert_eq!(counts(&app, &owner.id).await, (1, 0));
    let rels = expect_json(
        app.get(
            &format!("/api/v1/accounts/relationships?id[]={}", owner.id),
            Some(&asker.token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (
            rels[0]["following"].as_bool(),
            rels[0]["requested"].as_bool()
        ),
        (Some(true), Some(false))
    );
}

async fn mutual_follows_and_blocks_at_once_stay_consistent(app: TestApp) {
    let a = app.sign_up("alpha").await;
    let b = app.sign_up("beta").await;
    for _ in 0..3 {
        let both = [(&a, &b), (&b, &a), (&a, &b), (&b, &a)];
        let paths: Vec<(String, &str)> = both
            .iter()
            .map(|(x, y)| {
                (
                    format!("/api/v1/accounts/{}/follow", y.id),
                    x.token.as_str(),
                )
            })
            .collect();
        let answers = futures_util::future::join_all(
            paths
                .iter()
                .map(|(path, token)| app.post_form(path, Some(token), &[])),
        )
        .await;
        assert!(answers.iter().all(|r| r.status() == StatusCode::OK));
        assert_eq!(counts(&app, &a.id).await, (1, 1));
        assert_eq!(counts(&app, &b.id).await, (1, 1));
        // Both block each other at once, while one also tries to follow again.
        let answers = futures_util::future::join_all([
            app.post_form(
                &format!("/api/v1/accounts/{}/block", b.id),
                Some(&a.token),
                &[],
            ),
            app.post_form(
                &format!("/api/v1/accounts/{}/block", a.id),
                Some(&b.token),
                &[],
            ),
            app.post_form(
                &format!("/api/v1/accounts/{}/follow", a.id),
                Some(&b.token),
                &[],
            ),
        ])
        .await;
        for res in &answers[..2] {
            assert_eq!(res.status(), StatusCode::OK);
        }
        assert!(matches!(
            answers[2].status(),
            StatusCode::OK | StatusCode::FORBIDDEN
        ));
        assert_eq!(
            counts(&app, &a.id).await,
            (0, 0),
            "a block leaves no follow behind"
        );
        assert_eq!(counts(&app, &b.id).await, (0, 0));
        app.act(&a, "accounts", &b.id, "unblock").await;
        app.act(&b, "accounts", &a.id, "unblock").await;
        let rels = expect_json(
            app.get(
                &format!("/api/v1/accounts/relationships?id[]={}", b.id),
                Some(&a.token),
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(
            (
                rels[0]["following"].as_bool(),
                rels[0]["followed_by"].as_bool()
            ),
            (Some(false), Some(false))
        );
    }
}
