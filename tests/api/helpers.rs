//! Test harness: spawn the app on port 0 with a database of its own, and the client-side steps that most
//! tests need (register an app, sign up, log in).

use std::path::PathBuf;

use diesel::{Connection, PgConnection, RunQueryDsl};
use reqwest::{Client, Response, StatusCode};
use serde_json::Value;
use weakties::config::Settings;
use weakties::db::connection::{establish, DbConnection, DbTarget};
use weakties::startup::Application;

pub const PASSWORD: &str = "correct horse battery";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Declares each listed `async fn name(app: TestApp)` as two tests: `sqlite::name` and `postgres::name`.
#[macro_export]
macro_rules! backend_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let app = $crate::helpers::TestApp::spawn($crate::helpers::Backend::Sqlite).await;
                    super::$name(app.expect("SQLite is always available")).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(app) = $crate::helpers::TestApp::spawn($crate::helpers::Backend::Postgres).await {
                        super::$name(app).await;
                    }
                }
            )*
        }
    };
}

/// The database a test owns; dropped (PostgreSQL) or deleted (SQLite) when the test ends.
pub enum TestDb {
    // Held so the directory (and the database in it) lives exactly as long as the test.
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { server: String, name: String },
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let TestDb::Postgres { server, name } = self {
            if let Ok(mut conn) = PgConnection::establish(server) {
                let _ =
                    diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                        .execute(&mut conn);
            }
        }
    }
}

pub struct TestApp {
    pub address: String,
    pub client: Client,
    pub settings: Settings,
    pub backend: Backend,
    _db: TestDb,
}

/// A server URL with its database name replaced.
fn with_database(server: &str, name: &str) -> String {
    let mut url = url::Url::parse(server).expect("WEAKTIES_TEST_POSTGRES is a URL");
    url.set_path(&format!("/{name}"));
    url.to_string()
}

