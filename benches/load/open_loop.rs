//! The open-loop driver: request i is due at start + i / rate whatever happened to the earlier ones, and its
//! latency runs from that due time, not from when it was actually sent. A server (or a client) that falls
//! behind therefore shows its queue in the latencies instead of quietly lowering the rate (coordinated
//! omission). Requests that would push the number in flight past a cap are not sent and count as
//! errors ("client overload"), so an overloaded run still ends.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::SeedableRng;

use crate::mix::{Endpoint, Mix};
use crate::population::Population;
use crate::request::{plan, send, Outcome};

/// Status recorded for a request the driver did not send because too many were in flight.
pub const OVERLOAD: Outcome = 1;
const MAX_IN_FLIGHT: usize = 4_096;

pub struct Record {
    pub endpoint: Endpoint,
    pub latency: Duration,
    pub outcome: Outcome,
}

pub struct Run {
    pub records: Vec<Record>,
    pub offered_rate: f64,
    /// From the first due time until the last answer.
    pub elapsed: Duration,
}

pub async fn run(
    client: &reqwest::Client,
    base: &str,
    population: &Arc<Population>,
    mix: &Mix,
    rate: f64,
    duration: Duration,
    seed: u64,
) -> Run {
    let total = (rate * duration.as_secs_f64()).round().max(1.0) as u64;
    let mut rng = StdRng::seed_from_u64(seed);
    let in_flight = Arc::new(AtomicUsize::new(0));
    let start = Instant::now() + Duration::from_millis(20);
    let mut handles = Vec::with_capacity(total as usize);
    for k in 0..total {
        let due = start + Duration::from_secs_f64(k as f64 / rate);
        tokio::time::sleep_until(due.into()).await;
        let endpoint = mix.draw(&mut rng);
        let planned = plan(client, base, population, endpoint, k, &mut rng);
        if in_flight.load(Ordering::Relaxed) >= MAX_IN_FLIGHT {
            handles.push(tokio::spawn(async move {
                Record {
                    endpoint,
                    latency: due.elapsed(),
                    outcome: OVERLOAD,
                }
            }));
            continue;
        }
        in_flight.fetch_add(1, Ordering::Relaxed);
        let population = population.clone();
        let in_flight = in_flight.clone();
        handles.push(tokio::spawn(async move {
            let outcome = send(planned, population).await;
            in_flight.fetch_sub(1, Ordering::Relaxed);
            Record {
                endpoint,
                latency: due.elapsed(),
                outcome,
            }
        }));
    }
    let mut records = Vec::with_capacity(handles.len());
    for h in handles {
        records.push(h.await.expect("request task"));
    }
    Run {
        records,
        offered_rate: rate,
        elapsed: start.elapsed(),
    }
}

/// The ceiling: `connections` clients each sending the next request as soon as the previous answer is in
/// (closed loop), for `duration`. What the HTTP layer of this server does on this machine at most.
pub async fn closed_loop(
    client: &reqwest::Client,
    base: &str,
    population: &Arc<Population>,
    connections: usize,
    duration: Duration,
) -> Run {
    let start = Instant::now();
    let end = start + duration;
    let mut handles = Vec::new();
    for c in 0..connections {
        let client = client.clone();
        let base = base.to_owned();
        let population = population.clone();
        handles.push(tokio::spawn(async move {
            let mut rng = StdRng::seed_from_u64(c as u64);
            let mut records = Vec::new();
            while Instant::now() < end {
                let sent = Instant::now();
                let planned = plan(&client, &base, &population, Endpoint::Ceiling, 0, &mut rng);
                let outcome = send(planned, population.clone()).await;
                records.push(Record {
                    endpoint: Endpoint::Ceiling,
                    latency: sent.elapsed(),
                    outcome,
                });
            }
            records
        }));
    }
    let mut records = Vec::new();
    for h in handles {
        records.extend(h.await.expect("ceiling task"));
    }
    let elapsed = start.elapsed();
    Run {
        offered_rate: records.len() as f64 / elapsed.as_secs_f64(),
        records,
        elapsed,
    }
}
