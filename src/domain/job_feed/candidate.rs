//! What the ranking takes in: job posts that reached the viewer's circle, and who in the circle touched them.

use uuid::Uuid;

pub use crate::domain::jobs::JobKind;

impl JobKind {
    /// Which kinds a viewer's feed holds: offers, and seekers too when the viewer is hiring.
    pub fn wanted_by(hiring: bool) -> &'static [JobKind] {
        if hiring {
            &[JobKind::Offer, JobKind::Seeking]
        } else {
            &[JobKind::Offer]
        }
    }
}

/// How a circle member touched a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Authored,
    Reposted,
    Replied,
}

/// One account's action on a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Touch {
    pub account: u32,
    pub action: Action,
}

/// A post the caller found through the viewer's circle. The caller passes only posts the viewer may see, and in
/// `touches` only reposts and replies the viewer may see; the author's own touch is implied by `author`.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub post: Uuid,
    pub author: u32,
    /// Seconds since the Unix epoch.
    pub created_at: i64,
    pub job_kind: Option<JobKind>,
    /// Detection's confidence, 0–1.
    pub job_score: f32,
    pub touches: Vec<Touch>,
}

impl Candidate {
    /// Every touch, the authorship first.
    pub fn all_touches(&self) -> impl Iterator<Item = Touch> + '_ {
        std::iter::once(Touch {
            account: self.author,
            action: Action::Authored,
        })
        .chain(self.touches.iter().copied())
    }
}
