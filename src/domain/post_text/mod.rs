//! Post text: the 140-character count (DESIGN §6), the hygiene rules, the mentions, hashtags and links a
//! post holds, and the HTML Mastodon clients expect for it. Pure rules: no HTTP, no SQL.
//!
//! The count and the link grammar follow Mastodon's composer (twitter-text's URL grammar with a mandatory
//! `http(s)://`, `@user@domain` counted as `@user`), so a post a client showed as fitting is accepted.
//! Mentions follow Mastodon's username rules; hashtags follow twitter-text's, with Mastodon's middle dots.
//! Links and hashtags are checked against twitter-text's conformance cases where the rules agree
//! (`conformance.rs` lists what does not apply, and why).

mod chars;
mod count;
mod error;
mod hygiene;
mod mentions;
mod parse;
mod render;
mod tags;
mod tlds;
mod urls;

#[cfg(test)]
mod conformance;
#[cfg(test)]
mod proptests;

pub use count::{count, MAX_CHARS, URL_WEIGHT};
pub use error::TextError;
pub use hygiene::{
    validate, MAX_BYTES, MAX_CODE_POINTS_PER_GRAPHEME, MAX_MENTIONS, MAX_TAGS, MAX_URL_BYTES,
};
pub use parse::{parse, MentionRef, Parsed, TagRef, UrlRef};
pub use render::{render_html, Links};
pub use tags::normalize_tag;
