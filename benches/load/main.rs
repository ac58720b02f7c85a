//! Open-loop load benchmark of a running weakties server over a seeded database (issue 6).
//!
//!     cargo bench --bench load -- --server-bin target/release/weakties --database sqlite:///tmp/b.db \
//!         [--rate-a 200] [--rate-b 100] [--duration 30] [--slo] [--smoke] [--label "sqlite S"] \
//!         [--targets | --only-targets] [--targets-scale 1.0] [--targets-secs 20]
//!
//! or against a server that is already up: `--url http://127.0.0.1:8080 --pid <server pid>`.
//! `scripts/bench.sh` seeds a database and runs this; BENCHMARKS.md has the figures and how to rerun them.
//!
//! Phases, all against the same server process: start-up time (until `/health` answers); the ceiling
//! (closed loop on `GET /api/v1/custom_emojis`); mix A at `--rate-a` with visibility-lag probes running
//! beside it; mix B at `--rate-b`; with `--slo`, the throughput-at-SLO search on mix A. Each prints a
//! Markdown table and the server's peak RSS so far. `--targets` adds, after those, the single-endpoint runs
//! at the target rates (`targets.rs`); `--only-targets` runs those alone, after start-up.
//! `--smoke` shortens everything and fails (exit 1) on any error answer, so CI notices when an endpoint or
//! the seed breaks.

mod lag;
mod mix;
mod open_loop;
mod phases;
mod population;
mod request;
mod server;
mod slo;
mod stats;
mod targets;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::bail;
use clap::Parser;

use mix::{Endpoint, Mix};
use population::Population;
use server::Server;

#[derive(Parser, Debug)]
#[command(about = "Open-loop load benchmark of weakties (issue 6)")]
pub struct Args {
    /// The server binary to start (with --database).
    #[arg(long, conflicts_with = "url")]
    server_bin: Option<PathBuf>,
    /// Database URL of a seeded database, for the started server.
    #[arg(long, requires = "server_bin")]
    database: Option<String>,
    /// Base URL of a server that is already running (with --pid, for its memory).
    #[arg(long, requires = "pid")]
    url: Option<String>,
    #[arg(long)]
    pid: Option<u32>,
    /// Where the started server's output goes.
    #[arg(long)]
    server_log: Option<PathBuf>,
    /// Requests per second of mix A and of mix B.
    #[arg(long, default_value_t = 200.0)]
    rate_a: f64,
    #[arg(long, default_value_t = 100.0)]
    rate_b: f64,
    /// Seconds of each mix run.
    #[arg(long, default_value_t = 30.0)]
    duration: f64,
    /// Seconds and concurrent connections of the ceiling run.
    #[arg(long, default_value_t = 5.0)]
    ceiling_secs: f64,
    #[arg(long, default_value_t = 32)]
    ceiling_connections: usize,
    /// Visibility-lag probes during mix A.
    #[arg(long, default_value_t = 40)]
    lag_probes: usize,
    /// Search the highest mix-A rate that meets the SLO.
    #[arg(long)]
    slo: bool,
    /// First rate of the SLO search, and seconds per step.
    #[arg(long, default_value_t = 100.0)]
    slo_start: f64,
    #[arg(long, default_value_t = 20.0)]
    slo_step_secs: f64,
    /// Users to act as, and the Zipf exponent over them.
    #[arg(long, default_value_t = 2_000)]
    users: usize,
    #[arg(long, default_value_t = 1.0)]
    zipf: f64,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// A few seconds of everything at low rates; exit 1 on any error answer.
    #[arg(long)]
    smoke: bool,
    /// After the other phases, one open-loop run of each single endpoint at its target rate (targets.rs).
    #[arg(long)]
    targets: bool,
    /// Only the start-up and the single-endpoint runs: no ceiling, mixes, lag probes or SLO search.
    #[arg(long)]
    only_targets: bool,
    /// Factor on the target rates (the latency bounds stay).
    #[arg(long, default_value_t = 1.0)]
    targets_scale: f64,
    /// Seconds of each single-endpoint run (2 at most under --smoke, where rates are 20 req/s at most).
    #[arg(long, default_value_t = 20.0)]
    targets_secs: f64,
    /// Run only the targets whose endpoint name contains this (e.g. "job feed"); all of them by default.
    #[arg(long)]
    target: Option<String>,
    /// Heading of the report (backend and dataset).
    #[arg(long, default_value = "weakties")]
    label: String,
    /// cargo bench passes --bench to harness = false targets.
    #[arg(long, hide = true)]
    bench: bool,
}

