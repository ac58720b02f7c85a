//! Mastodon entities and the mapper from rows to them. Field names and shapes follow Mastodon's
//! documentation; our own extensions will live in one namespaced object per entity.

pub mod account;
pub mod application;
pub mod instance;
pub mod nodeinfo;
pub mod notification;
pub mod relationship;
pub mod search;
pub mod status;
pub mod suggestion;
pub mod token;

use chrono::{NaiveDateTime, SecondsFormat};

use crate::db::types::utc;

/// Mastodon's datetime form: RFC 3339, UTC, milliseconds, `Z`. (chrono's RFC 3339 writer, not a format
/// string: every Status and Account carries timestamps, and parsing the format each time showed in profiles.)
pub fn datetime(at: NaiveDateTime) -> String {
    utc(at).to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Mastodon's date form, e.g. for `last_status_at`.
pub fn date(at: NaiveDateTime) -> String {
    at.date().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    #[test]
    fn formats_like_mastodon() {
        let at = chrono::NaiveDate::from_ymd_opt(2009, 3, 7)
            .unwrap()
            .and_hms_micro_opt(14, 5, 9, 123_456)
            .unwrap();
        assert_eq!(datetime(at), "2009-03-07T14:05:09.123Z");
        assert_eq!(
            datetime(at.with_nanosecond(0).unwrap()),
            "2009-03-07T14:05:09.000Z"
        );
        assert_eq!(date(at), "2009-03-07");
    }
}
