//! The interaction graph held in memory: for each account, its outgoing edges sorted by target, each a 12-byte
//! [`Link`] (target, weighted talk, last event and three flags) rather than the stored [`Edge`] with its
//! per-kind and per-month counts: at dataset M (about six million edges) that is the difference between 70 and
//! 290 MB. What the graph forgets (how many of each kind, how many this month) only the job feed's explanations
//! need, and only for the viewer's own edges, which the caller reads from the database.
//!
//! Why per-account vectors rather than one CSR array: every post, mention or follow changes one edge, and the
//! feed must see it at once. In a per-account vector that is a binary search and at most a shift of that one
//! account's edges (typically tens); in CSR it would shift the whole edge array or need an overflow log and
//! periodic rebuilds. Reading stays cheap: a walk only touches the lists of the viewer and of the accounts it
//! lands on, each a contiguous slice. The price is one small allocation per account.

use std::collections::HashMap;

use uuid::Uuid;

use super::edges::{decayed, Edge, EdgeKind};
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

/// One outgoing edge as the graph keeps it. `talk` is Σ kind weight × decayed count of the interactions,
/// valued at the last one; `stamp` holds that time in minutes since the Unix epoch (shifted left by three:
/// 2^29 minutes reach the year 2990), whether any of them was a repost (bit 2), whether any was a conversation
/// (mention, reply, repost: bit 1) and whether `from` follows `to` (bit 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    pub to: u32,
    talk: f32,
    stamp: u32,
}

const FOLLOWS: u32 = 1;
const TALKED: u32 = 2;
const REPOSTED: u32 = 4;
const FLAGS: u32 = 3;

impl Link {
    fn empty(to: u32) -> Self {
        Self {
            to,
            talk: 0.0,
            stamp: 0,
        }
    }

    /// The link of a stored edge, with the settings' kind weights applied.
    pub fn of(edge: &Edge, s: &JobFeedSettings) -> Self {
        let talk: f64 = EdgeKind::DECAYED
            .iter()
            .zip(edge.decayed)
            .map(|(k, c)| k.weight(s) * f64::from(c))
            .sum();
        let talked = EdgeKind::DECAYED
            .iter()
            .zip(edge.decayed)
            .any(|(k, c)| k.is_conversation() && c > 0.0);
        let mut link = Self {
            to: edge.to,
            talk: talk as f32,
            stamp: 0,
        };
        link.set_last_at(if talk > 0.0 { edge.last_at } else { 0 });
        link.set_flag(TALKED, talked);
        let reposted = EdgeKind::DECAYED
            .iter()
            .zip(edge.decayed)
            .any(|(k, c)| *k == EdgeKind::Reblog && c > 0.0);
        link.set_flag(REPOSTED, reposted);
        link.set_flag(FOLLOWS, edge.follows);
        link
    }

    fn set_flag(&mut self, flag: u32, on: bool) {
        self.stamp = if on {
            self.stamp | flag
        } else {
            self.stamp & !flag
        };
    }

    fn set_last_at(&mut self, at: i64) {
        let minutes = u32::try_from((at / 60).clamp(0, i64::from(u32::MAX >> FLAGS))).unwrap_or(0);
        self.stamp = (minutes << FLAGS) | (self.stamp & ((1 << FLAGS) - 1));
    }

    /// The latest interaction, to the minute (0 when there was none).
    pub fn last_at(&self) -> i64 {
        i64::from(self.stamp >> FLAGS) * 60
    }

    pub fn follows(&self) -> bool {
        self.stamp & FOLLOWS != 0
    }

    /// Whether the interactions have gone quiet (or never were): no event for the idle cut-off.
    fn talk_idle(&self, now: i64, s: &JobFeedSettings) -> bool {
        self.talk <= 0.0 || (now - self.last_at()) as f64 > s.idle_cutoff_secs()
    }

    /// Whether the edge drops out of the graph: idle and not a follow.
    pub fn is_idle(&self, now: i64, s: &JobFeedSettings) -> bool {
        !self.follows() && self.talk_idle(now, s)
    }

    /// Σ kind weight × decayed count at `now`, plus the follow weight: what the walks follow. The same as
    /// [`Edge::weight_at`] (to the minute).
    pub fn weight_at(&self, now: i64, s: &JobFeedSettings) -> f64 {
        let follow = if self.follows() { s.follow_weight } else { 0.0 };
        self.talk_at(now, s) + follow
    }

