//! The detector's signals one at a time, and the tricky cases.

use super::*;

fn run(text: &str) -> JobSignal {
    detect(&JobRules::default(), text, false)
}

fn kind(text: &str) -> Option<JobKind> {
    run(text).kind
}

/// The rules' verdict alone: fragments too short for the model to be sure of still show what each rule decides.
fn by_rules(text: &str) -> Option<JobKind> {
    let alone = JobRules::default().without_model();
    detect(&alone, text, false).kind
}

fn fired(text: &str, signal: &str) -> bool {
    run(text).signals.iter().any(|s| s == signal)
}

#[test]
fn kinds_name_themselves() {
    assert_eq!(JobKind::Offer.as_str(), "offer");
    assert_eq!(JobKind::Seeking.as_str(), "seeking");
    let json = serde_json::to_value(run("We're hiring a designer!")).unwrap();
    assert_eq!(json["kind"], "offer");
    assert!(!json["signals"].as_array().unwrap().is_empty());
    let json = serde_json::to_value(run("Lovely weather.")).unwrap();
    assert_eq!(json["kind"], serde_json::Value::Null);
    assert_eq!(json["score"], 0.0);
}

#[test]
fn offer_hashtags_fold_case_and_decide() {
    assert!(fired("Backend dev wanted #Hiring", "#hiring"));
    assert_eq!(kind("#NowHiring line cooks"), Some(JobKind::Offer));
    assert_eq!(kind("#WeAreHiring"), Some(JobKind::Offer));
}

#[test]
fn seeking_hashtags_decide() {
    assert!(fired("#OpenToWork designer", "#opentowork"));
    assert_eq!(kind("#LookingForWork, any shift"), Some(JobKind::Seeking));
}

#[test]
fn topic_hashtags_never_decide_alone() {
    let s = run("#jobs #jobsearch #careers");
    assert_eq!(s.kind, None);
    assert_eq!(s.score, 0.0);
    assert!(s.signals.contains(&"#jobs".to_owned()));
}

#[test]
fn phrases_match_whole_words_whatever_the_case_and_apostrophe() {
    assert!(fired("WE’RE HIRING. Come say hi", "phrase: we're hiring"));
    assert!(fired("we are hiring", "phrase: we are hiring"));
    assert!(fired("part time or full time", "phrase: part-time"));
    assert!(!fired("We're hiringly good", "phrase: we're hiring"));
    assert!(!fired("reapply the glue", "phrase: apply"));
    assert_eq!(kind("We're hiring a designer"), Some(JobKind::Offer));
    assert_eq!(
        kind("Join our team as a night porter"),
        Some(JobKind::Offer)
    );
}

#[test]
fn hints_need_company() {
    assert_eq!(kind("apply"), None);
    assert_eq!(kind("DM me"), None);
    assert_eq!(
        kind("Part-time barista wanted, DM me"),
        Some(JobKind::Offer)
    );
    assert_eq!(
        kind("Freelance illustrator needed, paid per page, DM me"),
        Some(JobKind::Offer)
    );
}

#[test]
fn a_hint_inside_a_phrase_counts_once() {
    let s = run("Apply now");
    assert!(s.signals.contains(&"phrase: apply now".to_owned()));
    assert!(!s.signals.contains(&"phrase: apply".to_owned()));
}

#[test]
fn seeker_phrases_decide() {
    assert_eq!(
        kind("Looking for my next role in data"),
        Some(JobKind::Seeking)
    );
    assert_eq!(
        kind("I'm looking for a job near Leeds"),
        Some(JobKind::Seeking)
    );
    assert_eq!(
        by_rules("Laid off today. 8 yrs of Go."),
        Some(JobKind::Seeking)
    );
    assert_eq!(
        kind("Laid off today after 8 yrs of Go. Looking for backend roles, any leads welcome"),
        Some(JobKind::Seeking)
    );
    assert_eq!(
        kind("Open to work: technical writer"),
        Some(JobKind::Seeking)
    );
    assert_eq!(
        kind("#opentowork, looking for my next role"),
        Some(JobKind::Seeking)
    );
}

#[test]
fn careers_and_tracking_links_point_to_offers() {
    let s = run("New role: https://boards.greenhouse.io/acme/jobs/1");
    assert!(
        s.signals.contains(&"link: boards.greenhouse.io".to_owned()),
        "{s:?}"
    );
    assert!(s.signals.contains(&"link: /jobs".to_owned()), "{s:?}");
    assert_eq!(
        by_rules("New role: https://boards.greenhouse.io/acme/jobs/1"),
        Some(JobKind::Offer)
    );
    assert_eq!(
        kind("New role on my team, backend engineer: https://boards.greenhouse.io/acme/jobs/1"),
        Some(JobKind::Offer)
    );
    assert!(fired("https://jobs.lever.co/x/1", "link: jobs.lever.co"));
    assert!(fired(
        "see https://www.acme.com/careers/eng",
        "link: /careers"
    ));
    assert!(fired("https://careers.acme.com/", "link: careers.acme.com"));
    assert!(!fired(
        "https://notgreenhouse.io/",
        "link: notgreenhouse.io"
    ));
    assert!(!fired(
        "https://careerwise.com/tips",
        "link: careerwise.com"
    ));
    assert!(!fired("https://blog.com/jobsearch", "link: /jobs"));
}

