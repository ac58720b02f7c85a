//! The server under test: started from its binary on a free port (or attached to by URL and pid), timed
//! until `/health` answers, and measured through `/proc/<pid>/status` (VmHWM is the peak resident set).
//!
//! Rate limits are coming (another issue) and would throttle a load test, so the server is started with
//! `WEAKTIES__RATE_LIMIT__ENABLED=false`. Today's config loader refuses unknown settings, so when the
//! server exits naming `rate_limit`, it is started again without the variable and the report says so.

use std::fs::File;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

use crate::open_loop::Run;

pub const RATE_LIMIT_OFF: (&str, &str) = ("WEAKTIES__RATE_LIMIT__ENABLED", "false");

pub struct Server {
    pub base: String,
    pub pid: u32,
    child: Option<Child>,
    /// How long from spawn until `/health` answered 200.
    pub startup: Option<Duration>,
    pub notes: Vec<String>,
}

impl Server {
    pub fn attach(base: String, pid: u32) -> Self {
        Server {
            base,
            pid,
            child: None,
            startup: None,
            notes: vec![format!("attached to a running server (pid {pid})")],
        }
    }

    pub async fn start(binary: &Path, database: &str, log: &Path) -> anyhow::Result<Self> {
        match Self::spawn(binary, database, log, true).await? {
            Ok(server) => Ok(server),
            Err(output) if output.contains("rate_limit") => {
                let mut server = Self::spawn(binary, database, log, false)
                    .await?
                    .map_err(|out| anyhow::anyhow!("the server did not start:\n{out}"))?;
                server.notes.push(
                    "the server has no rate_limit settings yet, so it was started without \
                     WEAKTIES__RATE_LIMIT__ENABLED=false"
                        .into(),
                );
                Ok(server)
            }
            Err(output) => bail!("the server did not start:\n{output}"),
        }
    }

    /// Ok(server) once healthy; Err(its output) if it exited first.
    async fn spawn(
        binary: &Path,
        database: &str,
        log: &Path,
        rate_limit_off: bool,
    ) -> anyhow::Result<Result<Self, String>> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let out = File::create(log).with_context(|| format!("creating {}", log.display()))?;
        let mut command = Command::new(binary);
        command
            .arg("serve")
            // No config/<env>.toml overlay: the compiled-in defaults and the variables below only.
            .env("WEAKTIES_ENV", "bench")
            .env("WEAKTIES__DATABASE__URL", database)
            .env("WEAKTIES__SERVER__BIND", format!("127.0.0.1:{port}"))
            // One line per request would measure the terminal; warnings and errors still show.
            .env("WEAKTIES__LOG__LEVEL", "warn")
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .stdout(out.try_clone()?)
            .stderr(out);
        if rate_limit_off {
            command.env(RATE_LIMIT_OFF.0, RATE_LIMIT_OFF.1);
        }
        let started = Instant::now();
        let mut child = command
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        let base = format!("http://127.0.0.1:{port}");
        let client = reqwest::Client::new();
        loop {
            if let Some(status) = child.try_wait()? {
                let output = std::fs::read_to_string(log).unwrap_or_default();
                return Ok(Err(format!("{status}\n{output}")));
            }
            let healthy = client
                .get(format!("{base}/health"))
                .timeout(Duration::from_secs(1))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if healthy {
                let startup = started.elapsed();
                return Ok(Ok(Server {
                    base,
                    pid: child.id(),
                    child: Some(child),
                    startup: Some(startup),
                    notes: Vec::new(),
                }));
            }
            if started.elapsed() > Duration::from_secs(120) {
                let _ = child.kill();
                bail!(
                    "the server did not answer /health within 120 s; log: {}",
                    log.display()
                );
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// (VmHWM, VmRSS) in MiB.
    pub fn memory(&self) -> Option<(f64, f64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid)).ok()?;
        let field = |name: &str| -> Option<f64> {
            let line = status.lines().find(|l| l.starts_with(name))?;
            let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kb / 1024.0)
        };
        Some((field("VmHWM:")?, field("VmRSS:")?))
    }

    /// CPU time the server has used so far (user + system), from `/proc/<pid>/stat`.
    pub fn cpu_seconds(&self) -> Option<f64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).ok()?;
        // Fields after the command name, which is in parentheses and may hold spaces.
        let rest = &stat[stat.rfind(')')? + 2..];
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let ticks: f64 =
            fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
        // USER_HZ is 100 on Linux.
        Some(ticks / 100.0)
    }

    /// Server CPU over a run that started at `before` CPU seconds: per request, and as a share of one
    /// core. Says whether the server was CPU-bound.
    pub fn cpu_line(&self, before: Option<f64>, run: &Run) -> String {
        match (before, self.cpu_seconds()) {
            (Some(a), Some(b)) => format!(
                "server CPU: {:.2} ms per request, {:.0} % of one core",
                (b - a) * 1e3 / run.records.len().max(1) as f64,
                100.0 * (b - a) / run.elapsed.as_secs_f64()
            ),
            _ => "server CPU: /proc/<pid>/stat not readable".into(),
        }
    }

    pub fn memory_line(&self) -> String {
        match self.memory() {
            Some((peak, now)) => format!("server peak RSS (VmHWM) {peak:.0} MiB, now {now:.0} MiB"),
            None => "server RSS: /proc/<pid>/status not readable".into(),
        }
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

pub fn default_log() -> PathBuf {
    std::env::temp_dir().join(format!("weakties-load-{}.log", std::process::id()))
}
