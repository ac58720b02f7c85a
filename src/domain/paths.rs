//! Where things live on an instance, as paths; the API adds the base URL. Mastodon's URL shapes, so links
//! that clients build themselves agree with ours.

pub fn profile(username: &str) -> String {
    format!("/@{username}")
}

pub fn actor(username: &str) -> String {
    format!("/users/{username}")
}

pub fn status(username: &str, id: impl std::fmt::Display) -> String {
    format!("/@{username}/{id}")
}

pub fn status_uri(username: &str, id: impl std::fmt::Display) -> String {
    format!("/users/{username}/statuses/{id}")
}

/// A tag page; `key` is the case-folded tag name.
pub fn tag(key: &str) -> String {
    format!("/tags/{key}")
}
