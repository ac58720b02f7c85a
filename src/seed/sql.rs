//! SQL literals for the bulk writer's multi-row INSERTs. Values come from the generator, but text is still
//! quoted properly, so a template with an apostrophe ("We're hiring") stays one value.

use std::fmt::Write;

use chrono::NaiveDateTime;

use crate::db::Id;

pub fn text(out: &mut String, s: &str) {
    out.push('\'');
    for c in s.chars() {
        if c == '\'' {
            out.push('\'');
        }
        out.push(c);
    }
    out.push('\'');
}

/// An id literal: canonical text, which SQLite stores as is and PostgreSQL casts to `uuid`.
pub fn id(out: &mut String, id: Id) {
    let _ = write!(out, "'{id}'");
}

pub fn opt_id(out: &mut String, v: Option<Id>) {
    match v {
        Some(v) => id(out, v),
        None => out.push_str("NULL"),
    }
}

/// A timestamp literal in the form diesel writes to SQLite (`%F %T%.f`), so stored times compare as text.
pub fn time(out: &mut String, at: NaiveDateTime) {
    let _ = write!(out, "'{}'", at.format("%F %T%.f"));
}

pub fn opt_time(out: &mut String, at: Option<NaiveDateTime>) {
    match at {
        Some(at) => time(out, at),
        None => out.push_str("NULL"),
    }
}

pub fn number(out: &mut String, v: impl std::fmt::Display) {
    let _ = write!(out, "{v}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_doubled() {
        let mut out = String::new();
        text(&mut out, "We're 'hiring'");
        assert_eq!(out, "'We''re ''hiring'''");
    }
}
