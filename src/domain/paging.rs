//! Mastodon's keyset paging. Ids are UUIDv7, so they sort by time and serve directly as cursors.

use uuid::Uuid;

/// A page request as clients send it: `max_id` (older than), `since_id` (newer than, newest first),
/// `min_id` (newer than, the page just above it), `limit`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Page {
    pub max_id: Option<Uuid>,
    pub since_id: Option<Uuid>,
    pub min_id: Option<Uuid>,
    pub limit: usize,
}

/// How many rows an endpoint gives by default and at most.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub default: usize,
    pub max: usize,
}

/// Statuses: 20 by default, at most 40.
pub const STATUS_LIMITS: Limits = Limits {
    default: 20,
    max: 40,
};
/// Notifications: 40 by default, at most 80.
pub const NOTIFICATION_LIMITS: Limits = Limits {
    default: 40,
    max: 80,
};
/// Lists of accounts: 40 by default, at most 80.
pub const ACCOUNT_LIMITS: Limits = Limits {
    default: 40,
    max: 80,
};

impl Page {
    /// A requested limit is clamped into `1..=max`; a missing one takes the default.
    pub fn new(
        max_id: Option<Uuid>,
        since_id: Option<Uuid>,
        min_id: Option<Uuid>,
        limit: Option<u64>,
        limits: Limits,
    ) -> Self {
        let limit = limit
            .map(|l| (l as usize).clamp(1, limits.max))
            .unwrap_or(limits.default);
        Page {
            max_id,
            since_id,
            min_id,
            limit,
        }
    }

    /// The lower bound, exclusive: `min_id` wins over `since_id` as in Mastodon.
    pub fn lower(&self) -> Option<Uuid> {
        self.min_id.or(self.since_id)
    }

    /// With `min_id` the rows just above it are wanted, so the scan runs oldest first and is reversed.
    pub fn ascending(&self) -> bool {
        self.min_id.is_some()
    }

    /// Whether an id falls inside the page's bounds.
    pub fn contains(&self, id: Uuid) -> bool {
        self.max_id.is_none_or(|max| id < max) && self.lower().is_none_or(|low| id > low)
    }

    /// Puts rows scanned in either direction into newest-first order and keeps `limit` of them.
    pub fn finish<T>(&self, mut rows: Vec<T>, id: impl Fn(&T) -> Uuid) -> Vec<T> {
        rows.retain(|r| self.contains(id(r)));
        if self.ascending() {
            rows.sort_by_key(|r| id(r));
            rows.truncate(self.limit);
            rows.reverse();
        } else {
            rows.sort_by_key(|r| std::cmp::Reverse(id(r)));
            rows.truncate(self.limit);
        }
        rows
    }
}

/// The newest and oldest cursor of a page ordered newest first (none for an empty page): what its
/// `Link` header pages on from.
pub fn ends<T, K: Copy>(rows: &[T], key: impl Fn(&T) -> K) -> Option<(K, K)> {
    Some((key(rows.first()?), key(rows.last()?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: u128) -> Vec<Uuid> {
        (1..=n).map(Uuid::from_u128).collect()
    }

    #[test]
    fn limit_is_clamped() {
        assert_eq!(Page::new(None, None, None, None, STATUS_LIMITS).limit, 20);
        assert_eq!(Page::new(None, None, None, Some(0), STATUS_LIMITS).limit, 1);
        assert_eq!(
            Page::new(None, None, None, Some(500), STATUS_LIMITS).limit,
            40
        );
    }

    #[test]
    fn max_id_pages_down_and_min_id_pages_up() {
        let all = ids(10);
        let older = Page::new(Some(Uuid::from_u128(8)), None, None, Some(3), STATUS_LIMITS);
        assert_eq!(
            older.finish(all.clone(), |u| *u),
            vec![7, 6, 5]
                .into_iter()
                .map(Uuid::from_u128)
                .collect::<Vec<_>>()
        );
        let newer = Page::new(None, None, Some(Uuid::from_u128(3)), Some(3), STATUS_LIMITS);
        assert_eq!(
            newer.finish(all.clone(), |u| *u),
            vec![6, 5, 4]
                .into_iter()
                .map(Uuid::from_u128)
                .collect::<Vec<_>>()
        );
        let since = Page::new(None, Some(Uuid::from_u128(3)), None, Some(3), STATUS_LIMITS);
        assert_eq!(
            since.finish(all, |u| *u),
            vec![10, 9, 8]
                .into_iter()
                .map(Uuid::from_u128)
                .collect::<Vec<_>>()
        );
    }
}
