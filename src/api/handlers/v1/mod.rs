pub mod accounts;
pub mod apps;
pub mod blocked_and_muted;
pub mod follow_requests;
pub mod instance;
pub mod statuses;
pub mod timelines;
