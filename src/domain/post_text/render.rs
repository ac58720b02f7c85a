//! Post text as the sanitised HTML Mastodon serves in `content`: paragraphs on blank lines, `<br />` on
//! single newlines, mentions, hashtags and links marked up as Mastodon marks them (clients style and
//! intercept those classes). Everything from the input is escaped; the only tags are the ones written here.

use std::ops::Range;

use super::parse::{parse, MentionRef, TagRef, UrlRef};
use crate::domain::text::escape_html;

/// Where mentions and tags point; the caller knows the accounts and the routes.
pub trait Links {
    /// Profile URL for a mention if it names a known local account (username, domain as written);
    /// None → not linked, left as escaped text.
    fn mention(&self, username: &str, domain: Option<&str>) -> Option<String>;
    /// URL of the tag page for a tag key.
    fn tag(&self, key: &str) -> String;
}

enum Entity<'a> {
    Mention(&'a MentionRef),
    Tag(&'a TagRef),
    Url(&'a UrlRef),
}

impl Entity<'_> {
    fn range(&self) -> Range<usize> {
        match self {
            Entity::Mention(m) => m.range.clone(),
            Entity::Tag(t) => t.range.clone(),
            Entity::Url(u) => u.range.clone(),
        }
    }
}

/// Renders `text` (same paragraphs as `domain::text::plain_to_html`) with its entities linked.
pub fn render_html(text: &str, links: &dyn Links) -> String {
    let parsed = parse(text);
    let mut entities: Vec<Entity> = (parsed.mentions.iter().map(Entity::Mention))
        .chain(parsed.tags.iter().map(Entity::Tag))
        .chain(parsed.urls.iter().map(Entity::Url))
        .collect();
    entities.sort_by_key(|e| e.range().start);
    let mut entities = entities.into_iter().peekable();
    let mut out = String::with_capacity(text.len() * 2);
    for paragraph in paragraphs(text) {
        out.push_str("<p>");
        for (n, line) in paragraph.into_iter().enumerate() {
            if n > 0 {
                out.push_str("<br />");
            }
            let mut pos = line.start;
            while let Some(entity) = entities.next_if(|e| e.range().start < line.end) {
                let range = entity.range();
                if range.start < pos || range.end > line.end {
                    continue; // entities hold no line breaks, so this cannot happen; skip rather than panic
                }
                out.push_str(&escape_html(&text[pos..range.start]));
                write_entity(&mut out, &text[range.clone()], &entity, links);
                pos = range.end;
            }
            out.push_str(&escape_html(&text[pos..line.end]));
        }
        out.push_str("</p>");
    }
    out
}

/// Lines (byte ranges, without `\n` or the `\r` of `\r\n`) grouped in paragraphs: the trimmed text split on
/// runs of two or more newlines, as `plain_to_html` splits it.
fn paragraphs(text: &str) -> Vec<Vec<Range<usize>>> {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    let mut paragraphs = Vec::new();
    if start >= end {
        return paragraphs;
    }
    let mut current = Vec::new();
    let mut line_start = start;
    let breaks = text[start..end].match_indices('\n').map(|(i, _)| start + i);
    for line_end in breaks.chain([end]) {
        let mut stop = line_end;
        if line_end < end && text[line_start..line_end].ends_with('\r') {
            stop -= 1;
        }
        if line_start < stop {
            current.push(line_start..stop);
        } else if !current.is_empty() {
            paragraphs.push(std::mem::take(&mut current));
        }
        line_start = line_end + 1;
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

fn write_entity(out: &mut String, written: &str, entity: &Entity, links: &dyn Links) {
    match entity {
        Entity::Mention(m) => match links.mention(&m.username, m.domain.as_deref()) {
            Some(href) => {
                out.push_str(r#"<span class="h-card" translate="no"><a href=""#);
                out.push_str(&escape_html(&href));
                out.push_str(r#"" class="u-url mention">@<span>"#);
                out.push_str(&escape_html(&m.username));
                out.push_str("</span></a></span>");
            }
            None => out.push_str(&escape_html(written)),
        },
        Entity::Tag(t) => {
            out.push_str(r#"<a href=""#);
            out.push_str(&escape_html(&links.tag(&t.key())));
            out.push_str(r#"" class="mention hashtag" rel="tag">#<span>"#);
            out.push_str(&escape_html(&t.name));
            out.push_str("</span></a>");
        }
        Entity::Url(u) => write_link(out, &u.url),
    }
}

/// Mastodon's shortened link: the scheme (and `www.`) hidden, the next 30 characters shown, the rest hidden
/// behind an ellipsis.
fn write_link(out: &mut String, url: &str) {
    let scheme = ["https://", "http://"]
        .into_iter()
        .find(|s| url.starts_with(s))
        .map_or(0, str::len);
    let prefix = scheme
        + if url[scheme..].starts_with("www.") {
            4
        } else {
            0
        };
    let rest = &url[prefix..];
    let cut = rest.char_indices().nth(30).map_or(rest.len(), |(i, _)| i);
    let (shown, hidden) = rest.split_at(cut);
    out.push_str(r#"<a href=""#);
    out.push_str(&escape_html(url));
    out.push_str(r#"" target="_blank" rel="nofollow noopener noreferrer" translate="no"><span class="invisible">"#);
    out.push_str(&escape_html(&url[..prefix]));
    out.push_str(if hidden.is_empty() {
        r#"</span><span class="">"#
    } else {
        r#"</span><span class="ellipsis">"#
    });
    out.push_str(&escape_html(shown));
    out.push_str(r#"</span><span class="invisible">"#);
    out.push_str(&escape_html(hidden));
    out.push_str("</span></a>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::text::plain_to_html;

    struct Site;

    impl Links for Site {
        fn mention(&self, username: &str, domain: Option<&str>) -> Option<String> {
            match (username, domain) {
                ("sam", None) => Some("https://wt.example/@sam".into()),
                ("ann", Some("remote.example")) => Some("https://remote.example/@ann".into()),
                ("evil", _) => Some("https://wt.example/\"><script>".into()),
                _ => None,
            }
        }
        fn tag(&self, key: &str) -> String {
            format!("https://wt.example/tags/{key}")
        }
    }

    const SAM: &str = r#"<span class="h-card" translate="no"><a href="https://wt.example/@sam" class="u-url mention">@<span>sam</span></a></span>"#;

    #[test]
    fn mentions_link_only_known_accounts() {
        assert_eq!(render_html("hi @sam!", &Site), format!("<p>hi {SAM}!</p>"));
        assert_eq!(render_html("hi @nobody", &Site), "<p>hi @nobody</p>");
        let remote = render_html("@ann@remote.example", &Site);
        assert!(remote.contains(
            r#"href="https://remote.example/@ann" class="u-url mention">@<span>ann</span>"#
        ));
        let evil = render_html("@evil", &Site);
        assert!(
            evil.contains(r#"href="https://wt.example/&quot;&gt;&lt;script&gt;""#),
            "{evil}"
        );
    }

    #[test]
    fn hashtags_link_to_their_key() {
        assert_eq!(
            render_html("#Rust", &Site),
            r#"<p><a href="https://wt.example/tags/rust" class="mention hashtag" rel="tag">#<span>Rust</span></a></p>"#
        );
    }

    #[test]
    fn links_hide_the_scheme_and_shorten_past_30() {
        assert_eq!(
            render_html("https://example.com/jobs.", &Site),
            concat!(
                r#"<p><a href="https://example.com/jobs" target="_blank" "#,
                r#"rel="nofollow noopener noreferrer" translate="no">"#,
                r#"<span class="invisible">https://</span><span class="">example.com/jobs</span>"#,
                r#"<span class="invisible"></span></a>.</p>"#
            )
        );
        let long = render_html(&format!("http://www.example.com/{}", "a".repeat(40)), &Site);
        let shown = format!("example.com/{}", "a".repeat(18));
        let hidden = "a".repeat(22);
        let parts = [
            r#"<span class="invisible">http://www.</span>"#.to_owned(),
            format!(r#"<span class="ellipsis">{shown}</span>"#),
            format!(r#"<span class="invisible">{hidden}</span>"#),
        ];
        assert!(long.contains(&parts.concat()), "{long}");
        assert_eq!(
            render_html("javascript:alert(1)", &Site),
            "<p>javascript:alert(1)</p>"
        );
    }

    #[test]
    fn escapes_everything_and_keeps_paragraphs() {
        assert_eq!(
            render_html("<b>hi</b> & 'q' @sam\n\n\"x\"\r\ny", &Site),
            format!(
                "<p>&lt;b&gt;hi&lt;/b&gt; &amp; &#39;q&#39; {SAM}</p><p>&quot;x&quot;<br />y</p>"
            )
        );
        let link = r#"http://x.org/a?b=<script>"#;
        assert!(!render_html(link, &Site).contains("<script"));
        assert_eq!(render_html(" \n ", &Site), "");
    }

    #[test]
    fn without_entities_it_is_plain_to_html() {
        for text in [
            "a\n\n\nb",
            "a\r\n\r\nb\nc",
            "  x \n \n\ny  ",
            "a\r\r\nb",
            "\n\n",
        ] {
            assert_eq!(render_html(text, &Site), plain_to_html(text), "{text:?}");
        }
    }
}
