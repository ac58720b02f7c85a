//! Request extractors: parameters from any body type, bearer tokens with their scopes.

pub mod auth;
pub mod client_auth;
pub mod lenient;
pub mod params;

pub use auth::{AppAuth, UserAuth};
pub use params::Params;
