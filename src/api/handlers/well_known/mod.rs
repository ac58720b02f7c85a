pub mod nodeinfo;
pub mod oauth_authorization_server;
