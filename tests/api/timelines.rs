//! Home, public, tag and account timelines: who sees what, and keyset paging while new posts arrive.

use reqwest::StatusCode;
use serde_json::Value;

use crate::backend_tests;
use crate::helpers::{expect_json, TestApp, User};

backend_tests!(
    home_holds_own_followed_and_addressed_posts,
    home_respects_the_reblogs_flag_blocks_and_mutes,
    paging_forward_and_back_has_no_gaps_or_duplicates,
    public_tag_and_account_timelines,
    a_page_emptied_by_a_mute_still_links_on,
    min_id_pages_are_newest_first_everywhere,
);

async fn texts(app: &TestApp, path: &str, user: Option<&User>) -> Vec<String> {
    let body = expect_json(
        app.get(path, user.map(|u| u.token.as_str())).await,
        StatusCode::OK,
    )
    .await;
    body.as_array()
        .unwrap()
        .iter()
        .map(|s| match s["reblog"].as_object() {
            Some(original) => format!("RB {}", text_of(&Value::Object(original.clone()))),
            None => text_of(s),
        })
        .collect()
}

/// The plain text of rendered content (tags stripped), enough to recognise a test post.
fn text_of(status: &Value) -> String {
    let html = status["content"].as_str().unwrap();
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

async fn home_holds_own_followed_and_addressed_posts(app: TestApp) {
    let me = app.sign_up("me").await;
    let friend = app.sign_up("friend").await;
    let stranger = app.sign_up("stranger").await;
    app.act(&me, "accounts", &friend.id, "follow").await;
    app.post_status(&me, "mine", &[]).await;
    app.post_status(&friend, "friend public", &[]).await;
    app.post_status(&friend, "friend private", &[("visibility", "private")])
        .await;
    app.post_status(&friend, "friend unlisted", &[("visibility", "unlisted")])
        .await;
    app.post_status(
        &friend,
        "friend direct to someone else @stranger",
        &[("visibility", "direct")],
    )
    .await;
    app.post_status(&stranger, "stranger public", &[]).await;
    app.post_status(
        &stranger,
        "stranger direct @me",
        &[("visibility", "direct")],
    )
    .await;
    let home = texts(&app, "/api/v1/timelines/home", Some(&me)).await;
    assert_eq!(
        home,
        [
            "stranger direct @me",
            "friend unlisted",
            "friend private",
            "friend public",
            "mine"
        ]
    );
    let theirs = texts(&app, "/api/v1/timelines/home", Some(&stranger)).await;
    assert_eq!(
        theirs,
        [
            "stranger direct @me",
            "stranger public",
            "friend direct to someone else @stranger"
        ]
    );
    let res = app.get("/api/v1/timelines/home", None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

async fn home_respects_the_reblogs_flag_blocks_and_mutes(app: TestApp) {
    let me = app.sign_up("me").await;
    let booster = app.sign_up("booster").await;
    let quiet = app.sign_up("quiet").await;
    let loud = app.sign_up("loud").await;
    let troll = app.sign_up("troll").await;
    for u in [&booster, &quiet, &loud] {
        app.act(&me, "accounts", &u.id, "follow").await;
    }
    app.post_form(
        &format!("/api/v1/accounts/{}/follow", quiet.id),
        Some(&me.token),
        &[("reblogs", "false")],
    )
    .await;
    let tip = app.post_status(&troll, "troll tip", &[]).await;
    let good = app.post_status(&loud, "loud tip", &[]).await;
    app.act(&booster, "statuses", good["id"].as_str().unwrap(), "reblog")
        .await;
    app.act(&quiet, "statuses", good["id"].as_str().unwrap(), "reblog")
        .await;
    app.act(&booster, "statuses", tip["id"].as_str().unwrap(), "reblog")
        .await;
    app.post_status(&quiet, "quiet post", &[]).await;
    let home = texts(&app, "/api/v1/timelines/home", Some(&me)).await;
    assert_eq!(
        home,
        ["quiet post", "RB troll tip", "RB loud tip", "loud tip"]
    );

    app.act(&me, "accounts", &troll.id, "block").await;
    app.act(&me, "accounts", &loud.id, "mute").await;
    let home = texts(&app, "/api/v1/timelines/home", Some(&me)).await;
    assert_eq!(
        home,
        ["quiet post"],
        "muted and blocked authors vanish, reblogged or not"
    );
    app.act(&me, "accounts", &loud.id, "unmute").await;
    let home = texts(&app, "/api/v1/timelines/home", Some(&me)).await;
    assert_eq!(home, ["quiet post", "RB loud tip", "loud tip"]);
}

fn link(res: &reqwest::Response, rel: &str) -> Option<String> {
    let header = res.headers().get("link")?.to_str().ok()?.to_owned();
    header
        .split(", ")
        .find(|p| p.ends_with(&format!("rel=\"{rel}\"")))
        .map(|p| p[1..p.find('>').unwrap()].to_owned())
}

async fn page(
    app: &TestApp,
    url: &str,
    user: &User,
) -> (Vec<String>, Option<String>, Option<String>) {
    let res = app
        .client
        .get(url)
        .bearer_auth(&user.token)
        .send()
        .await
        .unwrap();
    let next = link(&res, "next");
    let prev = link(&res, "prev");
    let body = expect_json(res, StatusCode::OK).await;
    let ids = body
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    (ids, next, prev)
}

async fn paging_forward_and_back_has_no_gaps_or_duplicates(app: TestApp) {
    let me = app.sign_up("me").await;
    let friend = app.sign_up("friend").await;
    app.act(&me, "accounts", &friend.id, "follow").await;
    let mut posted = Vec::new();
    for i in 0..7 {
        let author = if i % 2 == 0 { &friend } else { &me };
        posted.push(
            app.post_status(author, &format!("post {i}"), &[]).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    // Walk down (older) three at a time while new posts keep arriving at the top.
    let mut seen = Vec::new();
    let mut url = app.url("/api/v1/timelines/home?limit=3");
    let mut first_prev = None;
    loop {
        let (ids, next, prev) = page(&app, &url, &me).await;
        if ids.is_empty() {
            break;
        }
        first_prev.get_or_insert(prev.unwrap());
        seen.extend(ids);
        app.post_status(&friend, "arrived meanwhile", &[]).await;
        url = next.unwrap();
    }
    let mut expected = posted.clone();
    expected.reverse();
    assert_eq!(seen, expected, "every post once, newest first");

    // Walk up (newer) from the first page: exactly the posts that arrived, oldest page first.
    let mut newer = Vec::new();
    let mut url = first_prev.unwrap();
    loop {
        let (ids, _, prev) = page(&app, &url, &me).await;
        if ids.is_empty() {
            break;
        }
        let mut sorted = ids.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(ids, sorted, "each page is newest first");
        newer.splice(0..0, ids);
        url = prev.unwrap();
    }
    assert_eq!(
        newer.len(),
        3,
        "three posts arrived while paging down: {newer:?}"
    );
    let mut all = newer.clone();
    all.extend(seen);
    let mut dedup = all.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(dedup.len(), all.len(), "no duplicates");
}

async fn public_tag_and_account_timelines(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let zai = app.sign_up("zai").await;
    app.post_status(&sam, "one #Jobs #remote", &[]).await;
    let reply_to = app.post_status(&sam, "two #jobs", &[]).await;
    app.post_status(&sam, "three #remote", &[]).await;
    app.post_status(&sam, "hidden #jobs", &[("visibility", "unlisted")])
        .await;
    app.post_status(&sam, "secret #jobs", &[("visibility", "private")])
        .await;
    app.post_status(
        &zai,
        "reply",
        &[("in_reply_to_id", reply_to["id"].as_str().unwrap())],
    )
    .await;
    app.act(&zai, "statuses", reply_to["id"].as_str().unwrap(), "reblog")
        .await;

    let public = texts(&app, "/api/v1/timelines/public?local=true", None).await;
    assert_eq!(
        public,
        ["reply", "three #remote", "two #jobs", "one #Jobs #remote"]
    );
    let tag = texts(&app, "/api/v1/timelines/tag/JOBS", None).await;
    assert_eq!(tag, ["two #jobs", "one #Jobs #remote"]);
    let any = texts(&app, "/api/v1/timelines/tag/jobs?any[]=remote", None).await;
    assert_eq!(any.len(), 3);
    let all = texts(&app, "/api/v1/timelines/tag/jobs?all[]=remote", None).await;
    assert_eq!(all, ["one #Jobs #remote"]);
    let none = texts(&app, "/api/v1/timelines/tag/jobs?none[]=remote", None).await;
    assert_eq!(none, ["two #jobs"]);
    assert!(texts(&app, "/api/v1/timelines/tag/nosuchtag", None)
        .await
        .is_empty());

    let sam_path = format!("/api/v1/accounts/{}/statuses", sam.id);
    assert_eq!(
        texts(&app, &sam_path, None).await.len(),
        4,
        "public and unlisted"
    );
    assert_eq!(
        texts(&app, &sam_path, Some(&sam)).await.len(),
        5,
        "all of one's own"
    );
    let tagged = texts(&app, &format!("{sam_path}?tagged=remote"), None).await;
    assert_eq!(tagged, ["three #remote", "one #Jobs #remote"]);
    let zai_path = format!("/api/v1/accounts/{}/statuses", zai.id);
    assert_eq!(
        texts(&app, &zai_path, None).await,
        ["RB two #jobs", "reply"]
    );
    assert_eq!(
        texts(&app, &format!("{zai_path}?exclude_replies=true"), None).await,
        ["RB two #jobs"]
    );
    assert_eq!(
        texts(&app, &format!("{zai_path}?exclude_reblogs=1"), None).await,
        ["reply"]
    );
}

async fn a_page_emptied_by_a_mute_still_links_on(app: TestApp) {
    let me = app.sign_up("me").await;
    let friend = app.sign_up("friend").await;
    let loud = app.sign_up("loud").await;
    app.act(&me, "accounts", &friend.id, "follow").await;
    app.post_status(&friend, "worth reading", &[]).await;
    for i in 0..3 {
        let post = app.post_status(&loud, &format!("noise {i}"), &[]).await;
        app.act(&friend, "statuses", post["id"].as_str().unwrap(), "reblog")
            .await;
    }
    app.act(&me, "accounts", &loud.id, "mute").await;
    let (ids, next, _) = page(&app, &app.url("/api/v1/timelines/home?limit=3"), &me).await;
    assert!(ids.is_empty(), "three muted reblogs fill the first page");
    let (ids, _, _) = page(&app, &next.expect("the empty page still links on"), &me).await;
    assert_eq!(ids.len(), 1);
}

async fn min_id_pages_are_newest_first_everywhere(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(
            app.post_status(&sam, &format!("p{i} #t"), &[]).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let expected = [ids[3].clone(), ids[2].clone(), ids[1].clone()];
    for path in [
        "/api/v1/timelines/home".to_owned(),
        "/api/v1/timelines/public".to_owned(),
        "/api/v1/timelines/tag/t".to_owned(),
        format!("/api/v1/accounts/{}/statuses", sam.id),
    ] {
        let url = app.url(&format!("{path}?min_id={}&limit=3", ids[0]));
        let (got, _, _) = page(&app, &url, &sam).await;
        assert_eq!(got, expected, "{path}");
    }
}
