pub mod context;
pub mod create;
pub mod interacted_by;
pub mod interactions;
pub mod show;
