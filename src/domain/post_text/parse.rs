//! What a post refers to: the accounts it mentions, the tags it carries and the pages it links, each with
//! its byte range in the text so rendering can wrap it where it stands.

use std::ops::Range;

use super::mentions::find_mentions;
use super::tags::{find_tags, key};
use super::urls::find_urls;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub mentions: Vec<MentionRef>,
    pub tags: Vec<TagRef>,
    pub urls: Vec<UrlRef>,
}

/// `@username` or `@username@domain`, both as written; `range` covers the whole of it, `@` included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionRef {
    pub username: String,
    pub domain: Option<String>,
    pub range: Range<usize>,
}

/// `#name`: the name as written, without `#`; `range` covers `#name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagRef {
    pub name: String,
    pub range: Range<usize>,
}

impl TagRef {
    /// The case-folded form tags are stored and looked up by, so `#Rust` and `#rust` are one tag.
    pub fn key(&self) -> String {
        key(&self.name)
    }
}

/// A link with an `http` or `https` scheme, exactly as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlRef {
    pub url: String,
    pub range: Range<usize>,
}

/// Mentions, tags and links in order of appearance; duplicates are kept (callers dedup). Mentions and tags
/// inside a link (`https://x.org/@sam`, `…/#top`) belong to the link. Never panics.
pub fn parse(text: &str) -> Parsed {
    let links = find_urls(text);
    let outside = |r: &Range<usize>| links.iter().all(|u| r.end <= u.start || r.start >= u.end);
    Parsed {
        mentions: find_mentions(text)
            .into_iter()
            .filter(|m| outside(&m.range))
            .collect(),
        tags: find_tags(text)
            .into_iter()
            .filter(|t| outside(&t.range))
            .collect(),
        urls: links
            .iter()
            .map(|r| UrlRef {
                url: text[r.clone()].to_owned(),
                range: r.clone(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<String> {
        parse(text).urls.into_iter().map(|u| u.url).collect()
    }

    #[test]
    fn links_need_a_scheme_and_leave_trailing_punctuation() {
        assert_eq!(
            urls("see https://example.com/a."),
            ["https://example.com/a"]
        );
        assert_eq!(
            urls("(http://x.org/wiki/A_(b))!"),
            ["http://x.org/wiki/A_(b)"]
        );
        assert_eq!(urls("(see http://x.org/a)"), ["http://x.org/a"]);
        assert_eq!(
            urls("HTTPS://Example.COM/?q=1&r=2, ok"),
            ["HTTPS://Example.COM/?q=1&r=2"]
        );
        assert_eq!(urls("https://x.org:8443/p?;"), ["https://x.org:8443/p"]);
        assert_eq!(
            urls("go: http://a.org http://b.org"),
            ["http://a.org", "http://b.org"]
        );
        assert_eq!(
            urls("http://x.org/A_(b_(c))/d?"),
            ["http://x.org/A_(b_(c))/d"]
        );
        assert_eq!(urls("見て：https://例え.jp/パス"), ["https://例え.jp/"]);
        assert_eq!(
            urls("https://sub_x.example.co.uk/"),
            ["https://sub_x.example.co.uk/"]
        );
        for none in [
            "example.com",
            "www.example.com/path",
            "javascript:alert(1)",
            "ftp://example.com",
            "mailto:sam@example.com",
            "data:text/html,<b>",
            "http://localhost:3000",
            "http://example.notatld",
            "xhttp://example.com",
            "@http://example.com",
            "#https://example.com",
        ] {
            assert_eq!(urls(none), Vec::<String>::new(), "{none}");
        }
    }

    #[test]
    fn mentions_and_tags_inside_links_belong_to_the_link() {
        let p = parse("https://x.org/@sam/#top and @sam #top");
        assert_eq!(p.urls.len(), 1);
        assert_eq!(p.mentions.len(), 1);
        assert_eq!(p.mentions[0].range, 28..32);
        assert_eq!(p.tags.len(), 1);
        assert_eq!(p.tags[0].key(), "top");
    }

    #[test]
    fn ranges_point_at_what_was_written() {
        let text = "Hi @Sam@Example.org, #Jobs 🎉 http://x.org/j";
        let p = parse(text);
        assert_eq!(&text[p.mentions[0].range.clone()], "@Sam@Example.org");
        assert_eq!(p.mentions[0].domain.as_deref(), Some("Example.org"));
        assert_eq!(&text[p.tags[0].range.clone()], "#Jobs");
        assert_eq!(p.tags[0].key(), "jobs");
        assert_eq!(&text[p.urls[0].range.clone()], "http://x.org/j");
        assert_eq!(parse("@a @a").mentions.len(), 2);
    }
}
