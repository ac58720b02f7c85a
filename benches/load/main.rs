//! Open-loop load benchmark of a running weakties server over a seeded database (issue 6).
//!
//!     cargo bench --bench load -- --server-bin target/release/weakties --database sqlite:///tmp/b.db \
//!         [--rate-a 200] [--rate-b 100] [--duration 30] [--slo] [--smoke] [--label "sqlite S"]
//!
//! or against a server that is already up: `--url http://127.0.0.1:8080 --pid <server pid>`.
//! `scripts/bench.sh` seeds a database and runs this; BENCHMARKS.md has the figures and how to rerun them.
//!
//! Phases, all against the same server process: start-up time (until `/health` answers); the ceiling
//! (closed loop on `GET /api/v1/custom_emojis`); mix A at `--rate-a` with visibility-lag probes running
//! beside it; mix B at `--rate-b`; with `--slo`, the throughput-at-SLO search on mix A. Each prints a
//! Markdown table and the server's peak RSS so far. `--smoke` shortens everything and fails (exit 1) on
//! any error answer, so CI notices when an endpoint or the seed breaks.

mod lag;
mod mix;
mod open_loop;
mod population;
mod request;
mod server;
mod slo;
mod stats;

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
    println!("- mix A: {}", Mix::a().describe());
    println!("- mix B: {}", Mix::b().describe());
    println!("- {}", server.memory_line());

    let mut failed = false;
    // The ceiling.
    let cpu = server.cpu_seconds();
    let ceiling = open_loop::closed_loop(
        &client,
        &base,
        &population,
        args.ceiling_connections,
        secs(args.ceiling_secs),
    )
    .await;
    let c = stats::report(
        &format!(
            "Ceiling: GET /api/v1/custom_emojis, closed loop, {} connections",
            args.ceiling_connections
        ),
        &ceiling,
        &absent,
        true,
    );
    failed |= c.error_share > 0.0;
    println!("\n{}", cpu_line(&server, cpu, &ceiling));
    println!("{}", server.memory_line());

    // Mix A, with the visibility-lag probes beside it.
    let a = Mix::a();
    let cpu = server.cpu_seconds();
    let (run_a, lags) = tokio::join!(
        open_loop::run(
            &client,
            &base,
            &population,
            &a,
            args.rate_a,
            secs(args.duration),
            args.seed
        ),
        lag::probe(&client, &base, &population, args.lag_probes, args.seed)
    );
    let sa = stats::report(
        &format!("Mix {} at {} req/s", a.name, args.rate_a),
        &run_a,
        &absent,
        true,
    );
    failed |= sa.error_share > 0.0;
    println!("\n{} (lag probes included)", cpu_line(&server, cpu, &run_a));
    println!(
        "ceiling ratio: mix A answered {:.0} req/s = {:.1} % of the ceiling's {:.0} req/s",
        sa.completed_rate,
        100.0 * sa.completed_rate / c.completed_rate.max(1e-9),
        c.completed_rate
    );
    let lags = lags?;
    let mut seen = lags.seen.clone();
    seen.sort_unstable();
    println!(
        "visibility lag (post 200 → on a follower's first home page), {} probes during mix A: p50 {:.1} ms, \
         p99 {:.1} ms, max {:.1} ms; not seen within 10 s: {}",
        seen.len(),
        stats::percentile(&seen, 50.0),
        stats::percentile(&seen, 99.0),
        stats::percentile(&seen, 100.0),
        lags.missed
    );
    failed |= lags.missed > 0;
    println!("{}", server.memory_line());

    let b = Mix::b();
    let cpu = server.cpu_seconds();
    let run_b = open_loop::run(
        &client,
        &base,
        &population,
        &b,
        args.rate_b,
        secs(args.duration),
        args.seed + 1,
    )
    .await;
    let sb = stats::report(
        &format!("Mix {} at {} req/s", b.name, args.rate_b),
        &run_b,
        &absent,
        true,
    );
    failed |= sb.error_share > 0.0;
    println!("\n{}", cpu_line(&server, cpu, &run_b));
    println!("{}", server.memory_line());

    if args.slo {
        slo::search(
            &server,
            &client,
            &base,
            &population,
            &absent,
            args.slo_start,
            secs(args.slo_step_secs),
            args.seed + 2,
        )
        .await;
        println!("\n{}", server.memory_line());
    }
    server.stop();
    if args.smoke && failed {
        bail!("smoke run: some requests failed (see the tables above)");
    }
    Ok(())
}

/// Server CPU over a run: per request, and as a share of one core. Says whether the server was CPU-bound.
fn cpu_line(server: &Server, before: Option<f64>, run: &open_loop::Run) -> String {
    match (before, server.cpu_seconds()) {
        (Some(a), Some(b)) => format!(
            "server CPU: {:.2} ms per request, {:.0} % of one core",
            (b - a) * 1e3 / run.records.len().max(1) as f64,
            100.0 * (b - a) / run.elapsed.as_secs_f64()
        ),
        _ => "server CPU: /proc/<pid>/stat not readable".into(),
    }
}

fn secs(s: f64) -> Duration {
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
