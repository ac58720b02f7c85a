//! Single-endpoint runs at the target rates of issue 6 (stated for dataset M): home timeline p99 ≤ 10 ms at
//! 2,000 req/s, posting a status p99 ≤ 25 ms at 500 req/s, the job feed p99 ≤ 30 ms at 500 req/s; and who to
//! follow, for which no issue states a target, held to the read SLO (p99 ≤ 50 ms) at 100 req/s (a client asks
//! for suggestions when its user opens the explore view, far less often than for a timeline). Each is
//! an open-loop run of a mix that holds that endpoint alone, printed as the mixes are, then a verdict line.
//! `--targets-scale` multiplies the rates (the latency bounds stay). A target is met, as an SLO-search step
//! passes, when p99 is within its bound, fewer than 0.1 % of requests fail and the server answers at least
//! 95 % of the offered rate.

use std::time::Duration;

use crate::mix::{Endpoint, Mix};
use crate::stats::{self, Summary, MAX_ERROR_SHARE};
use crate::{open_loop, Bench};

/// The rate every target is capped at under `--smoke`.
pub const SMOKE_RATE: f64 = 20.0;

pub struct Target {
    pub endpoint: Endpoint,
    pub p99_ms: f64,
    pub rate: f64,
}

pub const TARGETS: [Target; 4] = [
    Target {
        endpoint: Endpoint::Home,
        p99_ms: 10.0,
        rate: 2_000.0,
    },
    Target {
        endpoint: Endpoint::Post,
        p99_ms: 25.0,
        rate: 500.0,
    },
    Target {
        endpoint: Endpoint::JobFeed,
        p99_ms: 30.0,
        rate: 500.0,
    },
    Target {
        endpoint: Endpoint::Suggestions,
        p99_ms: 50.0,
        rate: 100.0,
    },
];

pub struct Settings {
    /// Factor on the target rates.
    pub scale: f64,
    pub duration: Duration,
    /// Cap on the scaled rates (`SMOKE_RATE` under `--smoke`, else none).
    pub max_rate: f64,
    pub seed: u64,
    /// Only the targets whose endpoint name contains this.
    pub only: Option<String>,
}

impl Settings {
    /// The rate a target is run at.
    fn rate(&self, target: &Target) -> f64 {
        (target.rate * self.scale).min(self.max_rate)
    }

    fn chosen(&self) -> impl Iterator<Item = &'static Target> + '_ {
        TARGETS.iter().filter(|t| {
            self.only
                .as_deref()
                .is_none_or(|name| t.endpoint.name().contains(name))
        })
    }

    /// One line for the report's preamble.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = self
            .chosen()
            .map(|t| {
                format!(
                    "{} at {:.0} req/s (p99 ≤ {} ms)",
                    t.endpoint.name(),
                    self.rate(t),
                    t.p99_ms
                )
            })
            .collect();
        format!(
            "single endpoints at target rates, {} s each: {}",
            self.duration.as_secs_f64(),
            parts.join(", ")
        )
    }
}

/// The runs, one after the other on the same server. Returns whether any request failed.
pub async fn run(bench: &Bench<'_>, settings: &Settings) -> bool {
    let mut failed = false;
    for (k, target) in TARGETS.iter().enumerate() {
        if !settings.chosen().any(|t| std::ptr::eq(t, target)) {
            continue;
        }
        if matches!(target.endpoint, Endpoint::JobFeed | Endpoint::Suggestions) {
            let waited = wait_for_job_feed(bench).await;
            println!("\njob feed answering after {waited:.1} s of waiting (the server's start-up read of its graph)");
        }
        let rate = settings.rate(target);
        let mix = Mix::only(target.endpoint);
        let cpu = bench.server.cpu_seconds();
        let run = open_loop::run(
            bench.client,
            bench.base,
            bench.population,
            &mix,
            rate,
            settings.duration,
            settings.seed + k as u64,
        )
        .await;
        let summary = stats::report(
            &format!("Target: {} alone at {rate:.0} req/s", mix.name),
            &run,
            bench.absent,
            true,
        );
        failed |= summary.error_share > 0.0;
        let absent = bench.absent.contains(&target.endpoint);
        println!("\n{}", verdict(target, rate, &summary, absent));
        println!("{}", stats::start_and_rest(&run, rate, 2.0));
        println!("{}", bench.server.cpu_line(cpu, &run));
        println!("{}", bench.server.memory_line());
    }
    failed
}

/// Waits until a job feed request answers 200, so the run measures the feed and not the server's start-up read
/// of its graph (about 14 s at M, during which feed requests wait). Seconds waited; gives up after two minutes.
async fn wait_for_job_feed(bench: &Bench<'_>) -> f64 {
    let started = std::time::Instant::now();
    let token = &bench.population.users[0].token;
    while started.elapsed() < Duration::from_secs(120) {
        let answer = bench
            .client
            .get(format!("{}/api/v1/timelines/jobs?limit=1", bench.base))
            .bearer_auth(token)
            .timeout(Duration::from_secs(60))
            .send()
            .await;
        if answer.is_ok_and(|a| a.status().is_success()) {
            break;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    started.elapsed().as_secs_f64()
}

/// "target: <endpoint> p99 ≤ X ms at R req/s: measured p99 Y ms at R' answered req/s → met / missed".
fn verdict(target: &Target, rate: f64, s: &Summary, absent: bool) -> String {
    let mut head = format!(
        "target: {} p99 ≤ {} ms at {rate:.0} req/s",
        target.endpoint.name(),
        target.p99_ms
    );
    if rate != target.rate {
        head.push_str(&format!(" (the issue's rate is {:.0})", target.rate));
    }
    if absent {
        return format!("{head}: not built on this server (404) → not measured");
    }
    let p99 = if target.endpoint.is_write() {
        s.write_p99
    } else {
        s.read_p99
    };
    let mut short = Vec::new();
    if p99.is_nan() || p99 > target.p99_ms {
        short.push("p99 over the bound".to_owned());
    }
    if s.completed_rate < 0.95 * rate {
        short.push(format!(
            "answered {:.0} % of the offered rate",
            100.0 * s.completed_rate / rate
        ));
    }
    if s.error_share >= MAX_ERROR_SHARE {
        short.push(format!("{:.2} % errors", 100.0 * s.error_share));
    }
    let outcome = if short.is_empty() {
        "met".to_owned()
    } else {
        format!("missed ({})", short.join("; "))
    };
    format!(
        "{head}: measured p99 {p99:.2} ms at {:.0} answered req/s → {outcome}",
        s.completed_rate
    )
}
