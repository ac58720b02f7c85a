//! The learned model that was tried against the rules and lost on the held-out part (so it is test-only):
//! multinomial naive Bayes over words, word pairs, hashtags and link hosts, trained on the `train` split.
//! `cargo test --lib jobs::model_trial -- --nocapture` prints its table beside the rules'.

use std::collections::HashMap;

use super::detect::normalize;
use super::eval::{evaluate, evaluate_with};
use super::labeled::{labeled_posts, LabeledPost, Split};
use super::{detect, JobKind, JobRules};
use crate::domain::post_text;

const CLASSES: [Option<JobKind>; 3] = [Some(JobKind::Offer), Some(JobKind::Seeking), None];

fn features(text: &str) -> Vec<String> {
    let parsed = post_text::parse(text);
    let mut out: Vec<String> = parsed
        .tags
        .iter()
        .map(|t| format!("#{}", t.key()))
        .collect();
    let mut rest = text.to_owned();
    for u in parsed.urls.iter().rev() {
        if let Some(host) = url::Url::parse(&u.url)
            .ok()
            .and_then(|x| x.host_str().map(str::to_lowercase))
        {
            out.push(format!("host:{host}"));
        }
        rest.replace_range(u.range.clone(), " ");
    }
    let words: Vec<String> = normalize(&rest)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    out.extend(words.iter().filter(|w| *w != "|").cloned());
    out.extend(words.windows(2).map(|p| format!("{} {}", p[0], p[1])));
    out
}

struct NaiveBayes {
    log_prior: [f64; 3],
    counts: [HashMap<String, f64>; 3],
    totals: [f64; 3],
    vocabulary: f64,
}

impl NaiveBayes {
    fn train(posts: &[&LabeledPost]) -> Self {
        let mut counts: [HashMap<String, f64>; 3] = Default::default();
        let mut docs = [0.0; 3];
        let mut vocab = std::collections::HashSet::new();
        for p in posts {
            let c = CLASSES.iter().position(|k| *k == p.label).unwrap();
            docs[c] += 1.0;
            for f in features(p.text) {
                *counts[c].entry(f.clone()).or_default() += 1.0;
                vocab.insert(f);
            }
        }
        let n: f64 = docs.iter().sum();
        let totals = [0, 1, 2].map(|c| counts[c].values().sum());
        NaiveBayes {
            log_prior: docs.map(|d| (d / n).ln()),
            counts,
            totals,
            vocabulary: vocab.len() as f64,
        }
    }

    fn classify(&self, text: &str) -> Option<JobKind> {
        let feats = features(text);
        let scores = [0, 1, 2].map(|c| {
            self.log_prior[c]
                + feats
                    .iter()
                    .map(|f| {
                        let n = self.counts[c].get(f).copied().unwrap_or(0.0);
                        ((n + 1.0) / (self.totals[c] + self.vocabulary)).ln()
                    })
                    .sum::<f64>()
        });
        let best = (0..3)
            .max_by(|&a, &b| scores[a].total_cmp(&scores[b]))
            .unwrap();
        CLASSES[best]
    }
}

#[test]
fn naive_bayes_does_not_beat_the_rules_on_held_out_posts() {
    let posts = labeled_posts();
    let train: Vec<&LabeledPost> = posts.iter().filter(|p| p.split == Split::Train).collect();
    let model = NaiveBayes::train(&train);
    let rules = JobRules::default();
    let by_rules = evaluate(&rules, &posts);
    let by_model = evaluate_with(&posts, |t| model.classify(t));
    // Rules first; the model only where the rules saw nothing at all.
    let combined = evaluate_with(&posts, |t| {
        let s = detect(&rules, t, false);
        if s.kind.is_some() || !s.signals.is_empty() {
            s.kind
        } else {
            model.classify(t)
        }
    });
    println!("rules:\n{by_rules}\nnaive Bayes:\n{by_model}\nrules, then naive Bayes:\n{combined}");
    let f1 = |r: &super::eval::Report, kind| {
        let s = r.score(Split::Test, kind);
        2.0 * s.precision() * s.recall() / (s.precision() + s.recall()).max(f32::EPSILON)
    };
    for kind in [JobKind::Offer, JobKind::Seeking] {
        assert!(f1(&by_model, kind) <= f1(&by_rules, kind), "{kind:?}");
    }
}
