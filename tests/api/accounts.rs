//! Sign-up, verify_credentials, show, lookup, index and update_credentials.

use reqwest::StatusCode;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{assert_mastodon_entity, expect_error, expect_json, TestApp, PASSWORD};

backend_tests!(
    sign_up_returns_a_working_token,
    taken_usernames_and_emails_are_refused_without_regard_to_case,
    invalid_sign_ups_name_every_problem,
    sign_up_needs_an_app_token_with_write_accounts,
    concurrent_sign_ups_for_one_name_give_one_account,
    show_lookup_and_index,
    update_credentials_from_form_and_json,
    update_credentials_refuses_bad_values,
    user_endpoints_refuse_app_tokens
);

async fn sign_up_returns_a_working_token(app: TestApp) {
    let creds = app
        .register_app("read write", "urn:ietf:wg:oauth:2.0:oob")
        .await;
    let app_token = app.app_token(&creds, "read write").await;
    let res = app
        .post_form(
            "/api/v1/accounts",
            Some(&app_token),
            &[
                ("username", "Zaibatsu"),
                ("email", "z@example.com"),
                ("password", PASSWORD),
                ("agreement", "1"),
                ("locale", "de"),
            ],
        )
        .await;
    let token = expect_json(res, StatusCode::OK).await;
    assert_mastodon_entity(&token, "Token");
    assert_eq!(token["token_type"], "Bearer");
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
    assert_mastodon_entity(&me, "CredentialAccount");
    assert_eq!(me["username"], "Zaibatsu");
    assert_eq!(me["acct"], "Zaibatsu");
    assert_eq!(me["followers_count"], 0);
    assert_eq!(me["statuses_count"], 0);
    assert_eq!(me["source"]["language"], "de");
    assert!(
        me["created_at"]
            .as_str()
            .unwrap()
            .ends_with("T00:00:00.000Z"),
        "Mastodon shows only the day"
    );

    // The new account can also sign in with its password, by e-mail or by username.
    for login in ["z@example.com", "Z@EXAMPLE.COM", "zaibatsu"] {
        let res = app.password_grant(&creds, login, PASSWORD, "read").await;
        assert_eq!(
            expect_json(res, StatusCode::OK).await["scope"],
            "read",
            "login {login}"
        );
    }
}

async fn taken_usernames_and_emails_are_refused_without_regard_to_case(app: TestApp) {
    app.sign_up("sam").await;
    let creds = app.register_app("write", "urn:ietf:wg:oauth:2.0:oob").await;
    let token = app.app_token(&creds, "write:accounts").await;
    let res = app
        .post_form(
            "/api/v1/accounts",
            Some(&token),
            &[
                ("username", "SAM"),
                ("email", "SAM@example.com"),
                ("password", PASSWORD),
                ("agreement", "true"),
            ],
        )
        .await;
    let body = expect_error(
        res,
        StatusCode::UNPROCESSABLE_ENTITY,
        "has already been taken",
    )
    .await;
    assert_eq!(body["details"]["username"][0]["error"], "ERR_TAKEN");
    assert_eq!(body["details"]["email"][0]["error"], "ERR_TAKEN");
}

