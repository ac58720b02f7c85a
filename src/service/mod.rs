//! Use cases: each takes a connection (or the pool, when it must also do slow work off the database, such as
//! password hashing) and a command, owns its transaction, and returns rows.

pub mod accounts;
pub mod activity;
pub mod instance;
pub mod oauth;
