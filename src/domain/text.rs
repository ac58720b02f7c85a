//! Text hygiene and plain-text rendering shared by everything people type (profiles now, posts later).

/// Characters never accepted from people: C0 controls other than newline (and tab, which some keyboards
/// paste), DEL, and the bidi overrides and isolates that make text display differently from what it says.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t' && (c as u32) < 0xA0)
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Whether `s` holds a forbidden character; `multiline` also refuses newlines when false.
pub fn has_forbidden(s: &str, multiline: bool) -> bool {
    s.chars()
        .any(|c| is_forbidden(c) || (!multiline && c == '\n'))
}

/// Plain text as Mastodon-style HTML: paragraphs on blank lines, `<br />` on single newlines, all escaped.
pub fn plain_to_html(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let text = text.trim();
    if text.is_empty() {
        return String::new();
    }
    text.split("\n\n")
        .map(|p| p.trim_matches('\n'))
        .filter(|p| !p.is_empty())
        .map(|p| {
            let lines: Vec<String> = p.split('\n').map(escape_html).collect();
            format!("<p>{}</p>", lines.join("<br />"))
        })
        .collect()
}

/// Escapes the five characters that matter in HTML text and attributes, as Mastodon does (`/` stays).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_controls_and_bidi_overrides() {
        assert!(has_forbidden("a\u{0}b", true));
        assert!(has_forbidden("a\u{7}b", true));
        assert!(has_forbidden("abc\u{202E}def", true));
        assert!(has_forbidden("x\u{2066}y", true));
        assert!(has_forbidden("one\ntwo", false));
        assert!(!has_forbidden("one\ntwo — 👩‍💻 café", true));
    }

    #[test]
    fn renders_escaped_paragraphs() {
        assert_eq!(
            plain_to_html("a <b>\nc\n\nd & e"),
            "<p>a &lt;b&gt;<br />c</p><p>d &amp; e</p>"
        );
        assert_eq!(plain_to_html("  "), "");
        assert_eq!(
            plain_to_html("\"q\" 'a/b'"),
            "<p>&quot;q&quot; &#39;a/b&#39;</p>"
        );
    }
}
