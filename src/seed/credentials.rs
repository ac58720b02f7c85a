//! How the load benchmark acts as any seeded account. Account `i` (0-based) is `@user{i}`, e-mail
//! `user{i}@bench.example`, password [`PASSWORD`], and holds the access token `bench-token-user{i}` with
//! scopes [`SCOPES`], issued to the application [`CLIENT_ID`] / [`CLIENT_SECRET`]. Tokens and the client
//! secret are stored as the server stores them (SHA-256 digests, `auth::secret`), the password as one
//! Argon2id hash (the server's parameters) shared by every account. Seeded databases are for benchmarks:
//! anyone who reads this file can sign in to them.

/// Every seeded account's password.
pub const PASSWORD: &str = "bench-password-1";
/// The seeded OAuth application, for the password grant.
pub const CLIENT_ID: &str = "weakties-bench";
pub const CLIENT_SECRET: &str = "weakties-bench-secret";
pub const APP_NAME: &str = "weakties bench";
pub const REDIRECT_URI: &str = "urn:ietf:wg:oauth:2.0:oob";
/// Scopes of the application and of every seeded token.
pub const SCOPES: &str = "read write follow";

pub fn username(i: usize) -> String {
    format!("user{i}")
}

pub fn email(i: usize) -> String {
    format!("user{i}@bench.example")
}

/// The bearer token of account `i`.
pub fn token(i: usize) -> String {
    format!("bench-token-user{i}")
}