    /// The interactions' part of [`Link::weight_at`], without the follow.
    pub fn talk_at(&self, now: i64, s: &JobFeedSettings) -> f64 {
        if self.talk_idle(now, s) {
            0.0
        } else {
            decayed(
                f64::from(self.talk),
                self.last_at(),
                now,
                s.edge_half_life_secs(),
            )
        }
    }

    /// Whether `from` has mentioned, replied to or reposted `to` within the idle cut-off.
    pub fn has_talked(&self, now: i64, s: &JobFeedSettings) -> bool {
        self.stamp & TALKED != 0 && !self.talk_idle(now, s)
    }

    /// Whether `from` has reposted a post of `to`, while the edge's interactions are live (the flag stays as
    /// long as the edge has any interaction within the idle cut-off, however old the repost itself).
    pub fn has_reposted(&self, now: i64, s: &JobFeedSettings) -> bool {
        self.stamp & REPOSTED != 0 && !self.talk_idle(now, s)
    }

    /// Add one event, as [`Edge::record`] does: the talk is brought to the later of `at` and the last event,
    /// and the event added at its own age.
    fn record(&mut self, kind: EdgeKind, at: i64, s: &JobFeedSettings) {
        if kind == EdgeKind::Follow {
            self.set_flag(FOLLOWS, true);
            return;
        }
        let h = s.edge_half_life_secs();
        let w = kind.weight(s);
        let last = self.last_at();
        if self.talk <= 0.0 || at >= last {
            let before = if self.talk > 0.0 {
                decayed(f64::from(self.talk), last, at, h)
            } else {
                0.0
            };
            self.talk = (before + w) as f32;
            self.set_last_at(at);
        } else {
            self.talk += decayed(w, at, last, h) as f32;
        }
        self.set_flag(TALKED, self.stamp & TALKED != 0 || kind.is_conversation());
        self.set_flag(
            REPOSTED,
            self.stamp & REPOSTED != 0 || kind == EdgeKind::Reblog,
        );
    }
}

