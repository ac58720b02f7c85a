//! twitter-text's conformance cases (Apache-2.0), converted by `scripts/twitter_conformance.py` into
//! `tests/fixtures/twitter_text_conformance.json`, run against `parse` and `normalize_tag`.
//!
//! What runs, and how it is judged:
//! - `extract.urls`, `urls_with_indices`, `urls_with_directional_markers`, `tco_urls_with_params`:
//!   `parse(text).urls` equals the expected URLs (and code-point indices where given). Expected URLs
//!   without an `http(s)://` scheme were dropped by the script: Mastodon links only URLs with a scheme.
//! - `tlds.country`, `tlds.generic`: `https://twitter.<tld>` is one link, for each of the 1,574 TLDs.
//! - `extract.hashtags`, `hashtags_from_astral`, `hashtags_with_indices`: `parse(text).tags` names (indices).
//! - `validate.urls`: valid iff `parse` finds one link covering the whole text.
//! - `validate.hashtags`: valid iff `parse` finds one tag covering the whole text, and `normalize_tag` agrees.
//!
//! What does not apply, and why:
//! - mentions, mentions_with_indices, mentions_or_lists_with_indices, replies; validate usernames, lists:
//!   Twitter usernames are 1–15 of `[A-Za-z0-9_]`; Mastodon's allow `.` and `-` and 30 characters, have
//!   `@user@domain`, and there are no `@user/list` lists (mentions.rs tests Mastodon's rules).
//! - cashtags, cashtags_with_indices: not a Mastodon feature.
//! - validate tweets and the Weighted…/UnicodeDirectionalMarker counter tests: Twitter's weighted count
//!   (280 units, CJK weighs 2, t.co lengths); Mastodon counts graphemes up to 140 (count.rs tests that).
//! - validate urls_without_protocol, and scheme-less expectations everywhere: Mastodon links only URLs
//!   with a scheme.
//! - autolink.yml: Twitter's HTML, not Mastodon's (render tests cover ours); hit_highlighting.yml: no
//!   such feature.
//!
//! Single cases that differ on purpose are listed in [`EXCLUDED`] with the reason.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{normalize_tag, parse};

/// Cases whose expectation differs from Mastodon's rules (description, reason).
const EXCLUDED: &[(&str, &str)] = &[
    (
        "Extract non-ASCII host name URLs with protocol, but ignore host names bigger than 63 characters. \
         Also handle exceptions for non-ASCII hostnames longer than 256 characters",
        "twitter-text re-checks hosts through punycode after matching; the composer's count does not",
    ),
    (
        "DO NOT extract invalid URL",
        "same punycode re-check (xn--はじめよう); the composer counts it as a link",
    ),
    (
        "Extract a t.co URL with a trailing apostrophe",
        "t.co-only rule: a t.co path stops at its slug; other links keep `'s`",
    ),
    (
        "Extract a t.co URL with a trailing hyphen",
        "t.co-only rule, as above",
    ),
    (
        "DO NOT extract URLs with > 40 characters in a t.co slug",
        "t.co-only rule, as above",
    ),
    (
        "Extract t.co URLs skipping trailing characters and adjusting indices correctly",
        "t.co-only rule, as above",
    ),
    (
        "Valid url: port and userinfo",
        "the extraction grammar (and so the composer) has no `user:password@`",
    ),
    (
        "Valid url: ipv4",
        "the extraction grammar has no IP-address hosts: a host must end in a known TLD",
    ),
    ("Valid url: ipv6", "as above"),
    (
        "Valid url: sub delims and question marks",
        "Twitter's validator uses RFC 3986; extraction ends a query before a trailing `+`",
    ),
];

#[derive(Deserialize)]
struct Fixture {
    source: String,
    categories: BTreeMap<String, Category>,
}

#[derive(Deserialize)]
struct Category {
    checks: String,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    description: String,
    text: String,
    #[serde(default)]
    expected: Vec<Expected>,
    valid: Option<bool>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct Expected {
    value: String,
    indices: Option<[usize; 2]>,
}

fn fixture() -> Fixture {
    let json = include_str!("../../../tests/fixtures/twitter_text_conformance.json");
    serde_json::from_str(json).expect("fixture parses")
}

/// Entities found as (value, code-point indices), in the shape the fixture expects.
fn found(
    text: &str,
    ranges: Vec<(String, std::ops::Range<usize>)>,
    with_indices: bool,
) -> Vec<Expected> {
    let cp = |byte: usize| text[..byte].chars().count();
    ranges
        .into_iter()
        .map(|(value, r)| Expected {
            value,
            indices: with_indices.then(|| [cp(r.start), cp(r.end)]),
        })
        .collect()
}

/// Whether one case passes under the given check.
fn passes(checks: &str, case: &Case) -> bool {
    let text = case.text.as_str();
    let parsed = parse(text);
    let with_indices = case.expected.iter().any(|e| e.indices.is_some());
    let whole = |r: &std::ops::Range<usize>| *r == (0..text.len());
    match checks {
        "urls" => {
            let urls = parsed.urls.into_iter().map(|u| (u.url, u.range)).collect();
            found(text, urls, with_indices) == case.expected
        }
        "hashtags" => {
            let tags = parsed.tags.into_iter().map(|t| (t.name, t.range)).collect();
            found(text, tags, with_indices) == case.expected
        }
        "valid_url" => {
            let valid = matches!(parsed.urls.as_slice(), [u] if whole(&u.range));
            Some(valid) == case.valid
        }
        "valid_hashtag" => {
            let valid = matches!(parsed.tags.as_slice(), [t] if whole(&t.range));
            let alone = text.strip_prefix('#').and_then(normalize_tag).is_some();
            Some(valid) == case.valid && valid == alone
        }
        other => panic!("unknown check {other}"),
    }
}

/// Runs every case of the categories whose name starts with `prefix`; returns (ran, failures).
fn run(prefix: &str) -> (usize, Vec<String>) {
    let (mut ran, mut failures) = (0, Vec::new());
    for (name, category) in fixture().categories {
        if !name.starts_with(prefix) {
            continue;
        }
        for case in &category.cases {
            if EXCLUDED.iter().any(|(d, _)| *d == case.description) {
                continue;
            }
            ran += 1;
            if !passes(&category.checks, case) {
                failures.push(format!("{name}: {} — {:?}", case.description, case.text));
            }
        }
    }
    (ran, failures)
}

fn assert_all_pass(prefix: &str, at_least: usize) {
    let (ran, failures) = run(prefix);
    assert!(
        failures.is_empty(),
        "{} of {ran} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(ran >= at_least, "only {ran} {prefix} cases ran");
}

#[test]
fn extract_urls() {
    assert_all_pass("extract.urls", 90);
    assert_all_pass("extract.tco", 5);
}

#[test]
fn every_tld_is_linked() {
    assert_all_pass("tlds.", 1574);
}

#[test]
fn extract_hashtags() {
    assert_all_pass("extract.hashtags", 70);
}

#[test]
fn validate_urls_and_hashtags() {
    assert_all_pass("validate.urls", 15);
    assert_all_pass("validate.hashtags", 7);
}

#[test]
fn fixture_names_its_source_and_every_exclusion_exists() {
    let fixture = fixture();
    assert!(fixture.source.contains("Apache-2.0"));
    let descriptions: Vec<&str> = (fixture.categories.values())
        .flat_map(|c| c.cases.iter().map(|case| case.description.as_str()))
        .collect();
    for (description, reason) in EXCLUDED {
        assert!(
            descriptions.contains(description),
            "stale exclusion: {description}"
        );
        assert!(!reason.is_empty());
    }
}
