//! What search compares: text folded so that case and compatibility forms do not matter (NFKC, then
//! Unicode lower case: `Émile`, `ÉMILE` and `Ｅｍｉｌｅ` are one), split into words of letters, digits and
//! `_`. Accounts are found by the start of a term, posts by whole words.

use unicode_normalization::UnicodeNormalization;

/// Longest word kept; longer runs (a pasted token, a hash) are cut here.
pub const MAX_WORD_CHARS: usize = 40;
/// Most words a query uses; the rest are ignored.
pub const MAX_QUERY_WORDS: usize = 5;
/// The largest code point: `prefix` followed by it sorts after every term that starts with `prefix`.
pub const PREFIX_END: char = '\u{10FFFF}';

pub fn fold(s: &str) -> String {
    s.nfkc().collect::<String>().to_lowercase()
}

/// The distinct folded words of `s`, in order of first appearance.
pub fn words(s: &str) -> Vec<String> {
    let folded = fold(s);
    let mut out: Vec<String> = Vec::new();
    for word in folded.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        if word.is_empty() {
            continue;
        }
        let word: String = word.chars().take(MAX_WORD_CHARS).collect();
        if !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

/// The terms an account is found by: its username, its whole display name, and each word of the display
/// name.
pub fn account_terms(username: &str, display_name: &str) -> Vec<String> {
    let mut terms = vec![fold(username)];
    let name = fold(display_name.trim());
    if !name.is_empty() {
        terms.push(name.chars().take(MAX_WORD_CHARS * 2).collect());
    }
    terms.extend(words(display_name));
    terms.sort();
    terms.dedup();
    terms
}

/// The words a post is found by: those of its content warning and its text.
pub fn status_words(spoiler_text: &str, text: &str) -> Vec<String> {
    let mut all = words(spoiler_text);
    for word in words(text) {
        if !all.contains(&word) {
            all.push(word);
        }
    }
    all
}

/// The exclusive upper end of the range of terms starting with `prefix`.
pub fn prefix_end(prefix: &str) -> String {
    format!("{prefix}{PREFIX_END}")
}

/// What an account query looks for: `@sam`, `sam@this.instance` and ` Sam ` all mean the prefix `sam`.
/// `None` when nothing is left, or the query names another instance.
pub fn account_prefix(query: &str, is_local: impl Fn(&str) -> bool) -> Option<String> {
    let q = query.trim().trim_start_matches('@');
    let q = match q.split_once('@') {
        Some((name, domain)) if is_local(domain) => name,
        Some(_) => return None,
        None => q,
    };
    let folded = fold(q.trim());
    (!folded.is_empty()).then_some(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_compatibility_forms() {
        assert_eq!(fold("ÉMILE"), "émile");
        assert_eq!(fold("Ｅｍｉｌｅ"), "emile");
        // Decomposed and precomposed accents fold alike.
        assert_eq!(fold("E\u{301}mile"), fold("Émile"));
        assert_eq!(fold("STRASSE"), "strasse");
    }

    #[test]
    fn words_split_on_anything_but_letters_digits_and_underscore() {
        assert_eq!(
            words("We're HIRING: a #Rust dev @ acme_co! 求人 Rust"),
            ["we", "re", "hiring", "a", "rust", "dev", "acme_co", "求人"]
        );
        assert!(words("  ...  ").is_empty());
        assert_eq!(words(&"x".repeat(100))[0].len(), MAX_WORD_CHARS);
    }

    #[test]
    fn accounts_are_found_by_username_name_and_name_words() {
        assert_eq!(
            account_terms("zai_93", "Zaibatsu Jobs"),
            ["jobs", "zai_93", "zaibatsu", "zaibatsu jobs"]
        );
        assert_eq!(account_terms("sam", "  "), ["sam"]);
    }

    #[test]
    fn status_words_join_warning_and_text() {
        assert_eq!(
            status_words("Job news", "news: we are hiring"),
            ["job", "news", "we", "are", "hiring"]
        );
    }

    #[test]
    fn prefixes_bound_exactly_the_terms_that_start_with_them() {
        let end = prefix_end("sa");
        for inside in ["sa", "sam", "saúl", "sa\u{FFFF}x"] {
            assert!(inside >= "sa" && inside < end.as_str(), "{inside}");
        }
        for outside in ["s", "sb", "ta", "r\u{10FFFF}"] {
            assert!(!(outside >= "sa" && outside < end.as_str()), "{outside}");
        }
    }

    #[test]
    fn account_queries_drop_the_at_and_this_instance() {
        let here = |d: &str| d == "weakties.example";
        assert_eq!(account_prefix("@Sam", here).as_deref(), Some("sam"));
        assert_eq!(
            account_prefix("sam@weakties.example", here).as_deref(),
            Some("sam")
        );
        assert_eq!(account_prefix("sam@elsewhere.social", here), None);
        assert_eq!(account_prefix("  @ ", here), None);
        assert_eq!(account_prefix("Jane D", here).as_deref(), Some("jane d"));
    }
}
