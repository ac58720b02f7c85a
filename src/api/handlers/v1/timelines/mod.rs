pub mod home;
pub mod jobs;
pub mod public;
pub mod tag;
