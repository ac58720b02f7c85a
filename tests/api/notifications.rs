//! Notifications: made by the event, gone with it, never of one's own actions or from ignored accounts, and
//! each readable only by the account it belongs to.

use reqwest::StatusCode;
use serde_json::Value;

use crate::backend_tests;
use crate::helpers::{assert_mastodon_entity, expect_error, expect_json, TestApp, User};

backend_tests!(
    each_event_notifies_its_target_once,
    undoing_an_event_removes_its_notification,
    ignored_accounts_do_not_notify,
    lists_filter_by_type_and_account_and_page_with_links,
    a_notification_belongs_to_one_account,
    follow_requests_notify_until_answered,
);

async fn notifications(app: &TestApp, user: &User, query: &str) -> Vec<Value> {
    app.list(&format!("/api/v1/notifications{query}"), Some(&user.token))
        .await
}

/// (type, acting account, status id) of each notification, newest first.
async fn summary(app: &TestApp, user: &User) -> Vec<(String, String, Option<String>)> {
    notifications(app, user, "")
        .await
        .iter()
        .map(|n| {
            (
                n["type"].as_str().unwrap().to_owned(),
                n["account"]["id"].as_str().unwrap().to_owned(),
                n["status"]["id"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

fn note(kind: &str, from: &User, status: Option<&str>) -> (String, String, Option<String>) {
    (kind.to_owned(), from.id.clone(), status.map(str::to_owned))
}

async fn each_event_notifies_its_target_once(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let zai = app.sign_up("zai").await;
    let tip = app
        .post_status(&sam, "tip: name the role you want", &[])
        .await;
    let tip_id = tip["id"].as_str().unwrap();

    app.act(&zai, "accounts", &sam.id, "follow").await;
    let thanks = app.post_status(&zai, "thanks @sam for the tip", &[]).await;
    let thanks_id = thanks["id"].as_str().unwrap();
    app.act(&zai, "statuses", tip_id, "reblog").await;
    app.act(&zai, "statuses", tip_id, "favourite").await;
    // Repeats change nothing.
    app.act(&zai, "accounts", &sam.id, "follow").await;
    app.act(&zai, "statuses", tip_id, "reblog").await;
    app.act(&zai, "statuses", tip_id, "favourite").await;
    // One's own actions notify no one.
    app.act(&sam, "statuses", tip_id, "favourite").await;
    app.post_status(&sam, "note to self @sam", &[]).await;

    assert_eq!(
        summary(&app, &sam).await,
        [
            note("favourite", &zai, Some(tip_id)),
            note("reblog", &zai, Some(tip_id)),
            note("mention", &zai, Some(thanks_id)),
            note("follow", &zai, None),
        ]
    );
    for n in notifications(&app, &sam, "").await {
        assert_mastodon_entity(&n, "Notification");
        assert_eq!(
            n["group_key"],
            format!("ungrouped-{}", n["id"].as_str().unwrap())
        );
    }
    assert!(summary(&app, &zai).await.is_empty(), "zai was not acted on");

    // A direct post notifies the accounts it mentions, and they can read it in the notification.
    let dm = app
        .post_status(
            &zai,
            "@sam can we talk about the opening?",
            &[("visibility", "direct")],
        )
        .await;
    let latest = &notifications(&app, &sam, "").await[0];
    assert_eq!(latest["type"], "mention");
    assert_eq!(latest["status"]["id"], dm["id"]);
    assert_eq!(latest["status"]["visibility"], "direct");
}

async fn undoing_an_event_removes_its_notification(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let zai = app.sign_up("zai").await;
    let tip = app
        .post_status(&sam, "tip: follow up after a week", &[])
        .await;
    let tip_id = tip["id"].as_str().unwrap();
    app.act(&zai, "accounts", &sam.id, "follow").await;
    let thanks = app.post_status(&zai, "thanks @sam", &[]).await;
    app.act(&zai, "statuses", tip_id, "reblog").await;
    app.act(&zai, "statuses", tip_id, "favourite").await;
    assert_eq!(summary(&app, &sam).await.len(), 4);

    app.act(&zai, "statuses", tip_id, "unfavourite").await;
    app.act(&zai, "statuses", tip_id, "unreblog").await;
    app.act(&zai, "accounts", &sam.id, "unfollow").await;
    let res = app
        .delete(
            &format!("/api/v1/statuses/{}", thanks["id"].as_str().unwrap()),
            Some(&zai.token),
        )
        .await;
    expect_json(res, StatusCode::OK).await;
    assert!(summary(&app, &sam).await.is_empty());

    // Deleting the reblogged post takes the reblog's notification with it; so does deleting a reblog by id.
    let wrapper = app.act(&zai, "statuses", tip_id, "reblog").await;
    let other = app
        .post_status(&sam, "tip: keep a brag document", &[])
        .await;
    let other_id = other["id"].as_str().unwrap();
    app.act(&zai, "statuses", other_id, "reblog").await;
    assert_eq!(summary(&app, &sam).await.len(), 2);
    let res = app
        .delete(
            &format!("/api/v1/statuses/{}", wrapper["id"].as_str().unwrap()),
            Some(&zai.token),
        )
        .await;
    expect_json(res, StatusCode::OK).await;
    assert_eq!(
        summary(&app, &sam).await,
        [note("reblog", &zai, Some(other_id))]
    );
    let res = app
        .delete(&format!("/api/v1/statuses/{other_id}"), Some(&sam.token))
        .await;
    expect_json(res, StatusCode::OK).await;
    assert!(summary(&app, &sam).await.is_empty());

    // A block ends the follows both ways, and their notifications.
    app.act(&zai, "accounts", &sam.id, "follow").await;
    assert_eq!(summary(&app, &sam).await.len(), 1);
    app.act(&sam, "accounts", &zai.id, "block").await;
    app.act(&sam, "accounts", &zai.id, "unblock").await;
    assert!(summary(&app, &sam).await.is_empty());
}

async fn ignored_accounts_do_not_notify(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let foe = app.sign_up("foe").await;
    let pest = app.sign_up("pest").await;
    let chatty = app.sign_up("chatty").await;
    let friend = app.sign_up("friend").await;

    app.act(&sam, "accounts", &foe.id, "block").await;
    app.post_status(&foe, "@sam hello?", &[]).await;
    app.act(&sam, "accounts", &pest.id, "mute").await;
    app.post_status(&pest, "@sam buy my course", &[]).await;
    // A mute that keeps notifications (notifications=false) still lets mentions through.
    let res = app
        .post_form(
            &format!("/api/v1/accounts/{}/mute", chatty.id),
            Some(&sam.token),
            &[("notifications", "false")],
        )
        .await;
    expect_json(res, StatusCode::OK).await;
    let chat = app.post_status(&chatty, "@sam lunch?", &[]).await;
    assert_eq!(
        summary(&app, &sam).await,
        [note("mention", &chatty, chat["id"].as_str())]
    );

    // Someone blocked after the event: the notification is no longer shown.
    app.post_status(&friend, "@sam congrats on the offer", &[])
        .await;
    assert_eq!(summary(&app, &sam).await.len(), 2);
    app.act(&sam, "accounts", &friend.id, "block").await;
    assert_eq!(summary(&app, &sam).await.len(), 1);
    // Nor when the other side blocks.
    app.act(&chatty, "accounts", &sam.id, "block").await;
    assert!(summary(&app, &sam).await.is_empty());
}

async fn lists_filter_by_type_and_account_and_page_with_links(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let zai = app.sign_up("zai").await;
    let kim = app.sign_up("kim").await;
    let tip = app.post_status(&sam, "tip: practise out loud", &[]).await;
    let tip_id = tip["id"].as_str().unwrap();
    app.act(&zai, "accounts", &sam.id, "follow").await;
    app.act(&kim, "accounts", &sam.id, "follow").await;
    app.post_status(&zai, "@sam one", &[]).await;
    app.post_status(&kim, "@sam two", &[]).await;
    app.act(&kim, "statuses", tip_id, "favourite").await;

    let kinds = |list: Vec<Value>| -> Vec<String> {
        list.iter()
            .map(|n| n["type"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        kinds(notifications(&app, &sam, "?types[]=mention").await),
        ["mention", "mention"]
    );
    assert_eq!(
        kinds(notifications(&app, &sam, "?types[]=follow&types[]=favourite").await),
        ["favourite", "follow", "follow"]
    );
    assert_eq!(
        kinds(
            notifications(
                &app,
                &sam,
                "?exclude_types[]=mention&exclude_types[]=follow"
            )
            .await
        ),
        ["favourite"]
    );
    assert!(notifications(&app, &sam, "?types[]=poll").await.is_empty());
    let from_kim = notifications(&app, &sam, &format!("?account_id={}", kim.id)).await;
    assert_eq!(kinds(from_kim.clone()), ["favourite", "mention", "follow"]);
    assert!(from_kim
        .iter()
        .all(|n| n["account"]["id"] == kim.id.as_str()));
    expect_error(
        app.get("/api/v1/notifications?account_id=nope", Some(&sam.token))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "account_id",
    )
    .await;

    // Pages of two, following the Link header, keep the filter and see every notification once.
    let mut seen = Vec::new();
    let mut path = "/api/v1/notifications?exclude_types[]=favourite&limit=2".to_owned();
    loop {
        let res = app.get(&path, Some(&sam.token)).await;
        let link = res
            .headers()
            .get("link")
            .map(|l| l.to_str().unwrap().to_owned());
        let page = expect_json(res, StatusCode::OK).await;
        let page = page.as_array().unwrap();
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 2);
        seen.extend(page.iter().map(|n| n["type"].as_str().unwrap().to_owned()));
        let link = link.expect("a non-empty page links on");
        let next = link.split(';').next().unwrap();
        let next = next.trim_matches(|c| c == '<' || c == '>');
        assert!(next.contains("exclude_types"), "{next}");
        path = next.trim_start_matches(&app.url("")).to_owned();
    }
    assert_eq!(seen, ["mention", "mention", "follow", "follow"]);
}

async fn a_notification_belongs_to_one_account(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let zai = app.sign_up("zai").await;
    app.act(&zai, "accounts", &sam.id, "follow").await;
    app.act(&sam, "accounts", &zai.id, "follow").await;
    let mine = notifications(&app, &sam, "").await;
    let id = mine[0]["id"].as_str().unwrap();
    let theirs = notifications(&app, &zai, "").await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let res = app
        .get(&format!("/api/v1/notifications/{id}"), Some(&sam.token))
        .await;
    let one = expect_json(res, StatusCode::OK).await;
    assert_eq!(one, mine[0]);
    for res in [
        app.get(&format!("/api/v1/notifications/{id}"), Some(&zai.token))
            .await,
        app.post_form(
            &format!("/api/v1/notifications/{id}/dismiss"),
            Some(&zai.token),
            &[],
        )
        .await,
        app.get("/api/v1/notifications/not-an-id", Some(&sam.token))
            .await,
    ] {
        expect_error(res, StatusCode::NOT_FOUND, "not found").await;
    }
    expect_error(
        app.get("/api/v1/notifications", None).await,
        StatusCode::UNAUTHORIZED,
        "",
    )
    .await;

    // Dismissing and clearing touch only one's own.
    let res = app
        .post_form(
            &format!("/api/v1/notifications/{id}/dismiss"),
            Some(&sam.token),
            &[],
        )
        .await;
    assert_eq!(
        expect_json(res, StatusCode::OK).await,
        serde_json::json!({})
    );
    let res = app
        .get(&format!("/api/v1/notifications/{id}"), Some(&sam.token))
        .await;
    expect_error(res, StatusCode::NOT_FOUND, "not found").await;
    app.post_status(&zai, "@sam hi", &[]).await;
    let res = app
        .post_form("/api/v1/notifications/clear", Some(&sam.token), &[])
        .await;
    expect_json(res, StatusCode::OK).await;
    assert!(notifications(&app, &sam, "").await.is_empty());
    assert_eq!(
        notifications(&app, &zai, "").await[0]["id"],
        theirs.as_str()
    );
}

async fn follow_requests_notify_until_answered(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let zai = app.sign_up("zai").await;
    let kim = app.sign_up("kim").await;
    app.patch_form(
        "/api/v1/accounts/update_credentials",
        &sam.token,
        &[("locked", "true")],
    )
    .await;
    app.act(&zai, "accounts", &sam.id, "follow").await;
    app.act(&kim, "accounts", &sam.id, "follow").await;
    assert_eq!(
        summary(&app, &sam).await,
        [
            note("follow_request", &kim, None),
            note("follow_request", &zai, None)
        ]
    );
    app.act(&sam, "follow_requests", &zai.id, "authorize").await;
    app.act(&sam, "follow_requests", &kim.id, "reject").await;
    assert!(summary(&app, &sam).await.is_empty());
    // A withdrawn request takes its notification too.
    app.act(&kim, "accounts", &sam.id, "follow").await;
    assert_eq!(summary(&app, &sam).await.len(), 1);
    app.act(&kim, "accounts", &sam.id, "unfollow").await;
    assert!(summary(&app, &sam).await.is_empty());
}
