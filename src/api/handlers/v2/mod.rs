pub mod instance;
pub mod search;
pub mod suggestions;
