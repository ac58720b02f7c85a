//! Search: accounts by name prefix (any case, any script), hashtags by prefix, posts by words — only the posts
//! the searcher may see — with the same answers on both backends.

use reqwest::StatusCode;
use serde_json::Value;

use crate::backend_tests;
use crate::helpers::{assert_mastodon_entity, expect_error, expect_json, TestApp, User};

backend_tests!(
    accounts_are_found_by_the_start_of_any_name,
    hashtags_are_found_by_prefix,
    posts_are_found_by_words_only_where_the_searcher_may_see_them,
    search_pages_with_offset_and_limit,
    what_predates_search_is_indexed_at_start_up,
    bad_queries_get_a_clear_4xx,
    an_exact_username_comes_first,
);

async fn search(app: &TestApp, user: Option<&User>, query: &str) -> Value {
    let res = app
        .get(
            &format!("/api/v2/search?{query}"),
            user.map(|u| u.token.as_str()),
        )
        .await;
    let body = expect_json(res, StatusCode::OK).await;
    assert_mastodon_entity(&body, "Search");
    body
}

fn list(body: &Value, key: &str, field: &str) -> Vec<String> {
    body[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v[field].as_str().unwrap().to_owned())
        .collect()
}

/// Ids of the posts a search for "rust hiring" finds.
async fn found(app: &TestApp, user: Option<&User>, extra: &str) -> Vec<String> {
    list(
        &search(app, user, &format!("type=statuses&q=rust+hiring{extra}")).await,
        "statuses",
        "id",
    )
}

fn q(text: &str) -> String {
    serde_urlencoded::to_string([("q", text)]).unwrap()
}

async fn accounts_are_found_by_the_start_of_any_name(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let samantha = app.sign_up("samantha").await;
    let zai = app.sign_up("zai").await;
    let foe = app.sign_up("samfoe").await;
    app.patch_form(
        "/api/v1/accounts/update_credentials",
        &zai.token,
        &[("display_name", "Émile Zola")],
    )
    .await;
    let accounts = |body: Value| list(&body, "accounts", "username");

    for query in ["sam", "SAM", "@Sam"] {
        assert_eq!(
            accounts(search(&app, None, &format!("type=accounts&{}", q(query))).await),
            ["sam", "samantha", "samfoe"],
            "{query}"
        );
    }
    let here = format!("sam@{}", app.domain());
    assert_eq!(
        accounts(search(&app, None, &format!("type=accounts&{}", q(&here))).await),
        ["sam", "samantha", "samfoe"]
    );
    assert!(accounts(search(&app, None, "type=accounts&q=sam@elsewhere.social").await).is_empty());
    // Display names: case-insensitive in any script, by the whole name or any word of it.
    for query in ["émile", "ÉMI", "Émile Z", "zola", "ZOL", "Ｚｏｌａ"] {
        assert_eq!(
            accounts(search(&app, None, &format!("type=accounts&{}", q(query))).await),
            ["zai"],
            "{query}"
        );
    }
    // A renamed account is found by its new name only.
    app.patch_form(
        "/api/v1/accounts/update_credentials",
        &zai.token,
        &[("display_name", "Zed")],
    )
    .await;
    assert!(accounts(search(&app, None, "type=accounts&q=zola").await).is_empty());

    // Blocks hide either way; `following` keeps the followed.
    app.act(&foe, "accounts", &sam.id, "block").await;
    app.act(&sam, "accounts", &samantha.id, "follow").await;
    assert_eq!(
        accounts(search(&app, Some(&sam), "type=accounts&q=sam").await),
        ["sam", "samantha"]
    );
    assert_eq!(
        accounts(search(&app, Some(&sam), "type=accounts&q=sam&following=true").await),
        ["samantha"]
    );
    // The v1 endpoint answers the same accounts, to signed-in users only.
    assert_eq!(
        app.ids(
            "/api/v1/accounts/search?q=sam&following=true",
            Some(&sam.token)
        )
        .await,
        [samantha.id.as_str()]
    );
    expect_error(
        app.get("/api/v1/accounts/search?q=sam", None).await,
        StatusCode::UNAUTHORIZED,
        "",
    )
    .await;
}

