//! Mentions by Mastodon's rules: `@user` or `@user@domain`. A username is ASCII letters, digits and `_`,
//! with `.` and `-` allowed between them (never last), at most 30 characters, like local usernames
//! (`domain::username`). A mention must not follow a word character, `@`, `/` or `=`, so e-mail addresses
//! (`sam@example.com`) and URL paths mention nobody, and must not run on into more word: `@samé` is not `@sam`.

use super::chars::{base_before, extends, is_word, is_zero_width};
use super::parse::MentionRef;

/// A mention can name any account a person can create.
const MAX_USERNAME: usize = crate::domain::username::MAX_LEN;

/// Every mention in `text`, in order (links are filtered out by the caller).
pub(crate) fn find_mentions(text: &str) -> Vec<MentionRef> {
    text.match_indices('@')
        .filter_map(|(at, _)| mention_at(text, at))
        .collect()
}

fn mention_at(text: &str, at: usize) -> Option<MentionRef> {
    if base_before(text, at).is_some_and(|c| is_word(c) || "@/=".contains(c)) {
        return None;
    }
    let user_start = at + 1;
    let mut end = user_start + username_len(&text[user_start..])?;
    let username = text[user_start..end].to_owned();
    let mut domain = None;
    if text[end..].starts_with('@') {
        // `@user@` followed by no valid host mentions nobody, rather than a local `@user` by mistake.
        let len = domain_len(&text[end + 1..])?;
        domain = Some(text[end + 1..end + 1 + len].to_owned());
        end += 1 + len;
    }
    if text[end..]
        .chars()
        .next()
        .is_some_and(|c| is_word(c) || c == '@')
    {
        return None;
    }
    Some(MentionRef {
        username,
        domain,
        range: at..end,
    })
}

fn username_len(s: &str) -> Option<usize> {
    let run = s
        .bytes()
        .take_while(|&b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
        .count();
    let len = s[..run].trim_end_matches(['.', '-']).len();
    let first = *s.as_bytes().first()?;
    let starts_well = first.is_ascii_alphanumeric() || first == b'_';
    (len > 0 && len <= MAX_USERNAME && starts_well).then_some(len)
}

/// A host name: two or more dot-separated labels of letters, digits (any script) and inner `-`, the last
/// holding a letter; at most 63 characters a label and 253 bytes in all.
fn domain_len(s: &str) -> Option<usize> {
    let label_char = |c: char| (c.is_alphanumeric() || extends(c)) && !is_zero_width(c);
    let run: usize = s
        .chars()
        .take_while(|&c| label_char(c) || c == '.' || c == '-')
        .map(char::len_utf8)
        .sum();
    let host = s[..run].trim_end_matches(['.', '-']);
    let labels: Vec<&str> = host.split('.').collect();
    let label_ok = |l: &&str| {
        l.chars().count() <= 63
            && l.chars().next().is_some_and(char::is_alphanumeric)
            && !l.ends_with('-')
    };
    let ok = labels.len() >= 2
        && host.len() <= 253
        && labels.iter().all(label_ok)
        && labels
            .last()
            .is_some_and(|tld| tld.chars().any(char::is_alphabetic));
    ok.then_some(host.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, Option<String>, &str)> {
        find_mentions(text)
            .into_iter()
            .map(|m| (m.username, m.domain, &text[m.range]))
            .collect()
    }

    fn one(
        username: &str,
        domain: Option<&str>,
        written: &'static str,
    ) -> Vec<(String, Option<String>, &'static str)> {
        vec![(username.into(), domain.map(Into::into), written)]
    }

    #[test]
    fn local_and_remote_mentions() {
        assert_eq!(names("hi @sam!"), one("sam", None, "@sam"));
        assert_eq!(names("@jo.ann-b."), one("jo.ann-b", None, "@jo.ann-b"));
        assert_eq!(
            names("cc @sam@mastodon.social."),
            one("sam", Some("mastodon.social"), "@sam@mastodon.social")
        );
        assert_eq!(names("(@_x_)"), one("_x_", None, "@_x_"));
        assert_eq!(names(".@sam"), one("sam", None, "@sam"));
        assert_eq!(
            names("@Sam@Bücher.example"),
            one("Sam", Some("Bücher.example"), "@Sam@Bücher.example")
        );
        let both = names("@a @b@c.org");
        assert_eq!(both.len(), 2);
    }

    #[test]
    fn not_mentions() {
        for text in [
            "sam@example.com",
            "é@sam",
            "e\u{301}@sam",
            "https://x.org/@sam",
            "a=@sam",
            "@@sam@",
            "@samé",
            "@.sam",
            "@-sam",
            "@",
            "@ sam",
            "@sam@localhost",
            "@sam@-bad.org",
            "@sam@example.123",
            "@sam@example.org_x",
            "@sam@a.org@b.org",
        ] {
            assert_eq!(names(text), vec![], "{text}");
        }
    }

    #[test]
    fn usernames_are_at_most_30_characters() {
        let ok = format!("@{}", "a".repeat(30));
        assert_eq!(find_mentions(&ok).len(), 1);
        let long = format!("@{}", "a".repeat(31));
        assert_eq!(find_mentions(&long), vec![]);
    }
}
