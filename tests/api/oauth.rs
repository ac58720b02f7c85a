//! /oauth/token, /oauth/authorize and /oauth/revoke, and scope checks on the API.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use diesel::{QueryDsl, RunQueryDsl};
use reqwest::{Response, StatusCode};
use sha2::{Digest, Sha256};
use weakties::db::schema::oauth_access_tokens;

use crate::backend_tests;
use crate::helpers::{expect_error, expect_json, AppCreds, TestApp, PASSWORD};

backend_tests!(
    client_credentials_needs_the_right_secret,
    client_secret_basic_is_accepted,
    password_grant_refuses_wrong_and_unknown_alike,
    tokens_cannot_exceed_their_app,
    read_only_token_cannot_write,
    revoked_token_fails_on_its_next_request,
    revoke_needs_the_issuing_client,
    pkce_s256_code_flow,
    pkce_wrong_verifier_is_refused,
    code_used_twice_is_refused_and_revokes_its_token,
    plain_pkce_and_confidential_code_flows,
    out_of_band_code_is_shown_on_the_page,
    deny_redirects_with_access_denied,
    authorize_page_refuses_unregistered_redirects,
    wrong_password_on_the_page_gives_no_code,
    unsupported_grant_is_refused,
    tokens_are_stored_only_as_digests
);

const REDIRECT: &str = "https://client.example/callback";
const VERIFIER: &str = "a-verifier-that-is-long-enough-for-rfc-7636-0123456789";

fn s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

async fn token_req(app: &TestApp, form: &[(&str, &str)]) -> Response {
    app.post_form("/oauth/token", None, form).await
}

/// The authorization-code exchange by `client_id`, with its secret when given, plus `params` (the code, and
/// what else the case is about).
async fn exchange(
    app: &TestApp,
    client_id: &str,
    secret: Option<&str>,
    params: &[(&str, &str)],
) -> Response {
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("client_id", client_id),
    ];
    if let Some(secret) = secret {
        form.push(("client_secret", secret));
    }
    form.extend_from_slice(params);
    token_req(app, &form).await
}

