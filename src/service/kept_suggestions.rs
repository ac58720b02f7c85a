//! Each viewer's suggestions from the graph, kept while their circle of trust is the same one (the same `Arc`):
//! a new circle (the viewer's own edges, blocks or mutes changed, or `circle_ttl_secs` passed) means a new
//! computation. What changes without a new circle is applied when a kept list is read: whom the viewer follows,
//! asked to follow or dismissed is left out then, and the accounts (discoverable, job flags, names) are read
//! afresh for every request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use crate::domain::job_feed::Circle;
use crate::domain::suggestions::Suggested;

/// Viewers whose lists are kept at most (about 4 KB each at Mastodon's default page of 40: 120 items of 32
/// bytes); past that, the lists of dropped or expired circles go, then the oldest.
const KEPT_VIEWERS: usize = 5_000;

/// One viewer's list, best first, and how deep it was computed.
#[derive(Debug)]
pub struct KeptList {
    /// Which circle it came from; weak, so a list does not keep a circle the circles' cache has let go.
    circle: Weak<Circle>,
    computed_at: i64,
    pub items: Vec<Suggested>,
    /// The `depth` it was computed with: a list shorter than that is the whole of what the graph has.
    depth: usize,
}

impl KeptList {
    pub fn new(circle: &Arc<Circle>, mut items: Vec<Suggested>, depth: usize) -> Self {
        items.shrink_to_fit();
        KeptList {
            circle: Arc::downgrade(circle),
            computed_at: circle.computed_at,
            items,
            depth,
        }
    }

    /// Whether its circle is gone or `expired` says it is past its time.
    fn is_stale(&self, expired: &impl Fn(&Circle) -> bool) -> bool {
        self.circle.upgrade().is_none_or(|c| expired(&c))
    }
}

#[derive(Default)]
pub struct KeptSuggestions {
    lists: Mutex<HashMap<u32, Arc<KeptList>>>,
}

impl KeptSuggestions {
    fn lists(&self) -> MutexGuard<'_, HashMap<u32, Arc<KeptList>>> {
        // A cache: after a panic elsewhere, what is there is still whole.
        self.lists
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The viewer's list, when it was computed from `circle` at least `depth` deep.
    pub fn get(&self, viewer: u32, circle: &Arc<Circle>, depth: usize) -> Option<Arc<KeptList>> {
        let lists = self.lists();
        let list = lists.get(&viewer)?;
        // The weak pointer keeps the circle's allocation, so its address cannot be reused by a newer circle.
        (std::ptr::eq(list.circle.as_ptr(), Arc::as_ptr(circle)) && list.depth >= depth)
            .then(|| list.clone())
    }

    /// Keeps `list` for `viewer`; `expired` says which circles are past their time.
    pub fn keep(&self, viewer: u32, list: Arc<KeptList>, expired: impl Fn(&Circle) -> bool) {
        let mut lists = self.lists();
        if lists.len() >= KEPT_VIEWERS && !lists.contains_key(&viewer) {
            lists.retain(|_, l| !l.is_stale(&expired));
            if lists.len() >= KEPT_VIEWERS {
                let oldest = lists
                    .iter()
                    .min_by_key(|(_, l)| l.computed_at)
                    .map(|(v, _)| *v);
                if let Some(v) = oldest {
                    lists.remove(&v);
                }
            }
        }
        lists.insert(viewer, list);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn circle(at: i64) -> Arc<Circle> {
        Arc::new(Circle::new(0, Vec::new(), at))
    }

    #[test]
    fn a_list_serves_its_circle_at_its_depth_or_less() {
        assert_eq!(
            std::mem::size_of::<Suggested>(),
            32,
            "the size the bound above counts"
        );
        let kept = KeptSuggestions::default();
        let c = circle(100);
        kept.keep(1, Arc::new(KeptList::new(&c, Vec::new(), 120)), |_| false);
        assert!(kept.get(1, &c, 120).is_some());
        assert!(kept.get(1, &c, 60).is_some());
        assert!(kept.get(1, &c, 240).is_none(), "deeper than computed");
        assert!(kept.get(1, &circle(100), 60).is_none(), "another circle");
        assert!(kept.get(2, &c, 60).is_none());
    }

    #[test]
    fn past_the_bound_dropped_and_expired_lists_go_first_then_the_oldest() {
        let kept = KeptSuggestions::default();
        let never = |_: &Circle| false;
        let held: Vec<Arc<Circle>> = (0..KEPT_VIEWERS as i64)
            .map(|v| circle(if v == 7 { 0 } else { 1_000 + v }))
            .collect();
        for (v, c) in held.iter().enumerate() {
            kept.keep(v as u32, Arc::new(KeptList::new(c, Vec::new(), 1)), never);
        }
        let newcomer = circle(9_000);
        kept.keep(
            99_999,
            Arc::new(KeptList::new(&newcomer, Vec::new(), 1)),
            never,
        );
        assert_eq!(kept.lists().len(), KEPT_VIEWERS);
        assert!(!kept.lists().contains_key(&7), "the oldest went");

        // Viewers 0..1000 (7 went already) have circles computed before 2,000.
        let expired = |c: &Circle| c.computed_at < 2_000;
        kept.keep(
            99_998,
            Arc::new(KeptList::new(&circle(9_500), Vec::new(), 1)),
            expired,
        );
        assert_eq!(
            kept.lists().len(),
            KEPT_VIEWERS - 999 + 1,
            "every expired one went"
        );
        assert!(kept.get(99_999, &newcomer, 1).is_some());

        let list = KeptList::new(&held[1], Vec::new(), 1);
        assert!(!list.is_stale(&never));
        drop(held);
        assert!(list.is_stale(&never), "its circle was let go");
    }
}
