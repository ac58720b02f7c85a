//! Figures the instance reports about itself.

use crate::db::{accounts, users, DbConnection};
use crate::error::ApiError;

#[derive(Debug, Clone, Copy)]
pub struct Stats {
    pub user_count: i64,
    pub status_count: i64,
}

pub fn stats(conn: &mut DbConnection) -> Result<Stats, ApiError> {
    Ok(Stats {
        user_count: users::count(conn)?,
        status_count: accounts::total_statuses(conn)?,
    })
}
