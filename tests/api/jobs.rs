//! Job signals: every post carries what job detection found; accounts carry the open-to-work and hiring
//! flags that the job feed reads.

use reqwest::StatusCode;

use crate::backend_tests;
use crate::helpers::{expect_json, TestApp};

backend_tests!(
    every_post_carries_what_job_detection_found,
    profiles_carry_the_job_flags,
    posts_written_before_detection_are_examined_at_start_up,
    interactions_build_the_graph_in_their_transactions,
);

async fn every_post_carries_what_job_detection_found(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let offer = app
        .post_status(
            &sam,
            "We're hiring a part-time barista for weekends! #hiring DM me",
            &[],
        )
        .await;
    assert_eq!(offer["job"]["kind"], "offer");
    let score = offer["job"]["score"].as_f64().unwrap();
    assert!(score > 0.5 && score <= 1.0, "{score}");
    let signals: Vec<&str> = offer["job"]["signals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(signals.contains(&"#hiring"), "{signals:?}");

    let seeker = app
        .post_status(
            &sam,
            "#opentowork: looking for my next role in UX research",
            &[],
        )
        .await;
    assert_eq!(seeker["job"]["kind"], "seeking");

    // A link, then a mention: read in one pass over the text as written.
    app.sign_up("lee").await;
    let linked = app
        .post_status(
            &sam,
            "We're hiring, apply at https://example.com/jobs/123 or ask @lee",
            &[],
        )
        .await;
    assert_eq!(linked["job"]["kind"], "offer", "{}", linked["job"]);

    for ordinary in [
        "Good job on the release, team!",
        "I'm hiring a plumber for my kitchen, any recommendations?",
    ] {
        let post = app.post_status(&sam, ordinary, &[]).await;
        assert!(post["job"]["kind"].is_null(), "{ordinary}: {}", post["job"]);
        assert_eq!(post["job"]["score"], 0.0, "{ordinary}");
    }

    // A reblog shows the original's signals inside it; the wrapper itself has none.
    let kim = app.sign_up("kim").await;
    let wrapper = app
        .act(&kim, "statuses", offer["id"].as_str().unwrap(), "reblog")
        .await;
    assert!(wrapper["job"]["kind"].is_null());
    assert_eq!(wrapper["reblog"]["job"]["kind"], "offer");
    // And the same object when read back.
    let read = expect_json(
        app.get(
            &format!("/api/v1/statuses/{}", offer["id"].as_str().unwrap()),
            None,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(read["job"], offer["job"]);
}

async fn profiles_carry_the_job_flags(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let me = expect_json(app.verify_credentials(&sam.token).await, StatusCode::OK).await;
    assert_eq!(
        me["job"],
        serde_json::json!({"open_to_work": false, "hiring": false})
    );
    let res = app
        .patch_form(
            "/api/v1/accounts/update_credentials",
            &sam.token,
            &[("open_to_work", "true"), ("hiring", "1")],
        )
        .await;
    let me = expect_json(res, StatusCode::OK).await;
    assert_eq!(me["job"]["open_to_work"], true);
    assert_eq!(me["job"]["hiring"], true);
    let public = expect_json(
        app.get(&format!("/api/v1/accounts/{}", sam.id), None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(public["job"], me["job"]);
    // The hiring flag backs an offer in the text; it never makes one alone.
    let offer = app
        .post_status(&sam, "We're hiring a designer, apply by Friday", &[])
        .await;
    let signals = offer["job"]["signals"].to_string();
    assert!(signals.contains("author: hiring"), "{signals}");
    let chat = app.post_status(&sam, "Lovely weather today", &[]).await;
    assert!(chat["job"]["kind"].is_null());
    // JSON clients send real booleans; other fields stay as they were.
    let res = app
        .patch_json(
            "/api/v1/accounts/update_credentials",
            &sam.token,
            &serde_json::json!({"hiring": false}),
        )
        .await;
    let me = expect_json(res, StatusCode::OK).await;
    assert_eq!(me["job"]["hiring"], false);
    assert_eq!(me["job"]["open_to_work"], true);
}

async fn posts_written_before_detection_are_examined_at_start_up(app: TestApp) {
    use diesel::RunQueryDsl;
    let sam = app.sign_up("sam").await;
    let offer = app
        .post_status(
            &sam,
            "Now hiring: junior accountant, apply today #nowhiring",
            &[],
        )
        .await;
    // Lee talks to kim, who reposts sam's offer: the offer reaches lee's job feed once it is known as one.
    let (kim, lee) = (app.sign_up("kim").await, app.sign_up("lee").await);
    app.act(&kim, "statuses", offer["id"].as_str().unwrap(), "reblog")
        .await;
    app.post_status(&lee, "thanks @kim for the intro", &[])
        .await;
    let lee_feed = || async {
        let res = app.get("/api/v1/timelines/jobs", Some(&lee.token)).await;
        let items = expect_json(res, StatusCode::OK).await;
        items.as_array().unwrap().len()
    };
    assert_eq!(lee_feed().await, 1);
    let mut conn = app.db();
    diesel::sql_query(
        "UPDATE statuses SET job_kind = NULL, job_score = 0, job_signals = NULL, passes_on_job = NULL",
    )
    .execute(&mut conn)
    .unwrap();
    assert_eq!(lee_feed().await, 0, "no post is known as a job post");
    let path = format!("/api/v1/statuses/{}", offer["id"].as_str().unwrap());
    let before = expect_json(app.get(&path, None).await, StatusCode::OK).await;
    assert!(before["job"]["kind"].is_null());
    let rules = weakties::domain::jobs::JobRules::default();
    let examined = weakties::service::job_signals::examine_missing(&mut conn, &rules).unwrap();
    assert_eq!(examined, 3, "the offer, lee's thanks and kim's reblog");
    assert_eq!(
        lee_feed().await,
        1,
        "kim's reblog passes the offer on again"
    );
    let after = expect_json(app.get(&path, None).await, StatusCode::OK).await;
    assert_eq!(after["job"], offer["job"]);
    assert_eq!(
        weakties::service::job_signals::examine_missing(&mut conn, &rules).unwrap(),
        0
    );
}

async fn interactions_build_the_graph_in_their_transactions(app: TestApp) {
    use weakties::db::interaction_edges::{find, EdgeRow};
    let sam = app.sign_up("sam").await;
    let kim = app.sign_up("kim").await;
    let edge = |from: &str, to: &str| -> Option<EdgeRow> {
        let mut conn = app.db();
        find(&mut conn, from.parse().unwrap(), to.parse().unwrap()).unwrap()
    };
    assert!(edge(&sam.id, &kim.id).is_none());

    let tip = app
        .post_status(&kim, "tip: ask for the salary range", &[])
        .await;
    let tip_id = tip["id"].as_str().unwrap();
    app.post_status(&sam, "thanks @kim!", &[]).await;
    app.post_status(&sam, "so useful", &[("in_reply_to_id", tip_id)])
        .await;
    app.act(&sam, "statuses", tip_id, "reblog").await;
    app.act(&sam, "statuses", tip_id, "favourite").await;
    app.act(&sam, "accounts", &kim.id, "follow").await;
    let row = edge(&sam.id, &kim.id).expect("sam → kim");
    // Counts decay from the moment of each event; within a test they are whole.
    let whole = |x: f32| (x - 1.0).abs() < 0.01;
    assert!(
        whole(row.mentions) && whole(row.replies) && whole(row.reblogs) && whole(row.favourites),
        "{row:?}"
    );
    assert!(row.follows);
    assert_eq!(
        (
            row.month_mentions,
            row.month_replies,
            row.month_reblogs,
            row.month_favourites
        ),
        (1, 1, 1, 1)
    );
    assert!(edge(&kim.id, &sam.id).is_none(), "edges are directed");
    // One's own posts make no edge to oneself.
    app.post_status(&sam, "note to @sam", &[]).await;
    assert!(edge(&sam.id, &sam.id).is_none());

    // An unfollow keeps what was said; a mute severs the muter's edge; a block both.
    app.act(&sam, "accounts", &kim.id, "unfollow").await;
    let row = edge(&sam.id, &kim.id).unwrap();
    assert!(!row.follows && whole(row.mentions));
    app.act(&kim, "accounts", &sam.id, "follow").await;
    app.act(&sam, "accounts", &kim.id, "mute").await;
    let row = edge(&sam.id, &kim.id).unwrap();
    assert_eq!((row.mentions, row.follows), (0.0, false));
    assert!(
        edge(&kim.id, &sam.id).unwrap().follows,
        "the muted side keeps its edge"
    );
    app.act(&sam, "accounts", &kim.id, "block").await;
    assert!(!edge(&kim.id, &sam.id).unwrap().follows);
}
