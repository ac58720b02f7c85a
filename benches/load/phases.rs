//! The phases of the standard run: the ceiling, mix A with the visibility-lag probes beside it, mix B and,
//! with `--slo`, the throughput-at-SLO search. Returns whether any request failed (for `--smoke`).

use crate::mix::Mix;
use crate::{lag, open_loop, secs, slo, stats, Args, Bench};

pub async fn run(args: &Args, bench: &Bench<'_>) -> anyhow::Result<bool> {
    let Bench {
        server,
        client,
        base,
        population,
        absent,
    } = *bench;
    let mut failed = false;
    // The ceiling.
    let cpu = server.cpu_seconds();
    let ceiling = open_loop::closed_loop(
        client,
        base,
        population,
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
        absent,
        true,
    );
    failed |= c.error_share > 0.0;
    println!("\n{}", server.cpu_line(cpu, &ceiling));
    println!("{}", server.memory_line());

    // Mix A, with the visibility-lag probes beside it.
    let a = Mix::a();
    let cpu = server.cpu_seconds();
    let (run_a, lags) = tokio::join!(
        open_loop::run(
            client,
            base,
            population,
            &a,
            args.rate_a,
            secs(args.duration),
            args.seed
        ),
        lag::probe(client, base, population, args.lag_probes, args.seed)
    );
    let sa = stats::report(
        &format!("Mix {} at {} req/s", a.name, args.rate_a),
        &run_a,
        absent,
        true,
    );
    failed |= sa.error_share > 0.0;
    println!("\n{} (lag probes included)", server.cpu_line(cpu, &run_a));
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
        client,
        base,
        population,
        &b,
        args.rate_b,
        secs(args.duration),
        args.seed + 1,
    )
    .await;
    let sb = stats::report(
        &format!("Mix {} at {} req/s", b.name, args.rate_b),
        &run_b,
        absent,
        true,
    );
    failed |= sb.error_share > 0.0;
    println!("\n{}", server.cpu_line(cpu, &run_b));
    println!("{}", server.memory_line());

    if args.slo {
        slo::search(
            server,
            client,
            base,
            population,
            absent,
            args.slo_start,
            secs(args.slo_step_secs),
            args.seed + 2,
        )
        .await;
        println!("\n{}", server.memory_line());
    }
    Ok(failed)
}