fn main() -> anyhow::Result<()> {
    let mut args = Args::parse();
    if args.smoke {
        args.rate_a = args.rate_a.min(50.0);
        args.rate_b = args.rate_b.min(50.0);
        args.duration = args.duration.min(3.0);
        args.ceiling_secs = args.ceiling_secs.min(1.0);
        args.lag_probes = args.lag_probes.min(3);
        args.users = args.users.min(50);
        args.slo = false;
        args.targets_secs = args.targets_secs.min(2.0);
    }
    if !(args.targets_scale > 0.0 && args.targets_secs > 0.0) {
        bail!("--targets-scale and --targets-secs take positive numbers");
    }
    // One client thread: the server gets the other core(s). The client's own limit shows up as a
    // ceiling far above the mixes' rates.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(args))
}

async fn run(args: Args) -> anyhow::Result<()> {
    let mut server = match (&args.server_bin, &args.url) {
        (Some(bin), _) => {
            let Some(database) = &args.database else {
                bail!("--server-bin needs --database")
            };
            let log = args.server_log.clone().unwrap_or_else(server::default_log);
            Server::start(bin, database, &log).await?
        }
        (None, Some(url)) => {
            Server::attach(url.trim_end_matches('/').to_owned(), args.pid.unwrap_or(0))
        }
        (None, None) => bail!("give --server-bin and --database, or --url and --pid"),
    };
    let base = server.base.clone();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(usize::MAX)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(10))
        .build()?;

    println!("### {}\n", args.label);
    if let Some(startup) = server.startup {
        println!(
            "- start-up until /health answers: {:.0} ms",
            startup.as_secs_f64() * 1e3
        );
    }
    for note in &server.notes {
        println!("- note: {note}");
    }
    let population =
        Arc::new(Population::load(&client, &base, args.users, args.zipf, args.seed, 1_000).await?);
    println!(
        "- acting as {} seeded users that follow someone (Zipf exponent {}), over {} public statuses",
        population.users.len(),
        args.zipf,
        population.status_count()
    );
    let absent = absent_endpoints(&client, &base, &population).await;
    if !absent.is_empty() {
        let names: Vec<&str> = absent.iter().map(|e| e.name()).collect();
        println!(
            "- not built yet on this server (404; kept in the mix, reported apart): {}",
            names.join(", ")
        );
    }
    if !args.only_targets {
        println!("- mix A: {}", Mix::a().describe());
        println!("- mix B: {}", Mix::b().describe());
    }
    let targets = targets::Settings {
        scale: args.targets_scale,
        duration: secs(args.targets_secs),
        max_rate: if args.smoke {
            targets::SMOKE_RATE
        } else {
            f64::INFINITY
        },
        seed: args.seed + 100,
        only: args.target.clone(),
    };
    if args.targets || args.only_targets {
        println!("- {}", targets.describe());
    }
    println!("- {}", server.memory_line());

    let bench = Bench {
        server: &server,
        client: &client,
        base: &base,
        population: &population,
        absent: &absent,
    };
    let mut failed = false;
    if !args.only_targets {
        failed |= phases::run(&args, &bench).await?;
    }
    if args.targets || args.only_targets {
        failed |= targets::run(&bench, &targets).await;
    }
    server.stop();
    if args.smoke && failed {
        bail!("smoke run: some requests failed (see the tables above)");
    }
    Ok(())
}

/// What every phase runs against.
#[derive(Clone, Copy)]
pub struct Bench<'a> {
    pub server: &'a Server,
    pub client: &'a reqwest::Client,
    pub base: &'a str,
    pub population: &'a Arc<Population>,
    pub absent: &'a BTreeSet<Endpoint>,
}

pub fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

/// Endpoints that answer 404 to a well-formed request: not built on this server yet.
async fn absent_endpoints(
    client: &reqwest::Client,
    base: &str,
    population: &Population,
) -> BTreeSet<Endpoint> {
    let token = &population.users[0].token;
    let mut absent = BTreeSet::new();
    for (endpoint, path) in [
        (Endpoint::Notifications, "/api/v1/notifications?limit=1"),
        (Endpoint::Search, "/api/v2/search?q=hiring&limit=1"),
        (Endpoint::JobFeed, "/api/v1/timelines/jobs?limit=1"),
    ] {
        debug_assert!(endpoint.may_be_absent());
        let status = client
            .get(format!("{base}{path}"))
            .bearer_auth(token)
            .send()
            .await
            .map(|r| r.status().as_u16());
        if status.is_ok_and(|s| s == 404) {
            absent.insert(endpoint);
        }
    }
    absent
}
