//! weakties: a Mastodon-compatible microblog for job seekers.

pub mod api;
pub mod auth;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod memory;
pub mod seed;
pub mod service;
pub mod startup;
pub mod telemetry;
