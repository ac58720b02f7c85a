//! Links as Mastodon's composer finds them: twitter-text's URL grammar with the scheme made mandatory
//! (`http://` or `https://`, any case), a host that ends in a known top-level domain, an optional port,
//! path and query. Trailing punctuation is left out (`.`, `,`, `!`, `?`, `:` …) and parentheses are kept
//! only when balanced, as in `/wiki/Primer_(film)`. Matching the composer exactly is what lets the
//! server count a post the way the person writing it saw it counted.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use super::tlds;

/// Byte ranges of the links in `text`, in order, never overlapping.
pub(crate) fn find_urls(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] | 0x20 == b'h' {
            let consumed = found.last().map_or(0, |r| r.end);
            if let Some(end) = url_at(text, i, consumed) {
                found.push(i..end);
                i = end;
                continue;
            }
        }
        i += 1;
    }
    found
}

/// End of the link starting at `start`, if one does. `consumed` is where the previous link ended: like the
/// composer's regex, a link needs a fresh character (or the start of the text) before it.
fn url_at(text: &str, start: usize, consumed: usize) -> Option<usize> {
    let scheme = scheme_len(&text[start..])?;
    if let Some(prev) = text[..start].chars().next_back() {
        if start - prev.len_utf8() < consumed || !may_precede(prev) {
            return None;
        }
    }
    let mut end = start + scheme;
    end += host_len(&text[end..])?;
    end += port_len(&text[end..]);
    if text[end..].starts_with('/') {
        end += 1 + path_len(&text[end + 1..]);
    }
    if text[end..].starts_with('?') {
        end += query_len(&text[end..]);
    }
    Some(end)
}

fn scheme_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.len() < 7 || !b[..4].eq_ignore_ascii_case(b"http") {
        return None;
    }
    let n = if b[4] | 0x20 == b's' { 5 } else { 4 };
    (b.get(n..n + 3) == Some(b"://".as_slice())).then_some(n + 3)
}

/// Not glued to a word, a mention, a cashtag or a hashtag (`foohttp://`, `@http://`, `$http://`).
fn may_precede(c: char) -> bool {
    !(c.is_ascii_alphanumeric()
        || "@＠$#＃".contains(c)
        || matches!(c, '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}'))
}

fn is_space(c: char) -> bool {
    matches!(c, '\u{09}'..='\u{0D}' | ' ' | '\u{85}' | '\u{A0}' | '\u{1680}' | '\u{180E}'
        | '\u{2000}'..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}')
}

/// A host may hold anything but ASCII punctuation, spaces and invisible direction or byte-order marks
/// (twitter-text's list, whose punctuation happens to omit `"` and `` ` ``).
fn is_host_char(c: char) -> bool {
    !("!'#%&()*+,\\-./:;<=>?@[]^_{|}~$".contains(c)
        || is_space(c)
        || matches!(c, '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}' | '\u{202A}'..='\u{202E}' | '\u{061C}'
            | '\u{200E}' | '\u{200F}' | '\u{2066}'..='\u{2069}'))
}

/// Length of `sub.domain.tld` at the start of `s`: the longest split into labels that ends in a known TLD.
/// Subdomain labels may hold `-` and `_` inside; the label before the TLD only `-`.
fn host_len(s: &str) -> Option<usize> {
    let mut labels = Vec::new();
    let (mut start, mut run_end) = (0, s.len());
    for (i, c) in s.char_indices() {
        if c == '.' {
            labels.push(start..i);
            start = i + 1;
        } else if !(is_host_char(c) || c == '-' || c == '_') {
            run_end = i;
            break;
        }
    }
    labels.push(start..run_end);
    let last = labels.len() - 1; // labels before `last` are followed by a dot
    if last == 0 {
        return None;
    }
    let label = |i: usize, underscore: bool| label_ok(&s[labels[i].clone()], underscore);
    let subdomains = (0..last).take_while(|&i| label(i, true)).count();
    (0..=subdomains.min(last - 1)).rev().find_map(|name| {
        if !label(name, false) {
            return None;
        }
        let tld_start = labels[name + 1].start;
        tld_len(&s[tld_start..]).map(|n| tld_start + n)
    })
}

fn label_ok(label: &str, underscore: bool) -> bool {
    let edge = |c: Option<char>| c.is_some_and(|c| c != '-' && c != '_');
    edge(label.chars().next())
        && edge(label.chars().next_back())
        && (underscore || !label.contains('_'))
}

