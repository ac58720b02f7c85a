//! Who to follow: suggestions from the people the viewer follows and talks to, never the viewer, whom they
//! follow, block, mute, dismissed or anyone hidden from discovery; a newcomer gets the tags they use and popular
//! accounts; dismissals last.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value;

use crate::backend_tests;
use crate::helpers::{assert_mastodon_entity, expect_error, expect_json, TestApp, User, PASSWORD};

backend_tests!(
    the_circle_s_follows_are_suggested_and_the_excluded_never,
    a_dismissed_account_is_never_suggested_again,
    a_request_to_follow_takes_an_account_out_at_once,
    a_favourite_of_a_private_post_is_never_told,
    a_newcomer_gets_accounts_from_their_tags_then_popular_ones,
);

async fn suggestions(app: &TestApp, user: &User, query: &str) -> Vec<Value> {
    app.list(&format!("/api/v2/suggestions{query}"), Some(&user.token))
        .await
}

fn usernames(items: &[Value]) -> Vec<&str> {
    items
        .iter()
        .map(|s| s["account"]["username"].as_str().unwrap())
        .collect()
}

fn find<'a>(items: &'a [Value], username: &str) -> &'a Value {
    items
        .iter()
        .find(|s| s["account"]["username"] == username)
        .unwrap_or_else(|| panic!("{username} not suggested: {:?}", usernames(items)))
}

