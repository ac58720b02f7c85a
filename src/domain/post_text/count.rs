//! The 140-character rule (DESIGN §6), counted the way Mastodon's composer counts, so the server never refuses
//! a post a client showed as fitting. Each link (as `urls` finds them) weighs [`URL_WEIGHT`], each
//! `@user@domain` weighs what `@user` does, and everything else is counted in extended grapheme clusters
//! (UAX #29): a ZWJ family, a flag or a letter with combining accents is one character.

use unicode_segmentation::UnicodeSegmentation;

use super::urls::find_urls;

/// The most characters a post may have (content warning included).
pub const MAX_CHARS: usize = 140;
/// What a link counts as, however long; also reported as `characters_reserved_per_url`.
pub const URL_WEIGHT: usize = 23;

/// Characters the post counts as. The content warning and the text are counted as one string, as the
/// composer does; this equals the sum of the two counts unless the text starts with a combining character.
pub fn count(spoiler_text: &str, text: &str) -> usize {
    let mut all = String::with_capacity(spoiler_text.len() + text.len());
    all.push_str(spoiler_text);
    all.push_str(&shorten_remote_mentions(&replace_urls(text)));
    all.graphemes(true).count()
}

/// The text with each link replaced by `URL_WEIGHT` placeholder letters.
fn replace_urls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for link in find_urls(text) {
        out.push_str(&text[pos..link.start]);
        out.push_str(&"x".repeat(URL_WEIGHT));
        pos = link.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// `@user@domain` → `@user`, by the composer's own pattern: `@` not after an ASCII word character or `/`, a
/// username of ASCII letters, digits and `_`, then `@` and a domain of ASCII letters, digits, `.` and `-`,
/// at least two long, ending in a letter or digit. (The composer does not shorten `@first.last@domain`;
/// neither does this, so the two counts agree.)
fn shorten_remote_mentions(s: &str) -> String {
    let b = s.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut out = String::with_capacity(s.len());
    let (mut copied, mut i) = (0, 0);
    while i < b.len() {
        if b[i] == b'@' && (i == 0 || !(word(b[i - 1]) || b[i - 1] == b'/')) {
            let user_end = i + 1 + b[i + 1..].iter().take_while(|&&c| word(c)).count();
            if user_end > i + 1 && b.get(user_end) == Some(&b'@') {
                let host = user_end + 1;
                let run = b[host..]
                    .iter()
                    .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-')
                    .count();
                let end = (host..host + run)
                    .rev()
                    .find(|&j| b[j].is_ascii_alphanumeric())
                    .map_or(host, |j| j + 1);
                if end >= host + 2 {
                    out.push_str(&s[copied..user_end]);
                    copied = end;
                    i = end;
                    continue;
                }
            }
        }
        i += 1;
    }
    out.push_str(&s[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphemes_not_bytes_or_code_points() {
        assert_eq!(count("", "hello"), 5);
        assert_eq!(count("", "👩‍👩‍👧‍👦"), 1);
        assert_eq!(count("", "🇫🇷🇩🇪"), 2);
        assert_eq!(count("", "e\u{301}\u{e9}"), 2);
        assert_eq!(count("", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"), 1);
        assert_eq!(count("", "a\r\nb"), 3);
        assert_eq!(count("", "a\nb"), 3);
        assert_eq!(count("", ""), 0);
    }

    #[test]
    fn content_warning_counts_too() {
        assert_eq!(count("CW", "text"), 6);
        assert_eq!(count("spoiler", ""), 7);
        // One string, as the composer counts: a text opening with a combining mark joins the warning's end.
        assert_eq!(count("e", "\u{301}x"), 2);
    }

    #[test]
    fn links_weigh_23_whatever_their_length() {
        assert_eq!(count("", "http://x.co"), URL_WEIGHT);
        let long = format!("https://example.com/{}", "a".repeat(200));
        assert_eq!(count("", &format!("see {long}.")), 4 + URL_WEIGHT + 1);
        assert_eq!(count("", "example.com"), 11);
        assert_eq!(count("", "javascript:alert(1)"), 19);
        assert_eq!(count("", "http://a.org http://b.org"), 2 * URL_WEIGHT + 1);
    }

    #[test]
    fn remote_mentions_count_as_local_ones() {
        assert_eq!(count("", "@sam@mastodon.social"), 4);
        assert_eq!(count("", "hi @sam@mastodon.social!"), 3 + 4 + 1);
        assert_eq!(count("", "@sam"), 4);
        assert_eq!(count("", "mail sam@example.com"), 20);
        assert_eq!(count("", "x/@sam@example.com"), 18);
        // The composer's pattern takes no `.` in the username, so neither does the count.
        assert_eq!(count("", "@jo.ann@example.com"), 19);
        assert_eq!(count("", "@sam@example.com."), 5);
    }
}
