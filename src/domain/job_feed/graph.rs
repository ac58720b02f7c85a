//! The interaction graph held in memory: for each account, its outgoing edges sorted by target.
//!
//! Why per-account vectors rather than one CSR array: every post, mention or follow changes one edge, and the
//! feed must see it at once. In a per-account vector that is a binary search and at most a shift of that one
//! account's edges (typically tens); in CSR it would shift the whole edge array or need an overflow log and
//! periodic rebuilds. Reading stays cheap: a walk only touches the lists of the viewer and of the accounts it
//! lands on, each a contiguous slice. The price is one small allocation per account.

use std::collections::HashMap;

use uuid::Uuid;

use super::edges::{Edge, EdgeKind};
use super::settings::JobFeedSettings;

/// Dense `u32` indexes for account ids, handed out in order of first sight.
#[derive(Debug, Clone, Default)]
pub struct AccountIndex {
    ids: Vec<Uuid>,
    by_id: HashMap<Uuid, u32>,
}

impl AccountIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// The index of `id`, assigning the next one if it is new.
    pub fn intern(&mut self, id: Uuid) -> u32 {
        if let Some(i) = self.by_id.get(&id) {
            return *i;
        }
        let i = u32::try_from(self.ids.len()).expect("fewer than 2^32 accounts");
        self.ids.push(id);
        self.by_id.insert(id, i);
        i
    }

    pub fn get(&self, id: &Uuid) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    pub fn id(&self, index: u32) -> Option<Uuid> {
        self.ids.get(index as usize).copied()
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// Directed, weighted, kept current edge by edge.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    out: Vec<Vec<Edge>>,
    edges: usize,
}

impl Graph {
    pub fn new(nodes: usize) -> Self {
        Self {
            out: vec![Vec::new(); nodes],
            edges: 0,
        }
    }

    /// Build from stored edges; a later duplicate of the same `from → to` replaces an earlier one.
    pub fn from_edges(nodes: usize, edges: impl IntoIterator<Item = Edge>) -> Self {
        let mut g = Self::new(nodes);
        for e in edges {
            g.upsert(e);
        }
        g
    }

    pub fn node_count(&self) -> usize {
        self.out.len()
    }

    pub fn edge_count(&self) -> usize {
        self.edges
    }

    fn ensure(&mut self, node: u32) {
        if node as usize >= self.out.len() {
            self.out.resize_with(node as usize + 1, Vec::new);
        }
    }

    /// Outgoing edges of `from`, sorted by target. Idle edges may still be here until [`Graph::prune_idle`]; their
    /// [`Edge::weight_at`] is 0, so walks skip them.
    pub fn out(&self, from: u32) -> &[Edge] {
        self.out.get(from as usize).map_or(&[], Vec::as_slice)
    }

    pub fn edge(&self, from: u32, to: u32) -> Option<&Edge> {
        let list = self.out(from);
        list.binary_search_by_key(&to, |e| e.to)
            .ok()
            .map(|i| &list[i])
    }

    /// Weight of `from → to` at `now`, 0 if there is none.
    pub fn weight(&self, from: u32, to: u32, now: i64, s: &JobFeedSettings) -> f64 {
        self.edge(from, to).map_or(0.0, |e| e.weight_at(now, s))
    }

    /// Insert the edge, or replace the one with the same ends (the write path's stored row).
    pub fn upsert(&mut self, edge: Edge) {
        self.ensure(edge.from.max(edge.to));
        let list = &mut self.out[edge.from as usize];
        match list.binary_search_by_key(&edge.to, |e| e.to) {
            Ok(i) => list[i] = edge,
            Err(i) => {
                list.insert(i, edge);
                self.edges += 1;
            }
        }
    }

    /// Record one interaction on `from → to` (creating the edge) and return it, for the caller to store.
    pub fn record(
        &mut self,
        from: u32,
        to: u32,
        kind: EdgeKind,
        at: i64,
        s: &JobFeedSettings,
    ) -> &Edge {
        self.ensure(from.max(to));
        let list = &mut self.out[from as usize];
        let i = match list.binary_search_by_key(&to, |e| e.to) {
            Ok(i) => i,
            Err(i) => {
                list.insert(i, Edge::new(from, to));
                self.edges += 1;
                i
            }
        };
        list[i].record(kind, at, s);
        &list[i]
    }

    /// Remove `from → to` (an unfollow that leaves nothing, a block, a mute); returns what was there.
    pub fn remove(&mut self, from: u32, to: u32) -> Option<Edge> {
        let list = self.out.get_mut(from as usize)?;
        let i = list.binary_search_by_key(&to, |e| e.to).ok()?;
        self.edges -= 1;
        Some(list.remove(i))
    }

