pub mod accounts;
pub mod apps;
pub mod blocked_and_muted;
pub mod instance;
pub mod statuses;
pub mod timelines;
