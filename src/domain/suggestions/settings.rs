//! Every weight and size "who to follow" uses; the `[suggestions]` section of the configuration, each field name
//! its key. The graph, the walks and the circle of trust are the job feed's (`[job_feed]`).

use serde::Deserialize;

/// Settings of the suggestions. Keys (all optional; the defaults are below):
///
/// | key | default | meaning |
/// |---|---|---|
/// | `restart` | 0.3 | share of the hubs' mass sent back to the viewer and their circle after each round of SALSA |
/// | `viewer_share` | 0.0 | the viewer's own share of that restart mass (the circle shares the rest by walk weight) |
/// | `iterations` | 15 | SALSA rounds at most (fewer when it has converged) |
/// | `follow_weight` | 1.0 | weight of a follow on a hub's edge (its interactions weigh what they weigh in the job feed) |
/// | `complementary_boost` | 1.5 | factor of an account flagged `hiring` for a viewer flagged `open_to_work`, and the other way round |
/// | `tip_boost` | 0.5 | reposts by the circle raise a score by up to this share: × (1 + tip_boost · (1 − 2^−reposters)) |
/// | `rerank_depth` | 3 | the best `limit × rerank_depth` graph candidates are read from the database and re-ranked |
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SuggestionSettings {
    /// Why 0.3: without a restart the scores drift to plain in-degree inside the viewer's part of the graph (what
    /// SALSA converges to); a large one keeps them on the strongest members' own edges. On the evaluation's seed
    /// 7 (viewer share 0), recall@20 was 0.349, 0.331, 0.334, 0.331, 0.316 for 0.1, 0.3, 0.5, 0.7, 0.9 with the
    /// job feed's follow weight: flat within the seeds' spread, so the middle value.
    pub restart: f64,
    /// Why 0: the viewer's own edges still count, as one hub among the circle's (mass reaches the viewer through
    /// the accounts they link to); giving the viewer a share of the restart as well lowered recall on every
    /// seed tried (0.3: by 0.01 to 0.03).
    pub viewer_share: f64,
    /// Why 15: recall@20 on the evaluation was the same from 10 rounds on (seeds 7 and 11; 5 rounds lost
    /// 0.002), and each round is a pass over every hub's edges (about 3 ms for 30 rounds at dataset M).
    pub iterations: u32,
    /// Why 1 rather than the job feed's 0.3: the walks should follow conversations, but here a follow is the
    /// very thing to predict. Against 0.3, it raised recall@20 by 0.00–0.03 on seeds 7 and 11–14.
    pub follow_weight: f64,
    pub complementary_boost: f64,
    pub tip_boost: f64,
    pub rerank_depth: usize,
}

impl Default for SuggestionSettings {
    fn default() -> Self {
        Self {
            restart: 0.3,
            viewer_share: 0.0,
            iterations: 15,
            follow_weight: 1.0,
            complementary_boost: 1.5,
            tip_boost: 0.5,
            rerank_depth: 3,
        }
    }
}

impl SuggestionSettings {
    /// The first key whose value makes no sense, with what it must be.
    pub fn invalid(&self) -> Option<(&'static str, &'static str)> {
        let share = |x: f64| (0.0..=1.0).contains(&x);
        if !share(self.restart) || self.restart == 0.0 {
            Some(("restart", "a number above 0 and at most 1"))
        } else if !share(self.viewer_share) {
            Some(("viewer_share", "a number from 0 to 1"))
        } else if !(self.follow_weight.is_finite() && self.follow_weight >= 0.0) {
            Some(("follow_weight", "a number of at least 0"))
        } else if self.iterations == 0 {
            Some(("iterations", "at least 1"))
        } else if !(self.complementary_boost.is_finite() && self.complementary_boost > 0.0) {
            Some(("complementary_boost", "a number above 0"))
        } else if !(self.tip_boost.is_finite() && self.tip_boost >= 0.0) {
            Some(("tip_boost", "a number of at least 0"))
        } else if self.rerank_depth == 0 {
            Some(("rerank_depth", "at least 1"))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_nonsense_is_named() {
        assert_eq!(SuggestionSettings::default().invalid(), None);
        let s: SuggestionSettings = serde_json::from_str(r#"{"restart": 0}"#).unwrap();
        assert_eq!(s.invalid().map(|(k, _)| k), Some("restart"));
        let s: SuggestionSettings = serde_json::from_str(r#"{"tip_boost": -1}"#).unwrap();
        assert_eq!(s.invalid().map(|(k, _)| k), Some("tip_boost"));
        assert!(serde_json::from_str::<SuggestionSettings>(r#"{"restrat": 0.2}"#).is_err());
    }
}
