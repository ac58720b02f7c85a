//! Throughput at SLO: the highest mix-A rate at which reads keep p99 ≤ 50 ms, writes p99 ≤ 150 ms, fewer
//! than 0.1 % of requests fail and the server keeps up (answers at least 95 % of the offered rate). From
//! the first rate, the rate grows by half while steps pass (or halves while they fail) until the answer is
//! bracketed, then four bisection steps narrow the gap. Each step is a fresh open-loop run; p99 over a
//! short step rests on few writes, so the steps should be long enough to hold a few hundred of them.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use crate::mix::{Endpoint, Mix};
use crate::open_loop;
use crate::population::Population;
use crate::server::Server;
use crate::stats::{self, READ_SLO, WRITE_SLO};

const MAX_STEPS: usize = 12;
const BISECTIONS: usize = 4;
const MIN_RATE: f64 = 10.0;

/// The non-2xx list without the 404s of endpoints that are not built yet.
fn errors_only(list: &str) -> String {
    let kept: Vec<&str> = list
        .split("; ")
        .filter(|part| !part.contains("not built yet") && *part != "none")
        .collect();
    if kept.is_empty() {
        "none".into()
    } else {
        kept.join("; ")
    }
}

#[allow(clippy::too_many_arguments)]
pub async fn search(
    server: &Server,
    client: &reqwest::Client,
    base: &str,
    population: &Arc<Population>,
    absent: &BTreeSet<Endpoint>,
    start: f64,
    step: Duration,
    seed: u64,
) {
    let mix = Mix::a();
    println!(
        "\n#### Throughput at SLO, mix A ({} s a step; reads p99 ≤ {} ms, writes p99 ≤ {} ms, errors < 0.1 %)\n",
        step.as_secs_f64(),
        READ_SLO.as_millis(),
        WRITE_SLO.as_millis()
    );
    println!(
        "| offered req/s | answered req/s | reads p99 ms | writes p99 ms | errors % | server CPU % of a core \
         | meets SLO | errors |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---|---|");
    let try_rate = |rate: f64, k: u64| {
        let mix = &mix;
        async move {
            let cpu = server.cpu_seconds();
            let run = open_loop::run(client, base, population, mix, rate, step, seed + k).await;
            let busy = match (cpu, server.cpu_seconds()) {
                (Some(a), Some(b)) => format!("{:.0}", 100.0 * (b - a) / run.elapsed.as_secs_f64()),
                _ => "?".into(),
            };
            let s = stats::report("", &run, absent, false);
            let ok = s.meets_slo(rate);
            println!(
                "| {rate:.0} | {:.0} | {:.1} | {:.1} | {:.2} | {busy} | {} | {} |",
                s.completed_rate,
                s.read_p99,
                s.write_p99,
                100.0 * s.error_share,
                if ok { "yes" } else { "no" },
                errors_only(&stats::non_2xx(&run, absent))
            );
            ok
        }
    };
    // Bracket the answer: grow by half from `start` while steps pass, or halve while they fail.
    let (mut good, mut bad) = (None::<f64>, None::<f64>);
    let mut rate = start;
    let mut k = 0;
    while k < MAX_STEPS as u64 && rate >= MIN_RATE {
        k += 1;
        if try_rate(rate, k).await {
            good = Some(rate);
            if bad.is_some() {
                break;
            }
            rate *= 1.5;
        } else {
            bad = Some(rate);
            if good.is_some() {
                break;
            }
            rate = (rate / 2.0).round();
        }
    }
    if let (Some(low), Some(high)) = (good, bad) {
        let (mut low, mut high) = (low, high);
        for _ in 0..BISECTIONS {
            k += 1;
            let mid = ((low + high) / 2.0).round();
            if try_rate(mid, k).await {
                low = mid;
            } else {
                high = mid;
            }
        }
        good = Some(low);
    }
    match good {
        Some(r) => println!("\nthroughput at SLO (mix A): {r:.0} req/s"),
        None => println!("\nthroughput at SLO (mix A): below {MIN_RATE:.0} req/s"),
    }
}
