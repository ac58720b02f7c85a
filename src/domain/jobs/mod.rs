//! Job detection (issue 5, part 1): whether a post offers a job, looks for one, or neither, with a score
//! and the signals that decided it. Pure: no HTTP, no SQL; the same text and flag always give the same
//! answer.
//!
//! The detector is a set of weighted rules ([`JobRules`], applied by [`detect`]): offer and seeker hashtags,
//! phrases and weaker hints, negative phrases for job words used otherwise ("good job", "hiring a plumber"),
//! careers and applicant-tracking links, an amount of pay, and the author's hiring flag. A naive Bayes model
//! over the same kinds of features (words, word pairs, hashtags, link hosts), trained on the `train` part of
//! the labeled set, was tried against the rules on the held-out part and lost clearly (offer precision 0.74
//! against 0.92, seeker precision 0.71 against 0.96), alone and as a fallback behind the rules, so no model
//! ships; the trial stays as a test (`model_trial.rs`, `cargo test --lib jobs::model_trial -- --nocapture`).
//!
//! # Configuration
//!
//! [`JobRules`] deserializes from the `[jobs]` section; every key is optional, a key that is set replaces
//! that built-in list or weight (copy a list from `rules.rs` to extend it), and unknown keys are refused:
//!
//! ```toml
//! [jobs]
//! offer_hashtags = ["hiring", "nowhiring", "wearehiring", "jobopening"]   # without '#'
//! seeking_hashtags = ["opentowork", "lookingforwork", "hireme"]
//! topic_hashtags = ["jobs", "jobsearch", "careers"]       # add to both kinds, never decide alone
//! offer_phrases = ["we're hiring", "join our team", "open role"]   # "..." = a gap of ≤ 3 words
//! offer_hints = ["apply", "dm me", "part-time", "freelance", "looking for a"]
//! seeking_phrases = ["open to work", "looking for my next", "laid off"]
//! seeking_hints = ["portfolio", "resume", "referrals"]
//! negative_phrases = ["good job", "inside job", "hiring a plumber", "apply sunscreen"]
//! link_hosts = ["greenhouse.io", "lever.co", "jobs.", "careers."]   # "x." = host prefix
//! link_paths = ["/careers", "/jobs"]
//! hashtag_weight = 1.2
//! topic_hashtag_weight = 0.3
//! phrase_weight = 1.0
//! hint_weight = 0.35
//! pay_weight = 0.4
//! link_host_weight = 1.0
//! link_path_weight = 0.6
//! negative_weight = 1.2
//! author_hiring_weight = 0.3
//! threshold = 0.55          # score = 1 − e^(−evidence); 0.55 ≈ evidence 0.8
//! ```
//!
//! (With the project's layered configuration the same keys are `WEAKTIES__JOBS__THRESHOLD` and so on.)
//!
//! # Evaluation
//!
//! `labeled.tsv` holds the posts the rules are measured on (label, train/test split, text); `eval.rs`
//! computes precision and recall per kind on each split. Print the table with
//! `cargo test --lib jobs::eval -- --nocapture`.

mod detect;
pub mod eval;
pub mod labeled;
#[cfg(test)]
mod model_trial;
mod rules;
#[cfg(test)]
mod tests;

pub use detect::detect;
pub use rules::JobRules;

use serde::Serialize;

/// The two kinds of job post: the job feed shows offers; seekers are shown to accounts that are hiring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum JobKind {
    Offer,
    Seeking,
}

impl JobKind {
    /// The stored form (`statuses.job_kind`).
    pub fn code(self) -> i16 {
        match self {
            JobKind::Offer => 0,
            JobKind::Seeking => 1,
        }
    }

    pub fn from_code(code: i16) -> Option<Self> {
        match code {
            0 => Some(JobKind::Offer),
            1 => Some(JobKind::Seeking),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::Offer => "offer",
            JobKind::Seeking => "seeking",
        }
    }
}

/// What detection says about one post; serializes as the Status extension object
/// `{"kind": "offer" | "seeking" | null, "score": 0.0–1.0, "signals": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JobSignal {
    /// None for ordinary posts.
    pub kind: Option<JobKind>,
    /// How sure the rules are that the post is of `kind`, 0.0–1.0; 0.0 when `kind` is None.
    pub score: f32,
    /// What fired, in order: `#hiring`, `phrase: we're hiring`, `pay: €13`, `not: good job`,
    /// `link: boards.greenhouse.io`, `link: /careers`, `author: hiring`.
    pub signals: Vec<String>,
}
