//! Pure rules: no HTTP, no SQL.

pub mod app_registration;
pub mod email;
pub mod password;
pub mod profile;
pub mod scopes;
pub mod text;
pub mod username;
pub mod validation;