async fn the_circle_s_follows_are_suggested_and_the_excluded_never(app: TestApp) {
    let ana = app.sign_up("ana").await;
    let [sam, kim, lee, bo, zed, cat, nid, mo, ida] =
        ["sam", "kim", "lee", "bo", "zed", "cat", "nid", "mo", "ida"].map(|n| app.sign_up(n));
    let (sam, kim, lee, bo, zed, cat, nid, mo, ida) = (
        sam.await,
        kim.await,
        lee.await,
        bo.await,
        zed.await,
        cat.await,
        nid.await,
        mo.await,
        ida.await,
    );
    // Ana follows sam, kim and cat; they follow the rest.
    for friend in [&sam, &kim, &cat] {
        app.act(&ana, "accounts", &friend.id, "follow").await;
    }
    for (who, whom) in [
        (&sam, &lee),
        (&kim, &lee),
        (&sam, &bo),
        (&sam, &zed),
        (&sam, &cat),
        (&sam, &nid),
        (&kim, &mo),
        (&kim, &ida),
    ] {
        app.act(who, "accounts", &whom.id, "follow").await;
    }
    app.act(&ana, "accounts", &zed.id, "block").await;
    app.act(&ida, "accounts", &ana.id, "block").await;
    app.patch_form(
        "/api/v1/accounts/update_credentials",
        &nid.token,
        &[("discoverable", "false")],
    )
    .await;
    // Ana is looking for work; bo is hiring.
    app.patch_form(
        "/api/v1/accounts/update_credentials",
        &ana.token,
        &[("open_to_work", "true")],
    )
    .await;
    app.patch_form(
        "/api/v1/accounts/update_credentials",
        &bo.token,
        &[("hiring", "true")],
    )
    .await;

    let items = suggestions(&app, &ana, "").await;
    let mut names = usernames(&items);
    assert_eq!(
        names[0], "lee",
        "two of ana's follows follow lee: {names:?}"
    );
    names.sort();
    assert_eq!(
        names,
        ["bo", "lee", "mo"],
        "not herself, whom she follows, blocks or is blocked by, nor an undiscoverable account"
    );
    for item in &items {
        assert_mastodon_entity(item, "Suggestion");
        assert_eq!(item["sources"], serde_json::json!(["friends_of_friends"]));
        assert_eq!(item["source"], "past_interactions");
    }
    let lee_why = &find(&items, "lee")["explanation"];
    let text = lee_why["text"].as_str().unwrap();
    assert!(
        text == "Followed by @sam and 1 other in your circle"
            || text == "Followed by @kim and 1 other in your circle",
        "{text}"
    );
    let named = lee_why["path"][0]["username"].as_str().unwrap();
    assert!(text.contains(&format!("@{named}")), "{text} names {named}");
    let bo_why = find(&items, "bo")["explanation"]["text"].as_str().unwrap();
    assert_eq!(bo_why, "Followed by @sam · hiring");
    // The deprecated v1 list: the same accounts, as Account entities.
    let v2_ids: Vec<&str> = items
        .iter()
        .map(|s| s["account"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        app.ids("/api/v1/suggestions", Some(&ana.token)).await,
        v2_ids
    );

    // A mute and a follow take effect at once; `limit` is honoured.
    app.act(&ana, "accounts", &mo.id, "mute").await;
    app.act(&ana, "accounts", &lee.id, "follow").await;
    assert_eq!(usernames(&suggestions(&app, &ana, "").await), ["bo"]);
    assert_eq!(
        suggestions(&app, &ana, "?limit=0").await.len(),
        1,
        "at least one"
    );

    // A user's token, with a scope that reads accounts.
    expect_error(
        app.get("/api/v2/suggestions", None).await,
        StatusCode::UNAUTHORIZED,
        "",
    )
    .await;
    let res = app
        .password_grant(&ana.app, "ana@example.com", PASSWORD, "write")
        .await;
    let writer = expect_json(res, StatusCode::OK).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    expect_error(
        app.get("/api/v2/suggestions", Some(&writer)).await,
        StatusCode::FORBIDDEN,
        "outside the authorized scopes",
    )
    .await;
}

/// A request to follow a locked account changes no edge, so the viewer's circle (and the list kept with it)
/// stays: the account must still go at once.
async fn a_request_to_follow_takes_an_account_out_at_once(app: TestApp) {
    let ana = app.sign_up("ana").await;
    let sam = app.sign_up("sam").await;
    let lo = app.sign_up("lo").await;
    let lee = app.sign_up("lee").await;
    app.act(&ana, "accounts", &sam.id, "follow").await;
    app.act(&sam, "accounts", &lo.id, "follow").await;
    app.act(&sam, "accounts", &lee.id, "follow").await;
    app.patch_form(
        "/api/v1/accounts/update_credentials",
        &lo.token,
        &[("locked", "true")],
    )
    .await;
    let items = suggestions(&app, &ana, "").await;
    let mut names = usernames(&items);
    names.sort();
    assert_eq!(names, ["lee", "lo"]);
    let rel = app.act(&ana, "accounts", &lo.id, "follow").await;
    assert_eq!(
        (rel["requested"].as_bool(), rel["following"].as_bool()),
        (Some(true), Some(false))
    );
    assert_eq!(usernames(&suggestions(&app, &ana, "").await), ["lee"]);
}

/// Favourites of open posts are public (`favourited_by`); one of a direct message is not, and must not surface
/// as "Favourited by @kim".
async fn a_favourite_of_a_private_post_is_never_told(app: TestApp) {
    let ana = app.sign_up("ana").await;
    let kim = app.sign_up("kim").await;
    let vic = app.sign_up("vic").await;
    let pub_ = app.sign_up("pub").await;
    app.act(&ana, "accounts", &kim.id, "follow").await;
    let direct = app
        .post_status(&vic, "@kim just between us", &[("visibility", "direct")])
        .await;
    app.act(
        &kim,
        "statuses",
        direct["id"].as_str().unwrap(),
        "favourite",
    )
    .await;
    let open = app.post_status(&pub_, "an open post", &[]).await;
    app.act(&kim, "statuses", open["id"].as_str().unwrap(), "favourite")
        .await;

    let items = suggestions(&app, &ana, "").await;
    assert_eq!(
        usernames(&items),
        ["pub"],
        "vic only ever had a direct message favourited"
    );
    assert_eq!(items[0]["explanation"]["text"], "Favourited by @kim");
}

async fn a_dismissed_account_is_never_suggested_again(app: TestApp) {
    let ana = app.sign_up("ana").await;
    let sam = app.sign_up("sam").await;
    let pat = app.sign_up("pat").await;
    let lee = app.sign_up("lee").await;
    app.act(&ana, "accounts", &sam.id, "follow").await;
    app.act(&sam, "accounts", &pat.id, "follow").await;
    app.act(&sam, "accounts", &lee.id, "follow").await;
    assert_eq!(suggestions(&app, &ana, "").await.len(), 2);

    let path = format!("/api/v1/suggestions/{}", pat.id);
    for _ in 0..2 {
        let res = app.delete(&path, Some(&ana.token)).await;
        assert_eq!(
            expect_json(res, StatusCode::OK).await,
            serde_json::json!({})
        );
    }
    assert_eq!(usernames(&suggestions(&app, &ana, "").await), ["lee"]);
    // Only for ana: sam's own suggestions are his.
    let mut conn = app.db();
    use diesel::prelude::*;
    use weakties::db::schema::suggestion_dismissals as d;
    let rows: Vec<(String, String)> = d::table
        .select((d::account_id, d::target_account_id))
        .load::<(weakties::db::Id, weakties::db::Id)>(&mut conn)
        .unwrap()
        .into_iter()
        .map(|(a, t)| (a.to_string(), t.to_string()))
        .collect();
    assert_eq!(rows, [(ana.id.clone(), pat.id.clone())], "on disk, once");

    expect_error(
        app.delete(
            "/api/v1/suggestions/0190f1d2-0000-7000-8000-000000000000",
            Some(&ana.token),
        )
        .await,
        StatusCode::NOT_FOUND,
        "Record not found",
    )
    .await;
    expect_error(
        app.delete("/api/v1/suggestions/not-an-id", Some(&ana.token))
            .await,
        StatusCode::NOT_FOUND,
        "Record not found",
    )
    .await;
    expect_error(app.delete(&path, None).await, StatusCode::UNAUTHORIZED, "").await;
    // A token without write:accounts may read suggestions but not dismiss them.
    let res = app
        .password_grant(&ana.app, "ana@example.com", PASSWORD, "read")
        .await;
    let reader = expect_json(res, StatusCode::OK).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = app.get("/api/v2/suggestions", Some(&reader)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .delete(&format!("/api/v1/suggestions/{}", lee.id), Some(&reader))
        .await;
    expect_error(res, StatusCode::FORBIDDEN, "outside the authorized scopes").await;
}

/// The popular accounts are computed with reputation, every `circle_ttl_secs` (15 minutes by default): an
/// instance with that at 1 s shows them within seconds.
async fn a_newcomer_gets_accounts_from_their_tags_then_popular_ones(app: TestApp) {
    let app = TestApp::spawn_with(app.backend, |s| s.job_feed.circle_ttl_secs = 1)
        .await
        .expect("the backend the suite runs on");
    let star = app.sign_up("star").await;
    let dev = app.sign_up("dev").await;
    let fans = [
        app.sign_up("fan1").await,
        app.sign_up("fan2").await,
        app.sign_up("fan3").await,
    ];
    for fan in &fans {
        app.act(fan, "accounts", &star.id, "follow").await;
        app.post_status(fan, &format!("thank you @{} for the tips!", "star"), &[])
            .await;
    }
    app.post_status(&dev, "#RustJobs two openings on our team", &[])
        .await;
    app.post_status(&dev, "more #rustjobs this week", &[]).await;
    app.post_status(&dev, "a quiet #rustjobs post", &[("visibility", "private")])
        .await;

    let newbie = app.sign_up("newbie").await;
    app.post_status(&newbie, "learning #rustjobs ropes, any advice?", &[])
        .await;

    let mut items = Vec::new();
    for _ in 0..40 {
        items = suggestions(&app, &newbie, "").await;
        if usernames(&items).contains(&"star") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let names = usernames(&items);
    assert_eq!(names[..2], ["dev", "star"], "{names:?}");
    let dev_item = find(&items, "dev");
    assert_eq!(
        dev_item["explanation"]["text"], "Posted 2 times in #RustJobs, a tag you use",
        "public posts only; the tag as first written"
    );
    assert_eq!(dev_item["source"], "global");
    let star_item = find(&items, "star");
    assert_eq!(star_item["source"], "global");
    let sources = star_item["sources"].as_array().unwrap();
    assert!(
        sources == &["most_followed"] || sources == &["most_interactions"],
        "{sources:?}"
    );
    assert!(star_item["explanation"]["text"]
        .as_str()
        .unwrap()
        .contains("followed by 3 people"));
    for item in &items {
        assert_mastodon_entity(item, "Suggestion");
        assert_ne!(item["account"]["username"], "newbie");
    }
}
