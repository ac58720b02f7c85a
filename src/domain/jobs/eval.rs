//! Precision and recall of job detection per kind, on the train and held-out parts of the labeled set.
//! Print the table with `cargo test --lib jobs::eval -- --nocapture`.

use std::fmt;

use super::labeled::{LabeledPost, Split};
use super::{detect, JobKind, JobRules};

/// Counts for one kind on one split: a post is a true positive when labeled and detected as `kind`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KindScore {
    pub split: Split,
    pub kind: JobKind,
    /// Posts labeled `kind`.
    pub labeled: usize,
    pub true_pos: usize,
    pub false_pos: usize,
    pub false_neg: usize,
}

impl KindScore {
    /// Share of posts detected as `kind` that are; 1.0 when none were detected.
    pub fn precision(&self) -> f32 {
        ratio(self.true_pos, self.true_pos + self.false_pos)
    }

    /// Share of posts labeled `kind` that were detected as such; 1.0 when none are labeled.
    pub fn recall(&self) -> f32 {
        ratio(self.true_pos, self.true_pos + self.false_neg)
    }
}

fn ratio(a: usize, b: usize) -> f32 {
    if b == 0 {
        1.0
    } else {
        a as f32 / b as f32
    }
}

/// One post the detector got wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    pub split: Split,
    pub label: Option<JobKind>,
    pub detected: Option<JobKind>,
    pub text: &'static str,
}

/// Scores per split and kind, the posts each split holds, and the misses.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub scores: Vec<KindScore>,
    pub posts: Vec<(Split, usize)>,
    pub misses: Vec<Miss>,
}

impl Report {
    pub fn score(&self, split: Split, kind: JobKind) -> KindScore {
        *self
            .scores
            .iter()
            .find(|s| s.split == split && s.kind == kind)
            .expect("every split and kind is scored")
    }
}

/// Detection with `rules`, without author flags (the labeled set has none), on every post of `posts`.
pub fn evaluate(rules: &JobRules, posts: &[LabeledPost]) -> Report {
    evaluate_with(posts, |text| detect(rules, text, false).kind)
}

/// Any classifier on every post of `posts`, so other detectors can be measured the same way.
pub fn evaluate_with(posts: &[LabeledPost], classify: impl Fn(&str) -> Option<JobKind>) -> Report {
    let detected: Vec<Option<JobKind>> = posts.iter().map(|p| classify(p.text)).collect();
    let mut scores = Vec::new();
    let mut counts = Vec::new();
    for split in Split::ALL {
        let in_split = || {
            posts
                .iter()
                .zip(&detected)
                .filter(move |(p, _)| p.split == split)
        };
        counts.push((split, in_split().count()));
        for kind in [JobKind::Offer, JobKind::Seeking] {
            let count = |f: &dyn Fn(Option<JobKind>, Option<JobKind>) -> bool| {
                in_split().filter(|(p, d)| f(p.label, **d)).count()
            };
            scores.push(KindScore {
                split,
                kind,
                labeled: count(&|l, _| l == Some(kind)),
                true_pos: count(&|l, d| l == Some(kind) && d == Some(kind)),
                false_pos: count(&|l, d| l != Some(kind) && d == Some(kind)),
                false_neg: count(&|l, d| l == Some(kind) && d != Some(kind)),
            });
        }
    }
    let misses = posts
        .iter()
        .zip(&detected)
        .filter(|(p, d)| p.label != **d)
        .map(|(p, d)| Miss {
            split: p.split,
            label: p.label,
            detected: *d,
            text: p.text,
        })
        .collect();
    Report {
        scores,
        posts: counts,
        misses,
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "| split | posts | kind    | labeled | TP  | FP  | FN  | precision | recall |"
        )?;
        writeln!(
            f,
            "|-------|-------|---------|---------|-----|-----|-----|-----------|--------|"
        )?;
        for s in &self.scores {
            let posts = self
                .posts
                .iter()
                .find(|(split, _)| *split == s.split)
                .map_or(0, |(_, n)| *n);
            writeln!(
                f,
                "| {:<5} | {:>5} | {:<7} | {:>7} | {:>3} | {:>3} | {:>3} | {:>9.3} | {:>6.3} |",
                s.split.as_str(),
                posts,
                s.kind.as_str(),
                s.labeled,
                s.true_pos,
                s.false_pos,
                s.false_neg,
                s.precision(),
                s.recall()
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::jobs::labeled::labeled_posts;

    fn name(kind: Option<JobKind>) -> &'static str {
        kind.map_or("none", JobKind::as_str)
    }

    #[test]
    fn prints_the_table_and_the_misses() {
        let rules = JobRules::default();
        let report = evaluate(&rules, &labeled_posts());
        println!("{report}");
        let alone = rules.clone().without_model();
        println!("the rules alone:\n{}", evaluate(&alone, &labeled_posts()));
        // The held-out part's misses are not shown: nobody tunes on them.
        for m in report.misses.iter().filter(|m| m.split != Split::Test) {
            let signals = detect(&rules, m.text, false).signals;
            println!(
                "{} miss: {} as {}: {}\n    {signals:?}",
                m.split.as_str(),
                name(m.label),
                name(m.detected),
                m.text
            );
        }
    }

    /// The held-out figures, measured once, after the features and threshold were chosen by leaving one dev
    /// writer out at a time: offers precision 0.967 at recall 0.919, seekers 1.000 at 0.875, against the
    /// issue's bar for offers of precision ≥ 0.9 at recall ≥ 0.8. The bounds keep what was measured, a little
    /// below it, and the model must beat the rules alone on both kinds.
    #[test]
    fn held_out_figures_hold_and_the_model_beats_the_rules_alone() {
        let rules = JobRules::default();
        let posts = labeled_posts();
        let report = evaluate(&rules, &posts);
        let alone = rules.clone().without_model();
        let by_rules = evaluate(&alone, &posts);
        let offer = report.score(Split::Test, JobKind::Offer);
        assert!(offer.labeled >= 160, "{report}");
        assert!(offer.precision() >= 0.95, "{report}");
        assert!(offer.recall() >= 0.9, "{report}");
        let seeking = report.score(Split::Test, JobKind::Seeking);
        assert!(seeking.precision() >= 0.95, "{report}");
        assert!(seeking.recall() >= 0.85, "{report}");
        let f1 = |s: KindScore| 2.0 * s.precision() * s.recall() / (s.precision() + s.recall());
        for kind in [JobKind::Offer, JobKind::Seeking] {
            let (model, rules) = (
                report.score(Split::Test, kind),
                by_rules.score(Split::Test, kind),
            );
            assert!(f1(model) > f1(rules), "{kind:?}\n{report}\n{by_rules}");
        }
    }

    #[test]
    fn counts_add_up() {
        let posts = labeled_posts();
        let report = evaluate_with(&posts, |_| Some(JobKind::Offer));
        let offer = report.score(Split::Train, JobKind::Offer);
        assert_eq!(offer.recall(), 1.0);
        assert_eq!(offer.true_pos + offer.false_pos, report.posts[0].1);
        assert_eq!(report.score(Split::Test, JobKind::Seeking).recall(), 0.0);
    }
}
