//! Rate limits: exactly the configured number of requests passes, then 429 with Mastodon's headers; each
//! limit counts its own key (token, address); off means no limit and no headers.

use reqwest::header::HeaderMap;
use reqwest::{Response, StatusCode};

use crate::backend_tests;
use crate::helpers::{expect_error, expect_json, TestApp, User, PASSWORD};

backend_tests!(
    api_requests_pass_up_to_the_limit_then_429,
    guessed_tokens_spend_the_address_budget,
    a_token_is_limited_across_addresses,
    sign_ins_and_sign_ups_have_their_own_limits,
);

async fn limited(
    app: &TestApp,
    adjust: impl FnOnce(&mut weakties::config::RateLimitSettings),
) -> TestApp {
    TestApp::spawn_with(app.backend, |s| {
        s.rate_limit.enabled = true;
        adjust(&mut s.rate_limit);
    })
    .await
    .unwrap()
}

fn header(headers: &HeaderMap, name: &str) -> String {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
        .to_owned()
}

/// Remaining budget of an answer, checking the other two headers as it goes.
fn remaining(res: &Response, limit: u32) -> u32 {
    let headers = res.headers();
    assert_eq!(header(headers, "x-ratelimit-limit"), limit.to_string());
    let reset = header(headers, "x-ratelimit-reset");
    let reset = chrono::DateTime::parse_from_rfc3339(&reset).expect("ISO 8601 reset");
    assert!(reset >= chrono::Utc::now() - chrono::Duration::seconds(1));
    header(headers, "x-ratelimit-remaining").parse().unwrap()
}

async fn expect_too_many(res: Response) {
    let retry: u64 = header(res.headers(), "retry-after").parse().unwrap();
    assert!(retry >= 1);
    assert_eq!(header(res.headers(), "x-ratelimit-remaining"), "0");
    expect_error(res, StatusCode::TOO_MANY_REQUESTS, "Too many requests").await;
}

async fn verify(app: &TestApp, user: &User, from: Option<&str>) -> Response {
    let mut req = app
        .client
        .get(app.url("/api/v1/accounts/verify_credentials"))
        .bearer_auth(&user.token);
    if let Some(address) = from {
        req = req.header("X-Forwarded-For", address);
    }
    req.send().await.unwrap()
}

async fn api_requests_pass_up_to_the_limit_then_429(app: TestApp) {
    // Off (as in the rest of the suite): no headers, no limit.
    let res = app.get("/api/v1/instance", None).await;
    assert!(res.headers().get("x-ratelimit-limit").is_none());

    let app = limited(&app, |r| r.api_requests = 10).await;
    // Signing up uses the new token once (verify_credentials); its budget has 9 left.
    let user = app.sign_up("sam").await;
    let mut passed = 0;
    loop {
        let res = verify(&app, &user, None).await;
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            expect_too_many(res).await;
            break;
        }
        passed += 1;
        assert_eq!(remaining(&res, 10), 9 - passed);
        expect_json(res, StatusCode::OK).await;
        assert!(passed <= 9, "the limit did not hold");
    }
    assert_eq!(passed, 9, "10 requests in all with one token");

    // Without a token the address has its own budget: registering the app took one of its 10.
    for left in (0..9).rev() {
        let res = app.get("/api/v1/instance", None).await;
        assert_eq!(remaining(&res, 10), left);
        expect_json(res, StatusCode::OK).await;
    }
    expect_too_many(app.get("/api/v1/instance", None).await).await;
    // Pages outside the API are not limited; the router's spelling of a path is what counts.
    let res = app.get("/health", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().get("x-ratelimit-limit").is_none());
    expect_too_many(app.get("/%61pi/v1/instance", None).await).await;
}

async fn guessed_tokens_spend_the_address_budget(app: TestApp) {
    let app = limited(&app, |r| r.api_requests = 5).await;
    // Every made-up token is a 401 that costs the address one request. Five spend the budget; the sixth
    // still reaches the server, and its refused charge marks the address: from then on any token is refused
    // from there, even one never tried before.
    for i in 0..6 {
        let res = app
            .get(
                "/api/v1/accounts/verify_credentials",
                Some(&format!("guess-{i}")),
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "guess {i}");
    }
    expect_too_many(
        app.get("/api/v1/accounts/verify_credentials", Some("guess-6"))
            .await,
    )
    .await;
}

async fn a_token_is_limited_across_addresses(app: TestApp) {
    let app = limited(&app, |r| {
        r.api_requests = 4;
        r.trust_forwarded_for = true;
    })
    .await;
    let user = app.sign_up("sam").await;
    // The token has been used once (verify_credentials during sign-up); each request below comes from a new
    // address, so only the token's budget runs down.
    for (i, left) in [2, 1, 0].into_iter().enumerate() {
        let res = verify(&app, &user, Some(&format!("10.0.0.{i}"))).await;
        assert_eq!(remaining(&res, 4), left);
        expect_json(res, StatusCode::OK).await;
    }
    expect_too_many(verify(&app, &user, Some("10.0.1.1")).await).await;
    // Only the last X-Forwarded-For entry (the proxy's own) counts: a client's own entries before it, or a
    // Forwarded header, buy no fresh budget.
    let res = app
        .client
        .get(app.url("/api/v1/instance"))
        .header("X-Forwarded-For", "1.1.1.1, 10.7.7.7")
        .header("Forwarded", "for=2.2.2.2")
        .send()
        .await
        .unwrap();
    assert_eq!(remaining(&res, 4), 3);
    let res = app
        .client
        .get(app.url("/api/v1/instance"))
        .header("X-Forwarded-For", "3.3.3.3, 10.7.7.7")
        .send()
        .await
        .unwrap();
    assert_eq!(
        remaining(&res, 4),
        2,
        "the same address, whatever came before it"
    );
}

async fn sign_ins_and_sign_ups_have_their_own_limits(app: TestApp) {
    let app = limited(&app, |r| {
        r.login_requests = 3;
        r.sign_up_requests = 2;
        r.trust_forwarded_for = true;
    })
    .await;
    // Two accounts from this address (each sign-up also takes one sign-in: its app token).
    let first = app.sign_up("sam").await;
    app.sign_up("kim").await;
    let creds = app
        .register_app("read write", "urn:ietf:wg:oauth:2.0:oob")
        .await;
    let token = {
        let res = app
            .client
            .post(app.url("/oauth/token"))
            .header("X-Forwarded-For", "10.9.9.9")
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", creds.client_id.as_str()),
                ("client_secret", creds.client_secret.as_str()),
                ("scope", "write"),
            ])
            .send()
            .await
            .unwrap();
        expect_json(res, StatusCode::OK).await["access_token"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let res = app
        .post_form(
            "/api/v1/accounts",
            Some(&token),
            &[
                ("username", "third"),
                ("email", "third@example.com"),
                ("password", PASSWORD),
                ("agreement", "true"),
            ],
        )
        .await;
    expect_too_many(res).await;

    // One sign-in left from this address: a wrong password uses it, the next attempt is refused.
    let res = app
        .password_grant(&first.app, "sam@example.com", "wrong password", "read")
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(remaining(&res, 3), 0);
    expect_too_many(
        app.password_grant(&first.app, "sam@example.com", PASSWORD, "read")
            .await,
    )
    .await;
    // Reading the API is still allowed.
    assert_eq!(verify(&app, &first, None).await.status(), StatusCode::OK);
}
