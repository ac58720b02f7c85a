pub mod create;
pub mod index;
pub mod lookup;
pub mod show;
pub mod update_credentials;
pub mod verify_credentials;
