//! Pure rules: no HTTP, no SQL.

pub mod app_registration;
pub mod email;
pub mod instance_domain;
pub mod job_feed;
pub mod jobs;
pub mod notification_kind;
pub mod paging;
pub mod password;
pub mod paths;
pub mod post_text;
pub mod profile;
pub mod scopes;
pub mod search_terms;
pub mod suggestions;
pub mod text;
pub mod username;
pub mod validation;
pub mod visibility;
