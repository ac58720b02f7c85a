//! Storage: the connection enum and pool, migrations, the schema, shared column types, and the queries of
//! each table in a file named after it.

/// Keyset paging of a boxed query on an id `column`: the page's bounds, its order, its limit. Ids are
/// UUIDv7, so the id order is the time order.
macro_rules! keyset {
    ($query:expr, $column:expr, $page:expr) => {{
        let page: &crate::domain::paging::Page = $page;
        let mut q = $query;
        if let Some(max) = page.max_id {
            q = q.filter($column.lt(crate::db::Id(max)));
        }
        if let Some(low) = page.lower() {
            q = q.filter($column.gt(crate::db::Id(low)));
        }
        if page.ascending() {
            q.order($column.asc())
        } else {
            q.order($column.desc())
        }
        .limit(page.limit as i64)
    }};
}

pub mod accounts;
pub mod apps;
pub mod backfills;
pub mod blocks;
pub mod codes;
pub mod connection;
pub mod deadline;
pub mod favourites;
pub mod follow_requests;
pub mod follows;
pub mod idempotency;
pub mod interaction_edges;
pub mod mentions;
pub mod migrations;
pub mod mutes;
pub mod notifications;
pub mod pool;
pub mod schema;
pub mod search;
pub mod statuses;
pub mod suggestion_dismissals;
pub mod tags;
pub mod tokens;
pub mod types;
pub mod users;

pub use connection::{insert_once, write_transaction, DbConnection, DbTarget};
pub use pool::Pool;
pub use types::Id;
