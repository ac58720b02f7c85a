//! Credentials: password hashing, random secrets stored as digests, PKCE. No HTTP, no SQL.

pub mod password;
pub mod pkce;
pub mod secret;
