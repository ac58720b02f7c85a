//! Figures the instance reports about itself.

use chrono::Duration;

use crate::db::{accounts, types, users, DbConnection};
use crate::error::ApiError;

#[derive(Debug, Clone, Copy)]
pub struct Stats {
    pub user_count: i64,
    pub status_count: i64,
    /// Users active in the last 30 days.
    pub active_month: i64,
    /// Users active in the last 180 days.
    pub active_halfyear: i64,
}

pub fn stats(conn: &mut DbConnection) -> Result<Stats, ApiError> {
    let now = types::now();
    Ok(Stats {
        user_count: users::count(conn)?,
        status_count: accounts::total_statuses(conn)?,
        active_month: users::count_active_since(conn, now - Duration::days(30))?,
        active_halfyear: users::count_active_since(conn, now - Duration::days(180))?,
    })
}