fn tld_set() -> &'static (HashSet<&'static str>, usize) {
    static SET: OnceLock<(HashSet<&'static str>, usize)> = OnceLock::new();
    SET.get_or_init(|| {
        let set: HashSet<&str> = tlds::LIST.split_whitespace().collect();
        let longest = set.iter().map(|t| t.chars().count()).max().unwrap_or(0);
        (set, longest)
    })
}

/// Length of the TLD at the start of `s` (longest known one not glued to `[0-9a-z@+-]`), or of a punycode one.
fn tld_len(s: &str) -> Option<usize> {
    let (set, longest) = tld_set();
    let mut best = None;
    for (i, c) in s.char_indices().take(*longest) {
        if c == '.' {
            break;
        }
        let end = i + c.len_utf8();
        let free = !s[end..]
            .chars()
            .next()
            .is_some_and(|n| n.is_ascii_alphanumeric() || "@+-".contains(n));
        if free && set.contains(s[..end].to_lowercase().as_str()) {
            best = Some(end);
        }
    }
    best.or_else(|| punycode_len(s))
}

/// `xn--` and at least one of `[-0-9a-z]`: an encoded TLD, listed or not.
fn punycode_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.len() < 5 || !b[..4].eq_ignore_ascii_case(b"xn--") {
        return None;
    }
    let run = (b[4..].iter())
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
        .count();
    (run > 0).then_some(4 + run)
}

fn port_len(s: &str) -> usize {
    let digits = s.bytes().skip(1).take_while(u8::is_ascii_digit).count();
    if s.starts_with(':') && digits > 0 {
        1 + digits
    } else {
        0
    }
}

fn latin_or_cyrillic(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{24F}' | '\u{253}' | '\u{254}'
        | '\u{256}' | '\u{257}' | '\u{259}' | '\u{25B}' | '\u{263}' | '\u{268}' | '\u{26F}' | '\u{272}'
        | '\u{289}' | '\u{28B}' | '\u{2BB}' | '\u{300}'..='\u{36F}' | '\u{1E00}'..='\u{1EFF}'
        | '\u{400}'..='\u{4FF}')
}

fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!*';:=+,.$/%#[]-_~@|&\u{2013}".contains(c) || latin_or_cyrillic(c)
}

/// What a path may end with, so `/foo.` leaves its full stop to the sentence.
fn is_path_end(c: char) -> bool {
    c.is_ascii_alphanumeric() || "+-=_#/".contains(c) || latin_or_cyrillic(c)
}

fn path_char_run(s: &str) -> usize {
    s.chars()
        .take_while(|&c| is_path_char(c))
        .map(char::len_utf8)
        .sum()
}

/// Length of the path after its leading `/`: up to its last acceptable ending.
fn path_len(s: &str) -> usize {
    let (mut pos, mut end) = (0, 0);
    while let Some(c) = s[pos..].chars().next() {
        if is_path_char(c) {
            pos += c.len_utf8();
            if is_path_end(c) {
                end = pos;
            }
        } else if let Some(n) = (c == '(').then(|| parens_len(&s[pos..])).flatten() {
            pos += n;
            end = pos;
        } else {
            break;
        }
    }
    end
}

/// `(…)` or `(…(…)…)` with something inside, as Wikipedia and IIS paths have.
fn parens_len(s: &str) -> Option<usize> {
    let mut pos = 1 + path_char_run(&s[1..]);
    if s[pos..].starts_with(')') {
        return (pos > 1).then_some(pos + 1);
    }
    if !s[pos..].starts_with('(') {
        return None;
    }
    let inner = path_char_run(&s[pos + 1..]);
    pos += 1 + inner;
    if inner == 0 || !s[pos..].starts_with(')') {
        return None;
    }
    pos += 1;
    pos += path_char_run(&s[pos..]);
    s[pos..].starts_with(')').then_some(pos + 1)
}

/// Length of `?query` (with its `?`) up to its last acceptable ending, or 0 when there is none.
fn query_len(s: &str) -> usize {
    let is_query = |c: char| c.is_ascii_alphanumeric() || "!?*'@();:&=+$/%#[]-_.,~|".contains(c);
    let is_end = |c: char| c.is_ascii_alphanumeric() || "-_&=#/".contains(c);
    s[1..]
        .char_indices()
        .take_while(|&(_, c)| is_query(c))
        .filter(|&(_, c)| is_end(c))
        .last()
        .map_or(0, |(i, _)| i + 2)
}