#[test]
fn pay_is_a_hint() {
    assert!(fired("€13/h weekends", "pay: €13"));
    assert!(fired("$19/hr, benefits", "pay: $19"));
    assert!(fired("16/hr cash", "pay: 16/hr"));
    assert!(fired("£450 a day", "pay: £450"));
    assert!(!run("I have 3 cats")
        .signals
        .iter()
        .any(|s| s.starts_with("pay")));
    assert_eq!(kind("€13/h"), None);
}

#[test]
fn the_authors_hiring_flag_alone_is_not_an_offer() {
    let rules = JobRules::default();
    let s = detect(&rules, "Lovely sunset tonight", true);
    assert_eq!(s.kind, None);
    assert!(s.signals.is_empty());
    let s = detect(&rules, "#jobs and coffee", true);
    assert_eq!(s.kind, None);
    let with = detect(&rules, "Part-time barista, DM me", true);
    let without = detect(&rules, "Part-time barista, DM me", false);
    assert!(with.signals.contains(&"author: hiring".to_owned()));
    assert!(with.score > without.score);
    assert_eq!(with.kind, Some(JobKind::Offer));
}

#[test]
fn tricky_negatives_are_not_job_posts() {
    for text in [
        "I'm hiring a plumber for my kitchen",
        "the job of a parent is never done",
        "good job on the release!",
        "inside job lol",
        "DM me for the recipe",
        "apply sunscreen",
        "Job done, shelves are up",
        "Great job everyone, what a match",
        "Reading Steve Jobs' biography",
        "My cron job failed again",
        "Hiring freeze announced today",
        "Just got hired!! Starting Monday",
        "Tip: apply within 3 days of a posting. #jobsearch",
        // Found in the generated benchmark network, where detection first took them for offers.
        "Third interview at Larkspur this week. Fingers crossed! #internship",
        "@sam you might know someone hiring a data analyst in Leeds?",
    ] {
        let s = run(text);
        assert_eq!(s.kind, None, "{text}: {s:?}");
        assert_eq!(s.score, 0.0, "{text}");
    }
}

#[test]
fn tricky_positives_are_job_posts() {
    assert_eq!(
        kind("Our bakery needs a Saturday helper, 6-11, €14/h. Come by with a CV."),
        Some(JobKind::Offer)
    );
    assert_eq!(
        kind("My friend was laid off and is looking for a UX role, ask me for an intro"),
        Some(JobKind::Seeking)
    );
    assert_eq!(
        kind("We're hiring an apprentice plumber, paid training"),
        Some(JobKind::Offer)
    );
}

#[test]
fn scores_stay_in_range_and_grow_with_evidence() {
    let weak = run("Part-time barista wanted, DM me");
    let strong = run("#hiring Part-time barista wanted, apply here https://jobs.acme.com/1");
    assert!(weak.score > 0.0 && weak.score <= 1.0);
    assert!(strong.score > weak.score && strong.score <= 1.0);
}

#[test]
fn rules_read_from_config_extend_the_lists() {
    let rules: JobRules = serde_json::from_value(serde_json::json!({
        "offer_hashtags": ["bemyintern"],
        "threshold": 0.5
    }))
    .unwrap();
    assert_eq!(rules.threshold, 0.5);
    assert_eq!(rules.offer_phrases, JobRules::default().offer_phrases);
    // Under the model an added entry is one more signal among the post's words; with the model off it decides.
    assert!(detect(&rules, "#BeMyIntern", false)
        .signals
        .contains(&"#bemyintern".to_owned()));
    let alone = rules.without_model();
    assert_eq!(
        detect(&alone, "#BeMyIntern", false).kind,
        Some(JobKind::Offer)
    );
    assert_eq!(detect(&alone, "#hiring", false).kind, None);
    assert!(serde_json::from_value::<JobRules>(serde_json::json!({"nope": 1})).is_err());
}

#[test]
fn never_panics_on_odd_text() {
    for text in [
        "", " ", "#", "€", "5/", "$", "'''", "https://", "🧵🧵", "-/_", "a\u{301}",
    ] {
        let s = run(text);
        assert!((0.0..=1.0).contains(&s.score));
    }
}