async fn invalid_sign_ups_name_every_problem(app: TestApp) {
    let creds = app.register_app("write", "urn:ietf:wg:oauth:2.0:oob").await;
    let token = app.app_token(&creds, "write").await;
    // (form, field expected in `details`, code expected for it)
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, &'a str);
    let cases: &[Case] = &[
        (
            &[
                ("username", "bad.name."),
                ("email", "a@b.c"),
                ("password", PASSWORD),
                ("agreement", "1"),
            ],
            "username",
            "ERR_INVALID",
        ),
        (
            &[
                ("username", &"x".repeat(31)),
                ("email", "a@b.c"),
                ("password", PASSWORD),
                ("agreement", "1"),
            ],
            "username",
            "ERR_TOO_LONG",
        ),
        (
            &[
                ("username", "admin"),
                ("email", "a@b.c"),
                ("password", PASSWORD),
                ("agreement", "1"),
            ],
            "username",
            "ERR_RESERVED",
        ),
        (
            &[
                ("email", "a@b.c"),
                ("password", PASSWORD),
                ("agreement", "1"),
            ],
            "username",
            "ERR_BLANK",
        ),
        (
            &[
                ("username", "ok_name"),
                ("email", "nope"),
                ("password", PASSWORD),
                ("agreement", "1"),
            ],
            "email",
            "ERR_INVALID",
        ),
        (
            &[
                ("username", "ok_name"),
                ("email", "a@b.c"),
                ("password", "1234567"),
                ("agreement", "1"),
            ],
            "password",
            "ERR_TOO_SHORT",
        ),
        (
            &[
                ("username", "ok_name"),
                ("email", "a@b.c"),
                ("password", PASSWORD),
            ],
            "agreement",
            "ERR_ACCEPTED",
        ),
        (
            &[
                ("username", "ok_name"),
                ("email", "a@b.c"),
                ("password", PASSWORD),
                ("agreement", "0"),
            ],
            "agreement",
            "ERR_ACCEPTED",
        ),
    ];
    for (form, field, code) in cases {
        let body = expect_json(
            app.post_form("/api/v1/accounts", Some(&token), form).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(
            body["details"][field][0]["error"], *code,
            "{form:?} → {body}"
        );
    }
    // Nothing was created by any of them.
    let instance = expect_json(app.get("/api/v1/instance", None).await, StatusCode::OK).await;
    assert_eq!(instance["stats"]["user_count"], 0);
}

async fn sign_up_needs_an_app_token_with_write_accounts(app: TestApp) {
    let form = [
        ("username", "nobody"),
        ("email", "n@example.com"),
        ("password", PASSWORD),
        ("agreement", "1"),
    ];
    expect_error(
        app.post_form("/api/v1/accounts", None, &form).await,
        StatusCode::UNAUTHORIZED,
        "invalid",
    )
    .await;
    let creds = app
        .register_app("read write", "urn:ietf:wg:oauth:2.0:oob")
        .await;
    let read_only = app.app_token(&creds, "read").await;
    expect_error(
        app.post_form("/api/v1/accounts", Some(&read_only), &form)
            .await,
        StatusCode::FORBIDDEN,
        "outside the authorized scopes",
    )
    .await;

    let closed = TestApp::spawn_with(app.backend, |s| s.instance.open_registrations = false)
        .await
        .unwrap();
    let creds = closed
        .register_app("write", "urn:ietf:wg:oauth:2.0:oob")
        .await;
    let token = closed.app_token(&creds, "write").await;
    expect_error(
        closed
            .post_form("/api/v1/accounts", Some(&token), &form)
            .await,
        StatusCode::FORBIDDEN,
        "closed",
    )
    .await;
    let v2 = expect_json(closed.get("/api/v2/instance", None).await, StatusCode::OK).await;
    assert_eq!(v2["registrations"]["enabled"], false);
}

async fn concurrent_sign_ups_for_one_name_give_one_account(app: TestApp) {
    let creds = app.register_app("write", "urn:ietf:wg:oauth:2.0:oob").await;
    let token = app.app_token(&creds, "write").await;
    let attempts = (0..6).map(|i| {
        let email = format!("racer{i}@example.com");
        let (app, token) = (&app, token.clone());
        async move {
            app.post_form(
                "/api/v1/accounts",
                Some(&token),
                &[
                    ("username", "racer"),
                    ("email", &email),
                    ("password", PASSWORD),
                    ("agreement", "1"),
                ],
            )
            .await
            .status()
        }
    });
    let statuses = futures_util::future::join_all(attempts).await;
    let ok = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let taken = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    assert_eq!((ok, taken), (1, 5), "{statuses:?}");
}

async fn show_lookup_and_index(app: TestApp) {
    let sam = app.sign_up("sam").await;
    let jo = app.sign_up("jo.b-2009").await;

    let shown = expect_json(
        app.get(&format!("/api/v1/accounts/{}", sam.id), None).await,
        StatusCode::OK,
    )
    .await;
    assert_mastodon_entity(&shown, "Account");
    assert_eq!(shown["username"], "sam");
    assert!(
        shown.get("source").is_none(),
        "the source is for the owner only"
    );
    assert!(shown["url"].as_str().unwrap().ends_with("/@sam"));

    let unknown = uuid::Uuid::now_v7();
    expect_error(
        app.get(&format!("/api/v1/accounts/{unknown}"), None).await,
        StatusCode::NOT_FOUND,
        "Record not found",
    )
    .await;
    expect_error(
        app.get("/api/v1/accounts/not-an-id", None).await,
        StatusCode::NOT_FOUND,
        "Record not found",
    )
    .await;

    let local = format!("jo.b-2009@{}", app.domain());
    for acct in ["jo.b-2009", "@JO.B-2009", &local] {
        let found = expect_json(
            app.get(&format!("/api/v1/accounts/lookup?acct={acct}"), None)
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(found["id"], jo.id.as_str(), "{acct}");
    }
    expect_error(
        app.get(
            "/api/v1/accounts/lookup?acct=jo.b-2009@elsewhere.example",
            None,
        )
        .await,
        StatusCode::NOT_FOUND,
        "Record",
    )
    .await;
    expect_error(
        app.get("/api/v1/accounts/lookup?acct=nobody", None).await,
        StatusCode::NOT_FOUND,
        "Record",
    )
    .await;

    let path = format!(
        "/api/v1/accounts?id[]={}&id[]={unknown}&id[]={}&id[]=junk",
        jo.id, sam.id
    );
    let list = expect_json(app.get(&path, None).await, StatusCode::OK).await;
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![jo.id.as_str(), sam.id.as_str()],
        "found ones, in the order asked"
    );

    let too_many: String = (0..41)
        .map(|_| format!("id[]={}&", uuid::Uuid::now_v7()))
        .collect();
    expect_error(
        app.get(&format!("/api/v1/accounts?{too_many}"), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "Too many",
    )
    .await;
}

async fn update_credentials_from_form_and_json(app: TestApp) {
    let user = app.sign_up("editor").await;
    let res = app
        .patch_form(
            "/api/v1/accounts/update_credentials",
            &user.token,
            &[
                ("display_name", "Job Seeker 👩‍💻"),
                ("note", "Thanks @Zaibatsu <3\nOpen to part-time work"),
                ("locked", "1"),
                ("fields_attributes[0][name]", "Site"),
                ("fields_attributes[0][value]", "https://example.org"),
                ("fields_attributes[1][name]", "Pronouns"),
                ("fields_attributes[1][value]", "she/her"),
            ],
        )
        .await;
    let me = expect_json(res, StatusCode::OK).await;
    assert_mastodon_entity(&me, "CredentialAccount");
    assert_eq!(me["display_name"], "Job Seeker 👩‍💻");
    assert_eq!(
        me["note"],
        "<p>Thanks @Zaibatsu &lt;3<br />Open to part-time work</p>"
    );
    assert_eq!(
        me["source"]["note"],
        "Thanks @Zaibatsu <3\nOpen to part-time work"
    );
    assert_eq!(me["locked"], true);
    assert_eq!(me["fields"][0]["name"], "Site");
    assert_eq!(me["fields"][1]["value"], "she/her");

    let res = app.patch_json("/api/v1/accounts/update_credentials", &user.token, &json!({"locked": false, "bot": "true", "fields_attributes": [{"name": "Only", "value": "one"}]})).await;
    let me = expect_json(res, StatusCode::OK).await;
    assert_eq!(me["locked"], false);
    assert_eq!(me["bot"], true);
    assert_eq!(me["display_name"], "Job Seeker 👩‍💻", "untouched fields stay");
    assert_eq!(
        me["fields"],
        json!([{"name": "Only", "value": "one", "verified_at": null}])
    );

    // What verify_credentials and the public view show afterwards is what was saved.
    let public = expect_json(
        app.get(&format!("/api/v1/accounts/{}", user.id), None)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(public["bot"], true);
}

async fn update_credentials_refuses_bad_values(app: TestApp) {
    let user = app.sign_up("strict").await;
    let patch = |body: serde_json::Value| {
        app.client
            .patch(app.url("/api/v1/accounts/update_credentials"))
            .bearer_auth(&user.token)
            .json(&body)
            .send()
    };
    let body = expect_json(
        patch(json!({"display_name": "x".repeat(31)}))
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(body["details"]["display_name"][0]["error"], "ERR_TOO_LONG");
    let body = expect_json(
        patch(json!({"note": "evil\u{202E}txt"})).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(body["details"]["note"][0]["error"], "ERR_INVALID");
    let five: Vec<_> = (0..5)
        .map(|i| json!({"name": format!("n{i}"), "value": "v"}))
        .collect();
    let body = expect_json(
        patch(json!({"fields_attributes": five})).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(body["details"]["fields"][0]["error"], "ERR_TOO_LONG");
    expect_error(
        patch(json!({"locked": "perhaps"})).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "not a boolean",
    )
    .await;

    // None of it was saved.
    let me = expect_json(app.verify_credentials(&user.token).await, StatusCode::OK).await;
    assert_eq!(me["display_name"], "");
    assert_eq!(me["fields"], json!([]));
}

async fn user_endpoints_refuse_app_tokens(app: TestApp) {
    let creds = app
        .register_app("read write", "urn:ietf:wg:oauth:2.0:oob")
        .await;
    let app_token = app.app_token(&creds, "read write").await;
    expect_error(
        app.verify_credentials(&app_token).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "authenticated user",
    )
    .await;
}
