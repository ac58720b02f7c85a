pub mod authorize;
mod authorize_page;
pub mod revoke;
pub mod token;
