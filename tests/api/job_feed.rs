//! The job feed: a lead reaches a seeker through the people they talk to, with the path that explains it,
//! and nothing the seeker may not see, nothing from those they block, no ordinary chatter, no stranger.

use reqwest::StatusCode;
use serde_json::Value;

use crate::backend_tests;
use crate::helpers::{expect_json, TestApp, User};

backend_tests!(
    a_friend_of_a_friend_s_lead_reaches_the_seeker,
    the_feed_shows_only_what_it_should,
    private_conversations_leave_no_trace_in_others_feeds,
    seekers_are_shown_to_hiring_accounts_and_mutes_hide,
    muting_the_only_intermediary_closes_the_path_at_once,
    a_read_feed_shows_new_reposts_and_drops_withdrawn_ones_at_once,
);

async fn feed(app: &TestApp, user: &User) -> Vec<Value> {
    app.list("/api/v1/timelines/jobs", Some(&user.token)).await
}

fn ids(items: &[Value]) -> Vec<&str> {
    items.iter().map(|s| s["id"].as_str().unwrap()).collect()
}

async fn a_friend_of_a_friend_s_lead_reaches_the_seeker(app: TestApp) {
    let ana = app.sign_up("ana").await;
    let sam = app.sign_up("sam").await;
    let lee = app.sign_up("lee").await;
    app.sign_up("kim").await;
    app.sign_up("bo").await;
    // The seeker thanks a helpful account; that account reposts a friend's part-time job.
    app.post_status(&ana, "thanks @sam for the CV tips!", &[])
        .await;
    let job = app
        .post_status(
            &lee,
            "#jobs #hiring part-time barista at our cafe, weekends. Apply by Friday, or ask @kim or @bo!",
            &[],
        )
        .await;
    assert_eq!(job["job"]["kind"], "offer");
    app.act(&sam, "statuses", job["id"].as_str().unwrap(), "reblog")
        .await;

    let items = feed(&app, &ana).await;
    assert_eq!(ids(&items), [job["id"].as_str().unwrap()]);
    let explanation = &items[0]["job"]["explanation"];
    let text = explanation["text"].as_str().unwrap();
    assert!(text.contains("@sam"), "the intermediary is named: {text}");
    let path: Vec<&str> = explanation["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["username"].as_str().unwrap())
        .collect();
    assert!(path.contains(&"sam"), "{path:?}");
    // The post as posted, its tags and mentions in order, the first time and when the page is read again.
    for items in [items.clone(), feed(&app, &ana).await] {
        let names = |field: &str, key: &str| -> Vec<String> {
            items[0][field]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v[key].as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(names("tags", "name"), ["hiring", "jobs"]);
        assert_eq!(names("mentions", "username"), ["bo", "kim"]);
    }

    // The circle shows why: sam one step away, lee two, through sam.
    let res = app.get("/api/v1/accounts/circle", Some(&ana.token)).await;
    let circle = expect_json(res, StatusCode::OK).await;
    let member = |name: &str| {
        circle
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["account"]["username"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("{name} not in {circle}"))
    };
    assert_eq!(member("sam")["hops"], 1);
    assert_eq!(member("lee")["hops"], 2);
    assert_eq!(member("lee")["via"]["username"], "sam");
    assert!(member("sam")["weight"].as_f64().unwrap() > member("lee")["weight"].as_f64().unwrap());
}

async fn the_feed_shows_only_what_it_should(app: TestApp) {
    let ana = app.sign_up("ana").await;
    let sam = app.sign_up("sam").await;
    let lee = app.sign_up("lee").await;
    let stranger = app.sign_up("stranger").await;
    app.post_status(&ana, "thanks @sam and @lee!", &[]).await;
    // A private job post: ana does not follow lee.
    app.post_status(
        &lee,
        "#hiring a junior designer, apply via DM",
        &[("visibility", "private")],
    )
    .await;
    // Chatter the circle passes on.
    let chat = app
        .post_status(&lee, "lovely weather for a walk", &[])
        .await;
    app.act(&sam, "statuses", chat["id"].as_str().unwrap(), "reblog")
        .await;
    // A stranger's job post with no path to ana.
    app.post_status(
        &stranger,
        "We're hiring! #hiring backend engineer, apply now",
        &[],
    )
    .await;
    // Ana's own job post.
    app.post_status(&ana, "We're hiring a tutor #hiring, apply by mail", &[])
        .await;
    assert!(feed(&app, &ana).await.is_empty());

    // The same lead, public: in the feed; then its author is blocked: never again.
    let public = app
        .post_status(&lee, "#hiring a part-time bookkeeper, apply today", &[])
        .await;
    assert_eq!(
        ids(&feed(&app, &ana).await),
        [public["id"].as_str().unwrap()]
    );
    app.act(&ana, "accounts", &lee.id, "block").await;
    assert!(feed(&app, &ana).await.is_empty());
}

async fn private_conversations_leave_no_trace_in_others_feeds(app: TestApp) {
    let ana = app.sign_up("ana").await;
    let sam = app.sign_up("sam").await;
    let lee = app.sign_up("lee").await;
    app.post_status(&ana, "thanks @sam!", &[]).await;
    let job = app
        .post_status(&lee, "#hiring a part-time courier, apply today", &[])
        .await;
    // Sam passes it on only to followers, and writes to lee directly: ana sees neither.
    let res = app
        .post_form(
            &format!("/api/v1/statuses/{}/reblog", job["id"].as_str().unwrap()),
            Some(&sam.token),
            &[("visibility", "private")],
        )
        .await;
    expect_json(res, StatusCode::OK).await;
    app.post_status(&sam, "@lee can you help ana?", &[("visibility", "direct")])
        .await;
    assert!(feed(&app, &ana).await.is_empty());
    let res = app.get("/api/v1/accounts/circle", Some(&ana.token)).await;
    let circle = expect_json(res, StatusCode::OK).await;
    let names: Vec<&str> = circle
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["account"]["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["sam"], "lee is reached only through private acts");
}

async fn seekers_are_shown_to_hiring_accounts_and_mutes_hide(app: TestApp) {
    let boss = app.sign_up("boss").await;
    let kim = app.sign_up("kim").await;
    let lee = app.sign_up("lee").await;
    app.post_status(&boss, "good luck @kim and @lee!", &[])
        .await;
    let seeker = app
        .post_status(
            &kim,
            "#opentowork looking for my next role in UX research",
            &[],
        )
        .await;
    let offer = app
        .post_status(&lee, "#hiring a part-time tutor, apply by DM", &[])
        .await;
    assert_eq!(
        ids(&feed(&app, &boss).await),
        [offer["id"].as_str().unwrap()]
    );
    app.patch_form(
        "/api/v1/accounts/update_credentials",
        &boss.token,
        &[("hiring", "true")],
    )
    .await;
    let mut both = ids(&feed(&app, &boss).await)
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    both.sort();
    let mut expected = vec![
        seeker["id"].as_str().unwrap().to_owned(),
        offer["id"].as_str().unwrap().to_owned(),
    ];
    expected.sort();
    assert_eq!(both, expected, "a hiring account sees seekers too");
    app.act(&boss, "accounts", &lee.id, "mute").await;
    assert_eq!(
        ids(&feed(&app, &boss).await),
        [seeker["id"].as_str().unwrap()]
    );
}

/// Ana only follows sam (no conversation), so muting sam leaves their stored edge as it was (a mute keeps the
/// follow): the cached circle must still be dropped, and with it the path to lee's offer.
async fn muting_the_only_intermediary_closes_the_path_at_once(app: TestApp) {
    let ana = app.sign_up("ana").await;
    let sam = app.sign_up("sam").await;
    let lee = app.sign_up("lee").await;
    app.act(&ana, "accounts", &sam.id, "follow").await;
    let job = app
        .post_status(&lee, "#hiring weekend barista, apply within", &[])
        .await;
    app.act(&sam, "statuses", job["id"].as_str().unwrap(), "reblog")
        .await;
    assert_eq!(ids(&feed(&app, &ana).await), [job["id"].as_str().unwrap()]);

    app.act(&ana, "accounts", &sam.id, "mute").await;
    assert!(
        feed(&app, &ana).await.is_empty(),
        "lee was reachable only through sam"
    );
}

/// The ranking is kept between reads; what the circle does to job posts still shows on the next read.
async fn a_read_feed_shows_new_reposts_and_drops_withdrawn_ones_at_once(app: TestApp) {
    let ana = app.sign_up("ana").await;
    let sam = app.sign_up("sam").await;
    let lee = app.sign_up("lee").await;
    app.act(&ana, "accounts", &sam.id, "follow").await;
    let first = app
        .post_status(&sam, "#hiring junior welder, apply at the yard", &[])
        .await;
    let first_id = first["id"].as_str().unwrap();
    assert_eq!(ids(&feed(&app, &ana).await), [first_id]);

    // Sam passes on lee's offer, and posts one of their own: both show on the next read.
    let job = app
        .post_status(&lee, "#hiring weekend barista, apply within", &[])
        .await;
    let job_id = job["id"].as_str().unwrap();
    assert!(
        !ids(&feed(&app, &ana).await).contains(&job_id),
        "no path yet"
    );
    app.act(&sam, "statuses", job_id, "reblog").await;
    let items = feed(&app, &ana).await;
    assert!(ids(&items).contains(&job_id), "{:?}", ids(&items));
    let second = app
        .post_status(&sam, "We're hiring a night porter, DM me #jobs", &[])
        .await;
    let second_id = second["id"].as_str().unwrap();
    assert!(ids(&feed(&app, &ana).await).contains(&second_id));

    // Sam withdraws the repost and deletes one of their offers: both leave at once.
    app.act(&sam, "statuses", job_id, "unreblog").await;
    let res = app
        .delete(&format!("/api/v1/statuses/{first_id}"), Some(&sam.token))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(ids(&feed(&app, &ana).await), [second_id]);
}