/// Directed, weighted, kept current edge by edge.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    out: Vec<Vec<Link>>,
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
    pub fn from_edges<'e>(
        nodes: usize,
        edges: impl IntoIterator<Item = &'e Edge>,
        s: &JobFeedSettings,
    ) -> Self {
        let mut g = Self::new(nodes);
        for e in edges {
            g.upsert(e, s);
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

    /// Outgoing links of `from`, sorted by target. Idle links may still be here until [`Graph::prune_idle`];
    /// their [`Link::weight_at`] is 0, so walks skip them.
    pub fn out(&self, from: u32) -> &[Link] {
        self.out.get(from as usize).map_or(&[], Vec::as_slice)
    }

    pub fn link(&self, from: u32, to: u32) -> Option<&Link> {
        let list = self.out(from);
        list.binary_search_by_key(&to, |e| e.to)
            .ok()
            .map(|i| &list[i])
    }

    /// Weight of `from → to` at `now`, 0 if there is none.
    pub fn weight(&self, from: u32, to: u32, now: i64, s: &JobFeedSettings) -> f64 {
        self.link(from, to).map_or(0.0, |e| e.weight_at(now, s))
    }

    /// Insert the edge, or replace the one with the same ends (the write path's stored row); returns whether
    /// the graph changed.
    pub fn upsert(&mut self, edge: &Edge, s: &JobFeedSettings) -> bool {
        let link = Link::of(edge, s);
        let slot = self.slot(edge.from, edge.to);
        let changed = *slot != link;
        *slot = link;
        changed
    }

    /// Record one interaction on `from → to`, creating the edge (tests and the generated evaluation network;
    /// the server stores [`Edge`]s and upserts them).
    pub fn record(&mut self, from: u32, to: u32, kind: EdgeKind, at: i64, s: &JobFeedSettings) {
        self.slot(from, to).record(kind, at, s);
    }

    fn slot(&mut self, from: u32, to: u32) -> &mut Link {
        self.ensure(from.max(to));
        let list = &mut self.out[from as usize];
        let i = match list.binary_search_by_key(&to, |e| e.to) {
            Ok(i) => i,
            Err(i) => {
                list.insert(i, Link::empty(to));
                self.edges += 1;
                i
            }
        };
        &mut list[i]
    }

    /// Remove `from → to` (an unfollow that leaves nothing, a block, a mute); returns whether it was there.
    pub fn remove(&mut self, from: u32, to: u32) -> bool {
        let Some(list) = self.out.get_mut(from as usize) else {
            return false;
        };
        let Ok(i) = list.binary_search_by_key(&to, |e| e.to) else {
            return false;
        };
        list.remove(i);
        self.edges -= 1;
        true
    }

    /// Gives back the spare capacity of every list (after a bulk load, where doubling leaves up to half unused).
    pub fn shrink_to_fit(&mut self) {
        for list in &mut self.out {
            list.shrink_to_fit();
        }
        self.out.shrink_to_fit();
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
                    if t != a && t != b && !xs[i].is_idle(now, s) && !ys[j].is_idle(now, s) {
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
        // The stored edge replaces what the graph had.
        let mut e = Edge::new(0, 5);
        for kind in [EdgeKind::Mention, EdgeKind::Mention, EdgeKind::Reply] {
            e.record(kind, NOW, &s);
        }
        assert!(g.upsert(&e, &s));
        assert!(!g.upsert(&e, &s), "the same row again changes nothing");
        assert!((g.weight(0, 5, NOW, &s) - 3.0).abs() < 1e-9);
        assert_eq!(g.edge_count(), 2);
        assert!(g.remove(0, 2));
        assert!(!g.remove(0, 2));
        assert_eq!(g.edge_count(), 1);
    }

    /// The link keeps the stored edge's weight (to the minute) and its conversation flag, in 12 bytes.
    #[test]
    fn a_link_weighs_what_its_edge_weighs() {
        let s = JobFeedSettings::default();
        assert_eq!(std::mem::size_of::<Link>(), 12);
        let mut e = Edge::new(0, 1);
        e.record(EdgeKind::Favourite, NOW - 20 * 86_400, &s);
        e.record(EdgeKind::Mention, NOW - 3 * 86_400, &s);
        e.record(EdgeKind::Reblog, NOW - 9 * 86_400, &s);
        e.record(EdgeKind::Follow, NOW, &s);
        let mut recorded = Graph::new(2);
        for (kind, days) in [
            (EdgeKind::Favourite, 20),
            (EdgeKind::Mention, 3),
            (EdgeKind::Reblog, 9),
            (EdgeKind::Follow, 0),
        ] {
            recorded.record(0, 1, kind, NOW - days * 86_400, &s);
        }
        let link = Link::of(&e, &s);
        for later in [0, 10, 50, 59] {
            let now = NOW + later * 86_400;
            let want = e.weight_at(now, &s);
            assert!((link.weight_at(now, &s) - want).abs() < 1e-5, "day {later}");
            assert!(
                (recorded.weight(0, 1, now, &s) - want).abs() < 1e-5,
                "day {later}"
            );
        }
        assert!(link.follows() && link.has_talked(NOW, &s) && link.has_reposted(NOW, &s));
        assert!(recorded.link(0, 1).unwrap().has_reposted(NOW, &s));
        let mut mentioned = Edge::new(0, 1);
        mentioned.record(EdgeKind::Mention, NOW, &s);
        assert!(
            !Link::of(&mentioned, &s).has_reposted(NOW, &s),
            "a mention is no repost"
        );
        let mut faved = Graph::new(2);
        faved.record(0, 1, EdgeKind::Favourite, NOW, &s);
        assert!(
            !faved.link(0, 1).unwrap().has_talked(NOW, &s),
            "a favourite is no conversation"
        );
        assert!(!link.has_talked(NOW + 61 * 86_400, &s), "idle");
    }

    #[test]
    fn pruning_drops_idle_edges_but_keeps_follows() {
        let s = JobFeedSettings::default();
        let mut g = Graph::new(3);
        g.record(0, 1, EdgeKind::Mention, NOW, &s);
        g.record(0, 2, EdgeKind::Mention, NOW, &s);
        g.record(0, 2, EdgeKind::Follow, NOW, &s);
        assert_eq!(g.prune_idle(NOW + 61 * 86_400, &s), 1);
        assert!(g.link(0, 1).is_none());
        assert!(g.link(0, 2).is_some());
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
