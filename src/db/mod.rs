//! Storage: the connection enum and pool, migrations, the schema, shared column types, and the queries of
//! each table in a file named after it.

pub mod accounts;
pub mod apps;
pub mod codes;
pub mod connection;
pub mod migrations;
pub mod pool;
pub mod schema;
pub mod tokens;
pub mod types;
pub mod users;

pub use connection::{write_transaction, DbConnection, DbTarget};
pub use pool::Pool;
pub use types::Id;
