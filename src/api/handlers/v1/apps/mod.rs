pub mod create;
pub mod verify_credentials;
