//! The drift test: both migration folders hold the same migrations, every migration runs (and reverts) on
//! both backends, and every table loads into its model there.

use diesel::{QueryDsl, RunQueryDsl, SelectableHelper};
use reqwest::StatusCode;
use weakties::db::accounts::Account;
use weakties::db::apps::App;
use weakties::db::blocks::Block;
use weakties::db::codes::AuthorizationCode;
use weakties::db::favourites::Favourite;
use weakties::db::follow_requests::FollowRequest;
use weakties::db::follows::Follow;
use weakties::db::migrations;
use weakties::db::mutes::Mute;
use weakties::db::notifications::Notification;
use weakties::db::schema::*;
use weakties::db::statuses::Status;
use weakties::db::tags::Tag;
use weakties::db::tokens::AccessToken;
use weakties::db::users::User;
use weakties::db::Id;

use crate::backend_tests;
use crate::helpers::{TestApp, PASSWORD};

backend_tests!(every_table_loads_and_migrations_revert);

#[test]
fn both_backends_have_the_same_migrations() {
    let (sqlite, postgres) = migrations::names();
    assert!(!sqlite.is_empty());
    assert_eq!(
        sqlite, postgres,
        "migrations/sqlite and migrations/postgres must hold the same names"
    );
}

async fn every_table_loads_and_migrations_revert(app: TestApp) {
    // One row in every table, written through the API.
    let user = app.sign_up("drift").await;
    let res = app
        .post_form(
            "/oauth/authorize",
            None,
            &[
                ("response_type", "code"),
                ("client_id", user.app.client_id.as_str()),
                ("redirect_uri", "urn:ietf:wg:oauth:2.0:oob"),
                ("login", "drift"),
                ("password", PASSWORD),
                ("decision", "approve"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let friend = app.sign_up("friend").await;
    let foe = app.sign_up("foe").await;
    app.act(&user, "accounts", &friend.id, "follow").await;
    app.act(&user, "accounts", &friend.id, "mute").await;
    app.act(&user, "accounts", &foe.id, "block").await;
    app.patch_form(
        "/api/v1/accounts/update_credentials",
        &user.token,
        &[("locked", "1")],
    )
    .await;
    app.act(&friend, "accounts", &user.id, "follow").await;
    let res = app
        .client
        .post(app.url("/api/v1/statuses"))
        .bearer_auth(&friend.token)
        .header("Idempotency-Key", "drift")
        .form(&[("status", "hi @drift #drift")])
        .send()
        .await
        .unwrap();
    let post: serde_json::Value = res.json().await.unwrap();
    let post_id = post["id"].as_str().unwrap();
    app.act(&user, "statuses", post_id, "reblog").await;
    app.act(&user, "statuses", post_id, "favourite").await;
    let res = app
        .delete(
            &format!("/api/v1/suggestions/{}", friend.id),
            Some(&user.token),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    let mut conn = app.db();
    let statuses: Vec<Status> = statuses::table
        .select(Status::as_select())
        .load(&mut conn)
        .unwrap();
    assert_eq!(statuses.len(), 2, "a post and its reblog");
    let follows: Vec<Follow> = follows::table
        .select(Follow::as_select())
        .load(&mut conn)
        .unwrap();
    let blocks: Vec<Block> = blocks::table
        .select(Block::as_select())
        .load(&mut conn)
        .unwrap();
    let mutes: Vec<Mute> = mutes::table
        .select(Mute::as_select())
        .load(&mut conn)
        .unwrap();
    let favourites: Vec<Favourite> = favourites::table
        .select(Favourite::as_select())
        .load(&mut conn)
        .unwrap();
    let tags: Vec<Tag> = tags::table
        .select(Tag::as_select())
        .load(&mut conn)
        .unwrap();
    let requests: Vec<FollowRequest> = follow_requests::table
        .select(FollowRequest::as_select())
        .load(&mut conn)
        .unwrap();
    assert_eq!(
        requests.len(),
        1,
        "the friend asks to follow the locked account"
    );
    assert_eq!(
        (
            follows.len(),
            blocks.len(),
            mutes.len(),
            favourites.len(),
            tags.len()
        ),
        (1, 1, 1, 1, 1)
    );
    let notes: Vec<Notification> = notifications::table
        .select(Notification::as_select())
        .load(&mut conn)
        .unwrap();
    let mut kinds: Vec<&str> = notes.iter().map(|n| n.kind.as_str()).collect();
    kinds.sort();
    // The friend's mention and follow request reach no one: it is muted.
    assert_eq!(kinds, ["favourite", "follow", "reblog"]);
    let edges: Vec<weakties::db::interaction_edges::EdgeRow> = interaction_edges::table
        .select(weakties::db::interaction_edges::EdgeRow::as_select())
        .load(&mut conn)
        .unwrap();
    assert!(
        !edges.is_empty(),
        "the follow, mention, reblog and favourite made edges"
    );
    let dismissed: Vec<(Id, Id)> = suggestion_dismissals::table
        .select((
            suggestion_dismissals::account_id,
            suggestion_dismissals::target_account_id,
        ))
        .load(&mut conn)
        .unwrap();
    assert_eq!(dismissed.len(), 1, "the dismissed suggestion");
    let marks: Vec<String> = backfills::table
        .select(backfills::name)
        .load(&mut conn)
        .unwrap();
    assert_eq!(marks, ["search"], "start-up indexed what predates search");
    let terms: Vec<(String, Id)> = account_search_terms::table
        .select((account_search_terms::term, account_search_terms::account_id))
        .load(&mut conn)
        .unwrap();
    assert!(terms.iter().any(|(t, _)| t == "drift"));
    let words: Vec<(String, Id)> = status_words::table
        .select((status_words::word, status_words::status_id))
        .load(&mut conn)
        .unwrap();
    let mut words: Vec<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
    words.sort();
    assert_eq!(words, ["drift", "hi"], "a post's words, not its reblog's");
    let mentions: Vec<(Id, Id)> = mentions::table
        .select((mentions::status_id, mentions::account_id))
        .load(&mut conn)
        .unwrap();
    let tagged: Vec<(Id, Id)> = status_tags::table
        .select((status_tags::status_id, status_tags::tag_id))
        .load(&mut conn)
        .unwrap();
    let keys: Vec<(Id, String)> = idempotency_keys::table
        .select((idempotency_keys::status_id, idempotency_keys::key))
        .load(&mut conn)
        .unwrap();
    assert_eq!(mentions[0].1.to_string(), user.id);
    assert_eq!(tagged[0].1, tags[0].id);
    assert_eq!(keys[0].0.to_string(), post_id);
    let accounts: Vec<Account> = accounts::table
        .select(Account::as_select())
        .load(&mut conn)
        .unwrap();
    let users: Vec<User> = users::table
        .select(User::as_select())
        .load(&mut conn)
        .unwrap();
    let apps: Vec<App> = oauth_applications::table
        .select(App::as_select())
        .load(&mut conn)
        .unwrap();
    let tokens: Vec<AccessToken> = oauth_access_tokens::table
        .select(AccessToken::as_select())
        .load(&mut conn)
        .unwrap();
    let codes: Vec<AuthorizationCode> = oauth_authorization_codes::table
        .select(AuthorizationCode::as_select())
        .load(&mut conn)
        .unwrap();
    assert_eq!(accounts.len(), 3);
    assert_eq!(users.len(), 3);
    assert_eq!(apps.len(), 3);
    assert_eq!(
        tokens.len(),
        6,
        "an app token and an account token per sign-up"
    );
    assert_eq!(codes.len(), 1);
    let drift = accounts.iter().find(|a| a.username == "drift").unwrap();
    assert_eq!(
        drift.id.to_string(),
        user.id,
        "ids round-trip through the custom UUID type"
    );
    assert_eq!(codes[0].account_id, drift.id);
    assert_eq!(
        accounts[0].created_at.and_utc().timestamp_subsec_nanos() % 1000,
        0,
        "times are kept to the microsecond"
    );

    let reverted = migrations::revert_all(&mut conn).unwrap();
    let (names, _) = migrations::names();
    assert_eq!(reverted.len(), names.len());
    let applied = migrations::run_pending(&mut conn).unwrap();
    assert_eq!(applied.len(), names.len());
    let empty: Vec<Account> = accounts::table
        .select(Account::as_select())
        .load(&mut conn)
        .unwrap();
    assert!(empty.is_empty());
}
