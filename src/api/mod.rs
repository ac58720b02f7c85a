//! The HTTP API: a compatible subset of Mastodon's client API.

pub mod entities;
pub mod extract;
pub mod handlers;
pub mod middleware;
pub mod paging;
pub mod rate_limit;
pub mod routes;
pub mod state;
