//! Percentiles and the tables the benchmark prints (Markdown, so they paste into BENCHMARKS.md).

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use crate::mix::Endpoint;
use crate::open_loop::{Record, Run, OVERLOAD};

pub const READ_SLO: Duration = Duration::from_millis(50);
pub const WRITE_SLO: Duration = Duration::from_millis(150);
pub const MAX_ERROR_SHARE: f64 = 0.001;

/// The `p`-th percentile (nearest rank) of sorted latencies, in milliseconds.
pub fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1].as_secs_f64() * 1e3
}

/// The run's latencies before and after `secs` seconds from its start, as one line (records are in the order
/// they were due, `rate` a second). A server started for the run meets every user for the first time in its
/// first seconds, and for the job feed a first request costs the most: that is where a run's tail can lie.
pub fn start_and_rest(run: &Run, rate: f64, secs: f64) -> String {
    let split = ((rate * secs).round() as usize).min(run.records.len());
    let part = |records: &[Record]| {
        let mut latencies: Vec<Duration> = records.iter().map(|r| r.latency).collect();
        latencies.sort_unstable();
        format!(
            "p50 {:.2} ms, p99 {:.2} ms",
            percentile(&latencies, 50.0),
            percentile(&latencies, 99.0)
        )
    };
    format!(
        "the first {secs:.0} s: {}; after them: {}",
        part(&run.records[..split]),
        part(&run.records[split..])
    )
}

/// Whether a record is a failure. A 404 from an endpoint that is not built yet is not one; it is
/// reported on its own line.
pub fn is_error(r: &Record, absent: &BTreeSet<Endpoint>) -> bool {
    if r.outcome == 404 && absent.contains(&r.endpoint) {
        return false;
    }
    !(200..300).contains(&r.outcome)
}

pub struct Summary {
    pub read_p99: f64,
    pub write_p99: f64,
    pub error_share: f64,
    pub completed_rate: f64,
}

fn latencies<'a>(records: impl Iterator<Item = &'a Record>) -> Vec<Duration> {
    let mut v: Vec<Duration> = records.map(|r| r.latency).collect();
    v.sort_unstable();
    v
}

fn row(label: &str, v: &[Duration], errors: usize) -> String {
    format!(
        "| {label} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {errors} |",
        v.len(),
        percentile(v, 50.0),
        percentile(v, 95.0),
        percentile(v, 99.0),
        percentile(v, 99.9),
        percentile(v, 100.0),
    )
}

/// Prints the table of one run and returns what the SLO search needs.
pub fn report(title: &str, run: &Run, absent: &BTreeSet<Endpoint>, print: bool) -> Summary {
    let mut by_endpoint: BTreeMap<Endpoint, Vec<&Record>> = BTreeMap::new();
    for r in &run.records {
        by_endpoint.entry(r.endpoint).or_default().push(r);
    }
    let counted: Vec<&Record> = run
        .records
        .iter()
        .filter(|r| !(r.outcome == 404 && absent.contains(&r.endpoint)))
        .collect();
    let reads = latencies(counted.iter().copied().filter(|r| !r.endpoint.is_write()));
    let writes = latencies(counted.iter().copied().filter(|r| r.endpoint.is_write()));
    let errors = run.records.iter().filter(|r| is_error(r, absent)).count();
    let ok = run.records.iter().filter(|r| !is_error(r, absent)).count();
    let summary = Summary {
        read_p99: percentile(&reads, 99.0),
        write_p99: percentile(&writes, 99.0),
        error_share: errors as f64 / run.records.len().max(1) as f64,
        completed_rate: ok as f64 / run.elapsed.as_secs_f64(),
    };
    if !print {
        return summary;
    }
    println!("\n#### {title}\n");
    println!(
        "offered {:.0} req/s; {} requests in {:.1} s; answered without error {:.0} req/s\n",
        run.offered_rate,
        run.records.len(),
        run.elapsed.as_secs_f64(),
        summary.completed_rate
    );
    println!("| endpoint | n | p50 ms | p95 ms | p99 ms | p99.9 ms | max ms | errors |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (endpoint, records) in &by_endpoint {
        let v = latencies(records.iter().copied());
        let e = records.iter().filter(|r| is_error(r, absent)).count();
        let label = if absent.contains(endpoint) {
            format!("{} (404: not built yet)", endpoint.name())
        } else {
            endpoint.name().to_owned()
        };
        println!("{}", row(&label, &v, e));
    }
    if by_endpoint.len() > 1 {
        let read_errors = counted
            .iter()
            .filter(|r| !r.endpoint.is_write() && is_error(r, absent))
            .count();
        let write_errors = counted
            .iter()
            .filter(|r| r.endpoint.is_write() && is_error(r, absent))
            .count();
        println!("{}", row("**all reads**", &reads, read_errors));
        println!("{}", row("**all writes**", &writes, write_errors));
    }
    println!("\nnon-2xx answers: {}", non_2xx(run, absent));
    summary
}

/// The answers that were not 2xx, by status and endpoint ("none" if there were none).
pub fn non_2xx(run: &Run, absent: &BTreeSet<Endpoint>) -> String {
    let mut codes: BTreeMap<String, usize> = BTreeMap::new();
    for r in &run.records {
        if (200..300).contains(&r.outcome) {
            continue;
        }
        let code = match r.outcome {
            0 => "no answer (connection error or 10 s time-out)".to_owned(),
            OVERLOAD => "not sent (client overload)".to_owned(),
            c if c == 404 && absent.contains(&r.endpoint) => {
                format!("404 from {} (not built yet)", r.endpoint.name())
            }
            c => format!("{c} from {}", r.endpoint.name()),
        };
        *codes.entry(code).or_default() += 1;
    }
    if codes.is_empty() {
        return "none".into();
    }
    let list: Vec<String> = codes.iter().map(|(c, n)| format!("{c}: {n}")).collect();
    list.join("; ")
}

impl Summary {
    pub fn meets_slo(&self, offered: f64) -> bool {
        let within = |p99: f64, slo: Duration| p99.is_nan() || p99 <= slo.as_secs_f64() * 1e3;
        within(self.read_p99, READ_SLO)
            && within(self.write_p99, WRITE_SLO)
            && self.error_share < MAX_ERROR_SHARE
            && self.completed_rate >= 0.95 * offered
    }
}
