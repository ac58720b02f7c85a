//! The real binary: configuration from the environment, `create-account`, and data kept across restarts.

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::helpers::{expect_json, fresh_database, AppCreds, Backend, PASSWORD};

const BIN: &str = env!("CARGO_BIN_EXE_weakties");

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn command(db_url: &str, port: u16) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env("WEAKTIES__DATABASE__URL", db_url)
        .env("WEAKTIES__SERVER__BIND", format!("127.0.0.1:{port}"))
        .env(
            "WEAKTIES__SERVER__BASE_URL",
            format!("http://127.0.0.1:{port}"),
        )
        .env("WEAKTIES__LOG__LEVEL", "warn")
        .env_remove("WEAKTIES_ENV");
    cmd
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn start(db_url: &str, port: u16) -> Server {
    let child = command(db_url, port)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    let client = reqwest::Client::new();
    while Instant::now() < deadline {
        if let Ok(res) = client
            .get(format!("http://127.0.0.1:{port}/health"))
            .send()
            .await
        {
            if res.status() == StatusCode::OK {
                return server;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not become healthy");
}

async fn log_in(port: u16, app: &AppCreds, login: &str) -> StatusCode {
    reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/oauth/token"))
        .form(&[
            ("grant_type", "password"),
            ("client_id", &app.client_id),
            ("client_secret", &app.client_secret),
            ("username", login),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap()
        .status()
}

async fn create_account_then_restart_keeps_it(backend: Backend) {
    let Some((_db, url)) = fresh_database(backend) else {
        return;
    };
    let mut child = command(&url, 0)
        .args([
            "create-account",
            "--username",
            "cli_user",
            "--email",
            "cli@example.com",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("created @cli_user"));

    let port = free_port();
    let server = start(&url, port).await;
    let client = reqwest::Client::new();
    let instance = client
        .get(format!("http://127.0.0.1:{port}/api/v2/instance"))
        .send()
        .await
        .unwrap();
    let instance = expect_json(instance, StatusCode::OK).await;
    assert_eq!(
        instance["domain"],
        format!("127.0.0.1:{port}"),
        "base URL from WEAKTIES__SERVER__BASE_URL"
    );
    let res = client
        .post(format!("http://127.0.0.1:{port}/api/v1/apps"))
        .form(&[
            ("client_name", "restart"),
            ("redirect_uris", "urn:ietf:wg:oauth:2.0:oob"),
            ("scopes", "read"),
        ])
        .send()
        .await
        .unwrap();
    let app = expect_json(res, StatusCode::OK).await;
    let app = AppCreds {
        client_id: app["client_id"].as_str().unwrap().into(),
        client_secret: app["client_secret"].as_str().unwrap().into(),
    };
    assert_eq!(log_in(port, &app, "cli@example.com").await, StatusCode::OK);
    drop(server);

    let server = start(&url, port).await;
    assert_eq!(
        log_in(port, &app, "cli_user").await,
        StatusCode::OK,
        "account and app survive a restart"
    );
    drop(server);

    // The same name again is refused, with the reason.
    let mut child = command(&url, 0)
        .args([
            "create-account",
            "--username",
            "CLI_user",
            "--email",
            "other@example.com",
        ])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already been taken"));
}

#[tokio::test]
async fn sqlite_create_account_then_restart_keeps_it() {
    create_account_then_restart_keeps_it(Backend::Sqlite).await;
}

#[tokio::test]
async fn postgres_create_account_then_restart_keeps_it() {
    create_account_then_restart_keeps_it(Backend::Postgres).await;
}

#[test]
fn bad_settings_stop_start_up_naming_the_setting() {
    let out = command("sqlite:///tmp/never-created.db", 0)
        .env("WEAKTIES__DATABASE__SQLITE_SYNCHRONOUS", "sometimes")
        .arg("migrate")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("sqlite_synchronous"));

    let out = command("postgres://nobody@127.0.0.1:1/none", 0)
        .arg("migrate")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("database.url") && err.contains("postgres"),
        "{err}"
    );
}