async fn hashtags_are_found_by_prefix(app: TestApp) {
    let sam = app.sign_up("sam").await;
    app.post_status(&sam, "#Hiring a #HiringManager, #rust", &[])
        .await;
    let body = search(&app, None, "q=%23HIR").await;
    assert_eq!(list(&body, "hashtags", "name"), ["hiring", "hiringmanager"]);
    assert!(body["hashtags"][0]["url"]
        .as_str()
        .unwrap()
        .ends_with("/tags/hiring"));
    let only = search(&app, None, "q=rust&type=hashtags").await;
    assert_eq!(list(&only, "hashtags", "name"), ["rust"]);
    assert!(only["accounts"].as_array().unwrap().is_empty());
    assert!(only["statuses"].as_array().unwrap().is_empty());
    assert!(list(&search(&app, None, "q=%23zzz").await, "hashtags", "name").is_empty());
    // A tag used only in private or direct posts is not discoverable.
    app.post_status(
        &sam,
        "#AcmeLayoffs are coming",
        &[("visibility", "private")],
    )
    .await;
    app.post_status(&sam, "@sam #AcmeSecret", &[("visibility", "direct")])
        .await;
    assert!(list(
        &search(&app, Some(&sam), "q=acme").await,
        "hashtags",
        "name"
    )
    .is_empty());
    app.post_status(&sam, "#AcmeLayoffs are public now", &[])
        .await;
    assert_eq!(
        list(&search(&app, None, "q=acme").await, "hashtags", "name"),
        ["acmelayoffs"]
    );
}

