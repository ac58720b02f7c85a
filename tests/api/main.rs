//! The integration suite: one binary, modules laid out like the API. Every test runs against SQLite, and
//! against PostgreSQL too when `WEAKTIES_TEST_POSTGRES` holds a server URL; each test gets its own database.

mod helpers;

mod accounts;
mod app_startup;
mod apps;
mod binary;
mod discovery;
mod http;
mod instance;
mod interactions;
mod job_feed;
mod jobs;
mod migrations;
mod notifications;
mod oauth;
mod rate_limits;
mod relationships;
mod search;
mod statuses;
mod storage;
mod suggestions;
mod timelines;
