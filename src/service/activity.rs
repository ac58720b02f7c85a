//! When each user was last active, to the day, for the instance's monthly and half-yearly active counts.
//! Every request with a user's token counts (sign-up sets the first day), but the database is written at most once per user per day (per
//! process): the day last recorded is remembered here.

use std::collections::HashSet;
use std::sync::Mutex;

use chrono::NaiveDate;

use crate::db::{types, users, DbConnection, Id};
use crate::error::ApiError;

static RECORDED: Mutex<Option<(NaiveDate, HashSet<Id>)>> = Mutex::new(None);

/// Notes that `account_id` was active now.
pub fn record(conn: &mut DbConnection, account_id: Id) -> Result<(), ApiError> {
    let now = types::now();
    let today = now.date();
    let already = {
        let mut guard = RECORDED.lock().unwrap_or_else(|p| p.into_inner());
        let (day, seen) = guard.get_or_insert_with(|| (today, HashSet::new()));
        if *day != today {
            *day = today;
            seen.clear();
        }
        !seen.insert(account_id)
    };
    if !already {
        users::mark_active(conn, account_id, now)?;
    }
    Ok(())
}