/// Signs in on the authorize page and returns the code from the redirect.
async fn authorize(
    app: &TestApp,
    creds: &AppCreds,
    scope: &str,
    challenge: Option<(&str, &str)>,
) -> String {
    let mut form = vec![
        ("response_type", "code".to_owned()),
        ("client_id", creds.client_id.clone()),
        ("redirect_uri", REDIRECT.to_owned()),
        ("scope", scope.to_owned()),
        ("state", "xyz 1".to_owned()),
        ("login", "coder@example.com".to_owned()),
        ("password", PASSWORD.to_owned()),
        ("decision", "approve".to_owned()),
    ];
    if let Some((c, m)) = challenge {
        form.push(("code_challenge", c.to_owned()));
        form.push(("code_challenge_method", m.to_owned()));
    }
    let res = app
        .client
        .post(app.url("/oauth/authorize"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(&format!("{REDIRECT}?")), "{location}");
    let url = url::Url::parse(&location).unwrap();
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    assert!(
        pairs.contains(&("state".into(), "xyz 1".into())),
        "state echoed: {location}"
    );
    pairs
        .into_iter()
        .find(|(k, _)| k == "code")
        .expect("a code")
        .1
}

async fn setup_code_flow(app: &TestApp) -> AppCreds {
    let _ = app.sign_up("coder").await;
    app.register_app("read write follow", REDIRECT).await
}

async fn client_credentials_needs_the_right_secret(app: TestApp) {
    let creds = app
        .register_app("read write", "urn:ietf:wg:oauth:2.0:oob")
        .await;
    let body = expect_json(
        token_req(
            &app,
            &[
                ("grant_type", "client_credentials"),
                ("client_id", &creds.client_id),
                ("client_secret", &creds.client_secret),
            ],
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(body["scope"], "read");
    let body = expect_json(
        token_req(
            &app,
            &[
                ("grant_type", "client_credentials"),
                ("client_id", &creds.client_id),
                ("client_secret", "wrong"),
            ],
        )
        .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(body["error"], "invalid_client");
    let body = expect_json(
        token_req(
            &app,
            &[
                ("grant_type", "client_credentials"),
                ("client_id", "unknown"),
                ("client_secret", &creds.client_secret),
            ],
        )
        .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(body["error"], "invalid_client");
}

async fn client_secret_basic_is_accepted(app: TestApp) {
    let creds = app.register_app("read", "urn:ietf:wg:oauth:2.0:oob").await;
    let basic = STANDARD.encode(format!("{}:{}", creds.client_id, creds.client_secret));
    let res = app
        .client
        .post(app.url("/oauth/token"))
        .header("Authorization", format!("Basic {basic}"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        expect_json(res, StatusCode::OK).await["token_type"],
        "Bearer"
    );
}

async fn password_grant_refuses_wrong_and_unknown_alike(app: TestApp) {
    let user = app.sign_up("jobseeker").await;
    let wrong = expect_json(
        app.password_grant(
            &user.app,
            "jobseeker@example.com",
            "not the password",
            "read",
        )
        .await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    let unknown = expect_json(
        app.password_grant(&user.app, "ghost@example.com", "not the password", "read")
            .await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(wrong["error"], "invalid_grant");
    assert_eq!(
        wrong, unknown,
        "an unknown login is indistinguishable from a wrong password"
    );
    let ok = expect_json(
        app.password_grant(&user.app, "jobseeker@example.com", PASSWORD, "read write")
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(ok["scope"], "read write");
}

async fn tokens_cannot_exceed_their_app(app: TestApp) {
    let user = app.sign_up("scoped").await;
    let narrow = app.register_app("read", "urn:ietf:wg:oauth:2.0:oob").await;
    for scope in ["write", "read admin:read", "read push"] {
        let body = expect_json(
            app.password_grant(&narrow, "scoped", PASSWORD, scope).await,
            StatusCode::BAD_REQUEST,
        )
        .await;
        assert_eq!(body["error"], "invalid_scope", "{scope}");
    }
    let granular = expect_json(
        app.password_grant(&narrow, "scoped", PASSWORD, "read:accounts")
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(granular["scope"], "read:accounts");
    let _ = user;
}

async fn read_only_token_cannot_write(app: TestApp) {
    let user = app.sign_up("reader").await;
    let token = expect_json(
        app.password_grant(&user.app, "reader", PASSWORD, "read")
            .await,
        StatusCode::OK,
    )
    .await;
    let token = token["access_token"].as_str().unwrap();
    let res = app
        .patch_form(
            "/api/v1/accounts/update_credentials",
            token,
            &[("display_name", "hacked")],
        )
        .await;
    expect_error(res, StatusCode::FORBIDDEN, "outside the authorized scopes").await;
    // It still reads, and nothing changed.
    let me = expect_json(app.verify_credentials(token).await, StatusCode::OK).await;
    assert_eq!(me["display_name"], "");

    // `profile` alone is enough for verify_credentials.
    let profile_app = app
        .register_app("read profile", "urn:ietf:wg:oauth:2.0:oob")
        .await;
    let profile = expect_json(
        app.password_grant(&profile_app, "reader", PASSWORD, "profile")
            .await,
        StatusCode::OK,
    )
    .await;
    let profile = profile["access_token"].as_str().unwrap();
    expect_json(app.verify_credentials(profile).await, StatusCode::OK).await;
}

async fn revoked_token_fails_on_its_next_request(app: TestApp) {
    let user = app.sign_up("revoker").await;
    expect_json(app.verify_credentials(&user.token).await, StatusCode::OK).await;
    let res = app
        .post_form(
            "/oauth/revoke",
            None,
            &[
                ("client_id", &user.app.client_id),
                ("client_secret", &user.app.client_secret),
                ("token", &user.token),
            ],
        )
        .await;
    assert_eq!(
        expect_json(res, StatusCode::OK).await,
        serde_json::json!({})
    );
    expect_error(
        app.verify_credentials(&user.token).await,
        StatusCode::UNAUTHORIZED,
        "invalid",
    )
    .await;
    // Revoking an unknown token is not an error (RFC 7009).
    let res = app
        .post_form(
            "/oauth/revoke",
            None,
            &[
                ("client_id", &user.app.client_id),
                ("client_secret", &user.app.client_secret),
                ("token", "unknown"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}

async fn revoke_needs_the_issuing_client(app: TestApp) {
    let user = app.sign_up("victim").await;
    let other = app.register_app("read", "urn:ietf:wg:oauth:2.0:oob").await;
    let res = app
        .post_form(
            "/oauth/revoke",
            None,
            &[
                ("client_id", &other.client_id),
                ("client_secret", &other.client_secret),
                ("token", &user.token),
            ],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "the answer does not reveal whether the token exists"
    );
    expect_json(app.verify_credentials(&user.token).await, StatusCode::OK).await;
    let res = app
        .post_form(
            "/oauth/revoke",
            None,
            &[
                ("client_id", &user.app.client_id),
                ("client_secret", "wrong"),
                ("token", &user.token),
            ],
        )
        .await;
    assert_eq!(
        expect_json(res, StatusCode::UNAUTHORIZED).await["error"],
        "invalid_client"
    );
    expect_json(app.verify_credentials(&user.token).await, StatusCode::OK).await;
}

async fn pkce_s256_code_flow(app: TestApp) {
    let creds = setup_code_flow(&app).await;
    let page = app
        .get(&format!(
            "/oauth/authorize?response_type=code&client_id={}&redirect_uri={REDIRECT}&scope=read+write&code_challenge={}&code_challenge_method=S256",
            creds.client_id,
            s256(VERIFIER)
        ), None)
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Authorize test app") && html.contains("read write"),
        "{html}"
    );

    let code = authorize(&app, &creds, "read write", Some((&s256(VERIFIER), "S256"))).await;
    // A public client (no secret) may exchange a PKCE-protected code.
    let res = exchange(
        &app,
        &creds.client_id,
        None,
        &[
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
        ],
    )
    .await;
    let token = expect_json(res, StatusCode::OK).await;
    assert_eq!(token["scope"], "read write");
    let me = expect_json(
        app.get(
            "/api/v1/accounts/verify_credentials",
            token["access_token"].as_str(),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(me["username"], "coder");
}

async fn pkce_wrong_verifier_is_refused(app: TestApp) {
    let creds = setup_code_flow(&app).await;
    let code = authorize(&app, &creds, "read", Some((&s256(VERIFIER), "S256"))).await;
    let wrong = "another-verifier-that-is-long-enough-for-rfc-7636-xxxxxx";
    for verifier in [Some(wrong), None] {
        let mut params = vec![("code", code.as_str()), ("redirect_uri", REDIRECT)];
        if let Some(v) = verifier {
            params.push(("code_verifier", v));
        }
        let res = exchange(&app, &creds.client_id, Some(&creds.client_secret), &params).await;
        let body = expect_json(res, StatusCode::BAD_REQUEST).await;
        assert_eq!(body["error"], "invalid_grant");
    }
    // The code is still good for the client that holds the verifier.
    let res = exchange(
        &app,
        &creds.client_id,
        None,
        &[
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
        ],
    )
    .await;
    expect_json(res, StatusCode::OK).await;
}

async fn code_used_twice_is_refused_and_revokes_its_token(app: TestApp) {
    let creds = setup_code_flow(&app).await;
    let code = authorize(&app, &creds, "read", None).await;
    let params = [("code", code.as_str()), ("redirect_uri", REDIRECT)];
    let secret = Some(creds.client_secret.as_str());
    let first = expect_json(
        exchange(&app, &creds.client_id, secret, &params).await,
        StatusCode::OK,
    )
    .await;
    let first_token = first["access_token"].as_str().unwrap();
    expect_json(app.verify_credentials(first_token).await, StatusCode::OK).await;

    let second = expect_json(
        exchange(&app, &creds.client_id, secret, &params).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(second["error"], "invalid_grant");
    expect_error(
        app.verify_credentials(first_token).await,
        StatusCode::UNAUTHORIZED,
        "invalid",
    )
    .await;
}

async fn plain_pkce_and_confidential_code_flows(app: TestApp) {
    let creds = setup_code_flow(&app).await;
    let code = authorize(&app, &creds, "read", Some((VERIFIER, "plain"))).await;
    let res = exchange(
        &app,
        &creds.client_id,
        None,
        &[("code", &code), ("code_verifier", VERIFIER)],
    )
    .await;
    expect_json(res, StatusCode::OK).await;

    // Without PKCE the client must authenticate, and the redirect URI must match.
    let code = authorize(&app, &creds, "read", None).await;
    let res = exchange(
        &app,
        &creds.client_id,
        None,
        &[("code", &code), ("redirect_uri", REDIRECT)],
    )
    .await;
    assert_eq!(
        expect_json(res, StatusCode::UNAUTHORIZED).await["error"],
        "invalid_client"
    );
    let res = exchange(
        &app,
        &creds.client_id,
        Some(&creds.client_secret),
        &[("code", &code), ("redirect_uri", "https://evil.example/cb")],
    )
    .await;
    assert_eq!(
        expect_json(res, StatusCode::BAD_REQUEST).await["error"],
        "invalid_grant"
    );
    let res = exchange(
        &app,
        &creds.client_id,
        Some(&creds.client_secret),
        &[("code", &code), ("redirect_uri", REDIRECT)],
    )
    .await;
    expect_json(res, StatusCode::OK).await;

    // A code issued to one client is worthless to another.
    let other = app.register_app("read", REDIRECT).await;
    let code = authorize(&app, &creds, "read", None).await;
    let res = exchange(
        &app,
        &other.client_id,
        Some(&other.client_secret),
        &[("code", &code), ("redirect_uri", REDIRECT)],
    )
    .await;
    assert_eq!(
        expect_json(res, StatusCode::BAD_REQUEST).await["error"],
        "invalid_grant"
    );
}

async fn out_of_band_code_is_shown_on_the_page(app: TestApp) {
    let _ = app.sign_up("coder").await;
    let creds = app.register_app("read", "urn:ietf:wg:oauth:2.0:oob").await;
    // With one registered redirect URI, the request may leave it out.
    let page = app
        .get(
            &format!(
                "/oauth/authorize?response_type=code&client_id={}",
                creds.client_id
            ),
            None,
        )
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    let res = app
        .post_form(
            "/oauth/authorize",
            None,
            &[
                ("response_type", "code"),
                ("client_id", &creds.client_id),
                ("redirect_uri", "urn:ietf:wg:oauth:2.0:oob"),
                ("login", "coder"),
                ("password", PASSWORD),
                ("decision", "approve"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    let code = html
        .split("<code id=\"code\">")
        .nth(1)
        .and_then(|s| s.split("</code>").next())
        .expect("code on the page");
    let res = exchange(
        &app,
        &creds.client_id,
        Some(&creds.client_secret),
        &[
            ("code", code),
            ("redirect_uri", "urn:ietf:wg:oauth:2.0:oob"),
        ],
    )
    .await;
    expect_json(res, StatusCode::OK).await;
}

async fn deny_redirects_with_access_denied(app: TestApp) {
    let creds = setup_code_flow(&app).await;
    let res = app
        .post_form(
            "/oauth/authorize",
            None,
            &[
                ("response_type", "code"),
                ("client_id", &creds.client_id),
                ("redirect_uri", REDIRECT),
                ("state", "s1"),
                ("decision", "deny"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(
        res.headers()["location"],
        format!("{REDIRECT}?error=access_denied&state=s1").as_str()
    );
}

async fn authorize_page_refuses_unregistered_redirects(app: TestApp) {
    let creds = setup_code_flow(&app).await;
    let res = app
        .get(&format!("/oauth/authorize?response_type=code&client_id={}&redirect_uri=https://evil.example/cb", creds.client_id), None)
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(
        res.headers().get("location").is_none(),
        "never redirect to an unregistered URI"
    );
    assert!(res.text().await.unwrap().contains("not registered"));
    let res = app
        .get(
            "/oauth/authorize?response_type=code&client_id=nope&redirect_uri=x",
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    // Markup in parameters comes back escaped.
    let res = app
        .get(&format!("/oauth/authorize?response_type=code&client_id={}&redirect_uri={REDIRECT}&state=%3Cscript%3Ealert(1)%3C/script%3E", creds.client_id), None)
        .await;
    let html = res.text().await.unwrap();
    assert!(
        !html.contains("<script>") && html.contains("&lt;script&gt;"),
        "{html}"
    );
}

async fn wrong_password_on_the_page_gives_no_code(app: TestApp) {
    let creds = setup_code_flow(&app).await;
    let res = app
        .post_form(
            "/oauth/authorize",
            None,
            &[
                ("response_type", "code"),
                ("client_id", &creds.client_id),
                ("redirect_uri", REDIRECT),
                ("login", "coder"),
                ("password", "wrong password"),
                ("decision", "approve"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(res.headers().get("location").is_none());
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Wrong e-mail, username or password"));
}

async fn unsupported_grant_is_refused(app: TestApp) {
    let creds = app.register_app("read", "urn:ietf:wg:oauth:2.0:oob").await;
    for grant in ["implicit", ""] {
        let res = token_req(
            &app,
            &[
                ("grant_type", grant),
                ("client_id", &creds.client_id),
                ("client_secret", &creds.client_secret),
            ],
        )
        .await;
        assert_eq!(
            expect_json(res, StatusCode::BAD_REQUEST).await["error"],
            "unsupported_grant_type"
        );
    }
}

async fn tokens_are_stored_only_as_digests(app: TestApp) {
    let user = app.sign_up("private").await;
    let mut conn = app.db();
    let stored: Vec<String> = oauth_access_tokens::table
        .select(oauth_access_tokens::token_hash)
        .load(&mut conn)
        .unwrap();
    assert!(!stored.is_empty());
    assert!(stored
        .iter()
        .all(|h| h.len() == 64 && !h.contains(&user.token)));
    let expected = Sha256::digest(user.token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    assert!(stored.contains(&expected));
}