/// A fresh, empty database for one test, and its URL.
pub fn fresh_database(backend: Backend) -> Option<(TestDb, String)> {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let path: PathBuf = dir.path().join("weakties.db");
            let url = format!("sqlite://{}", path.display());
            Some((TestDb::Sqlite(dir), url))
        }
        Backend::Postgres => {
            let Ok(server) = std::env::var("WEAKTIES_TEST_POSTGRES") else {
                eprintln!("skipped: WEAKTIES_TEST_POSTGRES is not set, so the PostgreSQL half does not run");
                return None;
            };
            let name = format!("weakties_test_{}", uuid::Uuid::new_v4().simple());
            let mut conn =
                PgConnection::establish(&server).expect("connect to WEAKTIES_TEST_POSTGRES");
            diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
                .execute(&mut conn)
                .expect("create test database");
            let url = with_database(&server, &name);
            Some((TestDb::Postgres { server, name }, url))
        }
    }
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Spawns with settings changed by `adjust` (after the test's own database and port are set).
    pub async fn spawn_with(
        backend: Backend,
        adjust: impl FnOnce(&mut Settings),
    ) -> Option<TestApp> {
        let (db, url) = fresh_database(backend)?;
        let mut settings = Settings::defaults().expect("default settings");
        // A free port chosen up front, so the instance's public address (in links it writes) is the real one.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        settings.server.bind = format!("127.0.0.1:{port}");
        settings.server.base_url = format!("http://127.0.0.1:{port}");
        settings.server.workers = 2;
        settings.database.url = url;
        settings.database.pool_size = 4;
        // Tests sign many accounts up from one address; tests/api/rate_limits.rs turns limits back on.
        settings.rate_limit.enabled = false;
        adjust(&mut settings);
        let app = Application::build(settings.clone())
            .await
            .expect("application builds");
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        let client = Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("http client");
        Some(TestApp {
            address,
            client,
            settings,
            backend,
            _db: db,
        })
    }

    /// The instance's domain as it reports it (`127.0.0.1:port`).
    pub fn domain(&self) -> &str {
        self.address.trim_start_matches("http://")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// A direct connection to this test's database, for checking what was stored.
    pub fn db(&self) -> DbConnection {
        let target = DbTarget::parse(&self.settings.database.url);
        establish(&target, &self.settings.database).expect("direct database connection")
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        let mut req = self.client.get(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request sent")
    }

    pub async fn post_form(
        &self,
        path: &str,
        token: Option<&str>,
        form: &[(&str, &str)],
    ) -> Response {
        let mut req = self.client.post(self.url(path)).form(form);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request sent")
    }

    pub async fn post_json(&self, path: &str, token: Option<&str>, body: &Value) -> Response {
        let mut req = self.client.post(self.url(path)).json(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request sent")
    }

    /// Who `token` speaks for: GET /api/v1/accounts/verify_credentials.
    pub async fn verify_credentials(&self, token: &str) -> Response {
        self.get("/api/v1/accounts/verify_credentials", Some(token))
            .await
    }

    pub async fn patch_form(&self, path: &str, token: &str, form: &[(&str, &str)]) -> Response {
        let req = self
            .client
            .patch(self.url(path))
            .bearer_auth(token)
            .form(form);
        req.send().await.expect("request sent")
    }

    pub async fn patch_json(&self, path: &str, token: &str, body: &Value) -> Response {
        let req = self
            .client
            .patch(self.url(path))
            .bearer_auth(token)
            .json(body);
        req.send().await.expect("request sent")
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Response {
        let mut req = self.client.delete(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request sent")
    }

    /// Posts a status as `user` with extra form fields; asserts success and returns the Status.
    pub async fn post_status(&self, user: &User, text: &str, extra: &[(&str, &str)]) -> Value {
        let mut form = vec![("status", text)];
        form.extend_from_slice(extra);
        let res = self
            .post_form("/api/v1/statuses", Some(&user.token), &form)
            .await;
        expect_json(res, StatusCode::OK).await
    }

    /// `user` acts on account or status `id`: e.g. `act(&a, "accounts", &b.id, "follow")`.
    pub async fn act(&self, user: &User, kind: &str, id: &str, action: &str) -> Value {
        let res = self
            .post_form(
                &format!("/api/v1/{kind}/{id}/{action}"),
                Some(&user.token),
                &[],
            )
            .await;
        expect_json(res, StatusCode::OK).await
    }

    /// A list of entities (a timeline page, notifications, suggestions), asserting 200.
    pub async fn list(&self, path: &str, token: Option<&str>) -> Vec<Value> {
        let body = expect_json(self.get(path, token).await, StatusCode::OK).await;
        body.as_array()
            .unwrap_or_else(|| panic!("not a list: {body}"))
            .clone()
    }

    /// The ids of a list of entities (a timeline page, a list of accounts).
    pub async fn ids(&self, path: &str, token: Option<&str>) -> Vec<String> {
        self.list(path, token)
            .await
            .iter()
            .map(|v| v["id"].as_str().unwrap().to_owned())
            .collect()
    }

    /// Registers an application; returns its credentials.
    pub async fn register_app(&self, scopes: &str, redirect_uri: &str) -> AppCreds {
        let res = self
            .post_form(
                "/api/v1/apps",
                None,
                &[
                    ("client_name", "test app"),
                    ("redirect_uris", redirect_uri),
                    ("scopes", scopes),
                ],
            )
            .await;
        let body = expect_json(res, StatusCode::OK).await;
        AppCreds {
            client_id: body["client_id"].as_str().unwrap().to_owned(),
            client_secret: body["client_secret"].as_str().unwrap().to_owned(),
        }
    }

    /// An application token (client_credentials grant).
    pub async fn app_token(&self, app: &AppCreds, scope: &str) -> String {
        let res = self
            .post_form(
                "/oauth/token",
                None,
                &[
                    ("grant_type", "client_credentials"),
                    ("client_id", &app.client_id),
                    ("client_secret", &app.client_secret),
                    ("scope", scope),
                ],
            )
            .await;
        expect_json(res, StatusCode::OK).await["access_token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Signs `username` up through a fresh app; returns the new account's token and id.
    pub async fn sign_up(&self, username: &str) -> User {
        let app = self
            .register_app("read write follow push", "urn:ietf:wg:oauth:2.0:oob")
            .await;
        let app_token = self.app_token(&app, "read write follow push").await;
        let res = self
            .post_form(
                "/api/v1/accounts",
                Some(&app_token),
                &[
                    ("username", username),
                    ("email", &format!("{username}@example.com")),
                    ("password", PASSWORD),
                    ("agreement", "true"),
                ],
            )
            .await;
        let token = expect_json(res, StatusCode::OK).await["access_token"]
            .as_str()
            .unwrap()
            .to_owned();
        let me = expect_json(self.verify_credentials(&token).await, StatusCode::OK).await;
        User {
            token,
            id: me["id"].as_str().unwrap().to_owned(),
            app,
        }
    }

    /// The password grant, as Mastodon.py's `log_in` does it.
    pub async fn password_grant(
        &self,
        app: &AppCreds,
        login: &str,
        password: &str,
        scope: &str,
    ) -> Response {
        self.post_form(
            "/oauth/token",
            None,
            &[
                ("grant_type", "password"),
                ("client_id", &app.client_id),
                ("client_secret", &app.client_secret),
                ("username", login),
                ("password", password),
                ("scope", scope),
            ],
        )
        .await
    }
}

#[derive(Debug, Clone)]
pub struct AppCreds {
    pub client_id: String,
    pub client_secret: String,
}

pub struct User {
    pub token: String,
    pub id: String,
    pub app: AppCreds,
}

/// Asserts the status and a JSON content type, and returns the body.
pub async fn expect_json(res: Response, status: StatusCode) -> Value {
    let got = res.status();
    let content_type = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap_or("").to_owned())
        .unwrap_or_default();
    let text = res.text().await.expect("body");
    assert_eq!(got, status, "unexpected status; body: {text}");
    assert!(
        content_type.starts_with("application/json"),
        "content type {content_type:?}; body: {text}"
    );
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("body is not JSON ({e}): {text}"))
}

/// Asserts a Mastodon error answer: the status, and `{"error": …}` containing `needle`.
pub async fn expect_error(res: Response, status: StatusCode, needle: &str) -> Value {
    let body = expect_json(res, status).await;
    let error = body["error"]
        .as_str()
        .unwrap_or_else(|| panic!("no error field: {body}"));
    assert!(error.contains(needle), "error {error:?} lacks {needle:?}");
    body
}

/// Checks `value` carries every field the Mastodon spec marks required for `entity` (recursively).
pub fn assert_mastodon_entity(value: &Value, entity: &str) {
    static SPEC: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    let spec = SPEC.get_or_init(|| {
        serde_json::from_str(include_str!("../fixtures/mastodon_required.json"))
            .expect("fixture is JSON")
    });
    let tree = spec
        .get(entity)
        .unwrap_or_else(|| panic!("no entity {entity} in the fixture"));
    check_required(value, tree, entity);
}

fn check_required(value: &Value, tree: &Value, path: &str) {
    let Some(fields) = tree.as_object() else {
        return;
    };
    for (name, sub) in fields {
        if name == "[]" {
            for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                check_required(item, sub, &format!("{path}[{i}]"));
            }
            continue;
        }
        let child = value.get(name).unwrap_or_else(|| {
            panic!("{path}.{name} is required by Mastodon but missing in {value}")
        });
        if !child.is_null() {
            check_required(child, sub, &format!("{path}.{name}"));
        }
    }
}