async fn posts_are_found_by_words_only_where_the_searcher_may_see_them(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let fan = app.sign_up("fan").await;
    let kim = app.sign_up("kim").await;
    let outsider = app.sign_up("outsider").await;
    app.act(&fan, "accounts", &sam.id, "follow").await;
    let post = |text: &'static str, visibility: &'static str| {
        let (app, sam) = (&app, &sam);
        async move {
            app.post_status(sam, text, &[("visibility", visibility)])
                .await["id"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    let public = post("We're HIRING a Rust developer", "public").await;
    let private = post("Quietly hiring for a rust role", "private").await;
    let unlisted = post("Rust meetup tonight, hiring talk", "unlisted").await;
    let direct = post("@kim hiring you for rust?", "direct").await;
    let elsewhere = app
        .post_status(&kim, "rust is fun, nobody is hiring me", &[])
        .await["id"]
        .as_str()
        .unwrap()
        .to_owned();

    assert_eq!(
        found(&app, None, "").await,
        [elsewhere.clone(), public.clone()]
    );
    assert_eq!(
        found(&app, Some(&outsider), "").await,
        [elsewhere.clone(), public.clone()]
    );
    assert_eq!(
        found(&app, Some(&fan), "").await,
        [elsewhere.clone(), private.clone(), public.clone()]
    );
    assert_eq!(
        found(&app, Some(&kim), "").await,
        [elsewhere.clone(), direct.clone(), public.clone()]
    );
    // The author finds everything of its own, unlisted included.
    assert_eq!(
        found(&app, Some(&sam), "").await,
        [
            elsewhere.clone(),
            direct.clone(),
            unlisted,
            private.clone(),
            public.clone()
        ]
    );
    let by_kim = format!("&account_id={}", kim.id);
    assert_eq!(found(&app, Some(&fan), &by_kim).await, [elsewhere.as_str()]);
    // Every word must be there.
    assert!(list(
        &search(&app, None, "type=statuses&q=rust+plumber").await,
        "statuses",
        "id"
    )
    .is_empty());

    // A block hides the author's posts from the blocked, a delete from everyone.
    app.act(&sam, "accounts", &outsider.id, "block").await;
    assert_eq!(found(&app, Some(&outsider), "").await, [elsewhere.as_str()]);
    let res = app
        .delete(&format!("/api/v1/statuses/{public}"), Some(&sam.token))
        .await;
    expect_json(res, StatusCode::OK).await;
    assert_eq!(found(&app, None, "").await, [elsewhere]);
}

async fn search_pages_with_offset_and_limit(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let mut ids = Vec::new();
    for i in 0..7 {
        let status = app
            .post_status(&sam, &format!("tip {i}: tailor the résumé"), &[])
            .await;
        ids.push(status["id"].as_str().unwrap().to_owned());
    }
    ids.reverse();
    let mut seen = Vec::new();
    for offset in (0..9).step_by(3) {
        let body = search(
            &app,
            None,
            &format!("type=statuses&q=R%C3%89SUM%C3%89&limit=3&offset={offset}"),
        )
        .await;
        seen.extend(list(&body, "statuses", "id"));
    }
    assert_eq!(seen, ids);
}

async fn what_predates_search_is_indexed_at_start_up(app: TestApp) {
    use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};
    use weakties::db::schema::status_words;
    let sam = app.sign_up("sam").await;
    let old = app
        .post_status(&sam, "an old post about interviews", &[])
        .await;
    app.post_status(&sam, "an old post about offers", &[]).await;
    // As if the account and the first post had been written before search existed, and a first backfill had
    // been interrupted after filing the second post.
    let mut conn = app.db();
    diesel::sql_query("DELETE FROM backfills")
        .execute(&mut conn)
        .unwrap();
    diesel::sql_query("DELETE FROM account_search_terms")
        .execute(&mut conn)
        .unwrap();
    let old_id: weakties::db::Id = old["id"].as_str().unwrap().parse().unwrap();
    diesel::delete(status_words::table.filter(status_words::status_id.eq(old_id)))
        .execute(&mut conn)
        .unwrap();
    assert!(list(&search(&app, None, "q=interviews").await, "statuses", "id").is_empty());
    let filed = weakties::service::search::index_missing(&mut conn).unwrap();
    assert_eq!(filed, (1, 1), "the account and the one post still missing");
    let body = search(&app, None, "q=interviews").await;
    assert_eq!(list(&body, "statuses", "content").len(), 1);
    assert_eq!(
        list(
            &search(&app, None, "q=sa&type=accounts").await,
            "accounts",
            "id"
        ),
        [sam.id.as_str()]
    );
    // A second run finds nothing missing.
    assert_eq!(
        weakties::service::search::index_missing(&mut conn).unwrap(),
        (0, 0)
    );
}

async fn bad_queries_get_a_clear_4xx(app: TestApp) {
    let body = search(&app, None, "q=").await;
    assert!(body["accounts"].as_array().unwrap().is_empty());
    // As Mastodon: a type it does not know finds nothing.
    let none = search(&app, None, "q=x&type=people").await;
    assert!(none["accounts"].as_array().unwrap().is_empty());
    // NUL is refused everywhere (PostgreSQL cannot store it), not a 500.
    for path in [
        "/api/v2/search?q=a%00b",
        "/api/v1/accounts/lookup?acct=a%00b",
    ] {
        expect_error(
            app.get(path, None).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "NUL",
        )
        .await;
    }
    // Offsets far past anything a search examines find nothing, without overflow.
    let deep = search(&app, None, "q=x&offset=18446744073709551615").await;
    assert!(deep["statuses"].as_array().unwrap().is_empty());
    expect_error(
        app.get(&format!("/api/v2/search?q={}", "a".repeat(501)), None)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "too long",
    )
    .await;
    expect_error(
        app.get("/api/v2/search?q=x&account_id=12", None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "account_id",
    )
    .await;
}

async fn an_exact_username_comes_first(app: TestApp) {
    // Made first, so its display-name word "kim" would sort before the account named kim.
    let fan = app.sign_up("fan").await;
    app.patch_form(
        "/api/v1/accounts/update_credentials",
        &fan.token,
        &[("display_name", "Kim Fan")],
    )
    .await;
    let kim = app.sign_up("kim").await;
    let found = list(
        &search(&app, None, "type=accounts&q=kim").await,
        "accounts",
        "id",
    );
    assert_eq!(found, [kim.id.as_str(), fan.id.as_str()]);
}
