//! The drift test: both migration folders hold the same migrations, every migration runs (and reverts) on
//! both backends, and every table loads into its model there.

use diesel::{QueryDsl, RunQueryDsl, SelectableHelper};
use reqwest::StatusCode;
use weakties::db::accounts::Account;
use weakties::db::apps::App;
use weakties::db::codes::AuthorizationCode;
use weakties::db::migrations;
use weakties::db::schema::*;
use weakties::db::tokens::AccessToken;
use weakties::db::users::User;

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

    let mut conn = app.db();
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
    assert_eq!(accounts.len(), 1);
    assert_eq!(users.len(), 1);
    assert_eq!(apps.len(), 1);
    assert_eq!(tokens.len(), 2, "the app token and the new account's token");
    assert_eq!(codes.len(), 1);
    assert_eq!(
        accounts[0].id.to_string(),
        user.id,
        "ids round-trip through the custom UUID type"
    );
    assert_eq!(codes[0].account_id, accounts[0].id);
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
