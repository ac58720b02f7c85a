//! `weakties seed`: fills a fresh database with a deterministic synthetic instance, for benchmarks.
//!
//! The same seed and size give the same rows (ids, times, texts, counters) on either backend; only the
//! password hash differs between runs (Argon2 salts are random). How the benchmark signs in as the seeded
//! accounts is in `credentials`. The generators (`graph`, `activity`, `text`, `counters`, `dataset`) are
//! pure; `writer` is the only part that touches the database.

pub mod activity;
pub mod counters;
pub mod credentials;
pub mod dataset;
pub mod graph;
mod progress;
pub mod random;
mod size;
mod sql;
pub mod text;
pub mod vocabulary;
pub mod writer;

#[cfg(test)]
mod tests;

use std::time::Instant;

pub use dataset::Dataset;
pub use size::{Shape, Size};

use crate::config::Settings;
use crate::db::connection::establish;
use crate::db::{migrations, DbTarget};

/// Seeds the database of `settings` (migrated first; it must hold no accounts yet) with the instance of `seed`
/// whose month of posts ends at the last midnight, UTC.
pub fn run(settings: &Settings, size: Size, seed: u64) -> anyhow::Result<()> {
    let started = Instant::now();
    let target = DbTarget::parse(&settings.database.url);
    // Bulk statements may run long: no statement bound on this connection.
    let mut database = settings.database.clone();
    database.statement_timeout_ms = 0;
    let mut conn = establish(&target, &database)?;
    migrations::run_pending(&mut conn)?;
    writer::ensure_empty(&mut conn)?;
    // The month of posts ends at the last midnight (UTC): recent, and the same all day.
    let data = Dataset::generate(seed, size.shape(), chrono::Utc::now().date_naive());
    eprintln!(
        "seed: generated size {} with seed {seed} in {:.1} s: {}",
        size.name(),
        started.elapsed().as_secs_f64(),
        data.summary()
    );
    let password_hash = crate::auth::password::hash(credentials::PASSWORD)?;
    writer::write(
        &mut conn,
        &data,
        &settings.server.base_url,
        &password_hash,
        &settings.jobs,
        &settings.job_feed,
    )?;
    eprintln!(
        "seed: {} seeded in {:.1} s. Account i is @user{{i}} with bearer token bench-token-user{{i}} \
         and password {}",
        target.backend_name(),
        started.elapsed().as_secs_f64(),
        credentials::PASSWORD
    );
    Ok(())
}
