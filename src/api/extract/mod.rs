//! Request extractors: parameters from any body type, bearer tokens with their scopes.

pub mod auth;
pub mod client_auth;
pub mod id_list;
pub mod lenient;
pub mod params;
pub mod path_id;

pub use auth::{AppAuth, MaybeUser, UserAuth};
pub use params::Params;
pub use path_id::PathId;