    /// Drop every idle edge (no interaction for the cut-off, no follow); returns how many went.
    pub fn prune_idle(&mut self, now: i64, s: &JobFeedSettings) -> usize {
        let before = self.edges;
        for list in &mut self.out {
            let n = list.len();
            list.retain(|e| !e.is_idle(now, s));
            self.edges -= n - list.len();
        }
        before - self.edges
    }

    /// Accounts `from` has a live edge to, with their weights at `now`.
    pub fn live_out<'a>(
        &'a self,
        from: u32,
        now: i64,
        s: &'a JobFeedSettings,
    ) -> impl Iterator<Item = (u32, f64)> + 'a {
        self.out(from)
            .iter()
            .map(move |e| (e.to, e.weight_at(now, s)))
            .filter(|(_, w)| *w > 0.0)
    }

    /// Mutual contacts of `a` and `b`: accounts both have a live edge to (|out(a) ∩ out(b)|, neither `a` nor `b`).
    /// Directed on purpose: it counts people both of them chose to address or follow, which a stranger cannot
    /// inflate by mentioning them.
    pub fn mutual_contacts(&self, a: u32, b: u32, now: i64, s: &JobFeedSettings) -> u32 {
        let (xs, ys) = (self.out(a), self.out(b));
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < xs.len() && j < ys.len() {
            match xs[i].to.cmp(&ys[j].to) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let t = xs[i].to;
                    if t != a
                        && t != b
                        && xs[i].weight_at(now, s) > 0.0
                        && ys[j].weight_at(now, s) > 0.0
                    {
                        n += 1;
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_768_003_200;

    #[test]
    fn account_ids_get_dense_indexes_in_order() {
        let mut ix = AccountIndex::new();
        let (a, b) = (Uuid::from_u128(7), Uuid::from_u128(3));
        assert_eq!(ix.intern(a), 0);
        assert_eq!(ix.intern(b), 1);
        assert_eq!(ix.intern(a), 0);
        assert_eq!(ix.get(&b), Some(1));
        assert_eq!(ix.id(1), Some(b));
        assert_eq!(ix.len(), 2);
    }

    #[test]
    fn edges_insert_update_and_remove_in_place() {
        let s = JobFeedSettings::default();
        let mut g = Graph::new(2);
        g.record(0, 5, EdgeKind::Mention, NOW, &s);
        g.record(0, 2, EdgeKind::Follow, NOW, &s);
        g.record(0, 5, EdgeKind::Mention, NOW, &s);
        assert_eq!(g.node_count(), 6);
        assert_eq!(g.edge_count(), 2);
        let targets: Vec<u32> = g.out(0).iter().map(|e| e.to).collect();
        assert_eq!(targets, [2, 5]);
        assert!((g.weight(0, 5, NOW, &s) - 2.0).abs() < 1e-9);
        assert!((g.weight(0, 2, NOW, &s) - 0.3).abs() < 1e-9);
        let mut e = g.edge(0, 5).unwrap().clone();
        e.record(EdgeKind::Reply, NOW, &s);
        g.upsert(e);
        assert!((g.weight(0, 5, NOW, &s) - 3.0).abs() < 1e-9);
        assert!(g.remove(0, 2).is_some());
        assert!(g.remove(0, 2).is_none());
        assert_eq!(g.edge_count(), 1);
    }

    #[test]
    fn pruning_drops_idle_edges_but_keeps_follows() {
        let s = JobFeedSettings::default();
        let mut g = Graph::new(3);
        g.record(0, 1, EdgeKind::Mention, NOW, &s);
        g.record(0, 2, EdgeKind::Mention, NOW, &s);
        g.record(0, 2, EdgeKind::Follow, NOW, &s);
        assert_eq!(g.prune_idle(NOW + 61 * 86_400, &s), 1);
        assert!(g.edge(0, 1).is_none());
        assert!(g.edge(0, 2).is_some());
    }

    #[test]
    fn mutual_contacts_count_shared_live_targets() {
        let s = JobFeedSettings::default();
        let mut g = Graph::new(8);
        for t in [1, 2, 3, 4] {
            g.record(0, t, EdgeKind::Mention, NOW, &s);
        }
        for t in [0, 2, 3, 5] {
            g.record(1, t, EdgeKind::Follow, NOW, &s);
        }
        g.record(1, 4, EdgeKind::Mention, NOW - 90 * 86_400, &s); // idle: does not count
        assert_eq!(g.mutual_contacts(0, 1, NOW, &s), 2);
        assert_eq!(g.mutual_contacts(1, 0, NOW, &s), 2);
    }
}
