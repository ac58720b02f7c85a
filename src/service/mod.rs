//! Use cases: each takes a connection (or the pool, when it must also do slow work off the database, such as
//! password hashing) and a command, owns its transaction, and returns rows.

pub mod account_lists;
pub mod accounts;
pub mod activity;
pub mod audience;
pub mod context;
pub mod follow_requests;
pub mod instance;
pub mod interaction_graph;
pub mod interactions;
pub mod job_feed;
pub mod job_graph;
pub mod job_signals;
pub mod kept;
pub mod kept_suggestions;
pub mod notifications;
pub mod oauth;
pub mod posting;
pub mod ranked_feeds;
pub mod recent_jobs;
pub mod relationships;
pub mod search;
pub mod status_parts;
pub mod status_views;
pub mod suggestions;
pub mod timelines;
pub mod usernames;
