//! Storage: the connection enum and pool, migrations, the schema, shared column types, and the queries of
//! each table in a file named after it.

pub mod accounts;
pub mod apps;
pub mod blocks;
pub mod codes;
pub mod connection;
pub mod favourites;
pub mod follow_requests;
pub mod follows;
pub mod idempotency;
pub mod mentions;
pub mod migrations;
pub mod mutes;
pub mod pool;
pub mod schema;
pub mod statuses;
pub mod tags;
pub mod tokens;
pub mod types;
pub mod users;

pub use connection::{insert_once, write_transaction, DbConnection, DbTarget};
pub use pool::Pool;
pub use types::Id;
