//! The random pieces the generator is built from: one seeded stream, the distributions it draws from, and
//! ids made from a hash of (seed, kind, index) so any row's id can be recomputed without the others.
//! Everything here is pure; the same seed gives the same values on every machine (rand 0.8's `StdRng` is
//! ChaCha12, fixed within a rand release; `Cargo.lock` pins it).

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::db::Id;

/// The seeded stream of one generation step; `step` keeps the steps independent, so changing how one step
/// draws does not shift the values of the others.
pub fn stream(seed: u64, step: u64) -> StdRng {
    StdRng::seed_from_u64(mix(seed ^ mix(step.wrapping_add(0x9e37_79b9_7f4a_7c15))))
}

/// SplitMix64's finaliser: a cheap, well-spread 64-bit hash.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A standard normal draw (Box–Muller).
pub fn standard_normal(rng: &mut impl Rng) -> f64 {
    let u1: f64 = 1.0 - rng.gen::<f64>();
    let u2: f64 = rng.gen();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// A log-normal draw with the given median and sigma of the underlying normal.
pub fn log_normal(rng: &mut impl Rng, median: f64, sigma: f64) -> f64 {
    median * (sigma * standard_normal(rng)).exp()
}

/// A Pareto draw with minimum 1 whose density falls as x^-exponent (exponent > 1), by inversion.
pub fn pareto(rng: &mut impl Rng, exponent: f64) -> f64 {
    let u: f64 = rng.gen();
    (1.0 - u).powf(-1.0 / (exponent - 1.0))
}

/// Which kind of row an id belongs to; part of the hash, so two kinds never share ids.
#[derive(Debug, Clone, Copy)]
pub enum IdKind {
    Account = 1,
    Follow = 2,
    Status = 3,
    Favourite = 4,
    Tag = 5,
    Token = 6,
    App = 7,
}

/// A UUIDv7 for row `index` of `kind` made at `ms` (Unix milliseconds): the time part orders ids by
/// creation, as the server's own `Id::new()` does; the random part comes from the seed.
pub fn id(seed: u64, kind: IdKind, index: u64, ms: u64) -> Id {
    let a = mix(seed ^ mix(((kind as u64) << 56) ^ index));
    let b = mix(a ^ 0x5851_f42d_4c95_7f2d);
    let mut bytes = [0u8; 10];
    bytes[..8].copy_from_slice(&a.to_le_bytes());
    bytes[8..].copy_from_slice(&b.to_le_bytes()[..2]);
    Id(uuid::Builder::from_unix_timestamp_millis(ms, &bytes).into_uuid())
}

/// `count` strictly increasing times in [start, start + span): evenly stepped with a hashed jitter inside
/// each step, so the ids made from them sort in index order. Time `i` alone is `time_at(..., i)`.
pub fn time_at(seed: u64, salt: u64, start: u64, span: u64, count: usize, i: usize) -> u64 {
    let step = (span / count.max(1) as u64).max(1);
    start + i as u64 * step + mix(seed ^ mix(salt ^ i as u64)) % step
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distributions_have_the_asked_for_centre() {
        let mut rng = stream(7, 1);
        let mut v: Vec<f64> = (0..20_001)
            .map(|_| log_normal(&mut rng, 40.0, 1.0))
            .collect();
        v.sort_by(f64::total_cmp);
        let median = v[10_000];
        assert!((36.0..44.0).contains(&median), "median {median}");
        let p: Vec<f64> = (0..10_000).map(|_| pareto(&mut rng, 2.2)).collect();
        assert!(p.iter().all(|&x| x >= 1.0));
        // P(X > 10) = 10^-1.2 ≈ 6.3 %
        let tail = p.iter().filter(|&&x| x > 10.0).count() as f64 / p.len() as f64;
        assert!((0.05..0.08).contains(&tail), "tail {tail}");
    }

    #[test]
    fn ids_are_reproducible_distinct_and_time_ordered() {
        let a = id(1, IdKind::Status, 5, 1_000);
        assert_eq!(a, id(1, IdKind::Status, 5, 1_000));
        assert_ne!(a, id(2, IdKind::Status, 5, 1_000));
        assert_ne!(a, id(1, IdKind::Account, 5, 1_000));
        assert!(a < id(1, IdKind::Status, 4, 1_001));
        let times: Vec<u64> = (0..1000)
            .map(|i| time_at(3, 9, 0, 10_000, 1000, i))
            .collect();
        assert!(times.windows(2).all(|w| w[0] < w[1]));
    }
}
