//! Personalized SALSA on a bipartite graph: hubs on the left (the viewer and their circle of trust), authorities
//! on the right (whom the hubs follow, mention or repost), after "WTF: The Who to Follow Service at Twitter"
//! (Gupta et al., WWW 2013).
//!
//! A random surfer alternates two steps. Forward: from a hub along one of its edges, with probability
//! proportional to the edge's weight, to an authority. Backward: from that authority along one of its incoming
//! edges, again in proportion to weight, to a hub; or, with probability `restart`, back to a hub drawn from the
//! restart distribution (the viewer and their circle). A hub's score is the share of time the surfer spends on
//! it at a backward step; an authority's, at a forward step. Authorities that similar hubs point at score high.
//!
//! Without the restart the scores would be the authorities' weighted in-degrees within each connected part of
//! the graph, the same for every viewer; the restart keeps them near the viewer.

/// Hubs `0..hubs`, authorities `0..authorities`, weighted edges between them.
#[derive(Debug, Clone, Default)]
pub struct Bipartite {
    pub hubs: usize,
    pub authorities: usize,
    /// `(hub, authority, weight)`, weight > 0.
    pub edges: Vec<(u32, u32, f64)>,
}

/// The stationary scores; each side sums to 1 (less on the authority side when some hubs have no edges).
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    pub hub: Vec<f64>,
    pub authority: Vec<f64>,
}

/// The rounds stop once the hub scores move by less than this in total.
const TOLERANCE: f64 = 1e-9;

/// Runs the rounds until the hub scores move by less than [`TOLERANCE`] in total, or `iterations` rounds. `restart_to`
/// is the restart distribution over the hubs (it is normalised here); a hub with no edges sends its mass there
/// too, so none is lost.
pub fn personalized_salsa(
    b: &Bipartite,
    restart_to: &[f64],
    restart: f64,
    iterations: u32,
) -> Scores {
    let total: f64 = restart_to.iter().sum();
    let p: Vec<f64> = if total > 0.0 {
        restart_to.iter().map(|x| x / total).collect()
    } else {
        vec![0.0; b.hubs]
    };
    let mut out_weight = vec![0.0; b.hubs];
    let mut in_weight = vec![0.0; b.authorities];
    for &(u, v, w) in &b.edges {
        out_weight[u as usize] += w;
        in_weight[v as usize] += w;
    }
    // Each edge's share of its hub's out-weight (forward) and of its authority's in-weight (backward, with
    // the restart taken out), computed once: the rounds then only multiply and add.
    let forward: Vec<f64> = b
        .edges
        .iter()
        .map(|&(u, _, w)| w / out_weight[u as usize])
        .collect();
    let backward: Vec<f64> = b
        .edges
        .iter()
        .map(|&(_, v, w)| (1.0 - restart) * w / in_weight[v as usize])
        .collect();
    let spread = |hub: &[f64], authority: &mut Vec<f64>| {
        authority.fill(0.0);
        for (&(u, v, _), f) in b.edges.iter().zip(&forward) {
            authority[v as usize] += hub[u as usize] * f;
        }
    };
    let mut hub = p.clone();
    let mut authority = vec![0.0; b.authorities];
    let mut next = vec![0.0; b.hubs];
    for _ in 0..iterations {
        spread(&hub, &mut authority);
        let stuck: f64 = hub
            .iter()
            .zip(&out_weight)
            .filter(|(_, w)| **w == 0.0)
            .map(|(h, _)| h)
            .sum();
        let back_to_start = restart + (1.0 - restart) * stuck;
        for (n, x) in next.iter_mut().zip(&p) {
            *n = back_to_start * x;
        }
        for (&(u, v, _), bw) in b.edges.iter().zip(&backward) {
            next[u as usize] += authority[v as usize] * bw;
        }
        let change: f64 = next.iter().zip(&hub).map(|(x, y)| (x - y).abs()).sum();
        std::mem::swap(&mut hub, &mut next);
        if change < TOLERANCE {
            break;
        }
    }
    spread(&hub, &mut authority);
    Scores { hub, authority }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLOSE: f64 = 1e-8;

    fn close(got: &[f64], want: &[f64]) {
        assert_eq!(got.len(), want.len());
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            assert!((g - w).abs() < CLOSE, "{i}: {g} vs {w} ({got:?})");
        }
    }

    /// Hubs A, B; authorities X, Y, Z; A → X, A → Y, B → Y, B → Z, all weight 1; restart 0.5 to A 0.8, B 0.2.
    ///
    /// By hand, with h = (x, 1 − x): a(X) = x/2, a(Y) = 1/2, a(Z) = (1 − x)/2. Back, X sends all to A, Y half to
    /// each, Z all to B: h(A) = 0.5 · 0.8 + 0.5 · (x/2 + 1/4), whose fixed point is x = 0.7. So h = (0.7, 0.3)
    /// and a = (0.35, 0.5, 0.15): Y, which both hubs point at, first; X, which the favoured hub points at,
    /// before Z.
    #[test]
    fn a_toy_graph_scores_what_the_hand_computation_says() {
        let b = Bipartite {
            hubs: 2,
            authorities: 3,
            edges: vec![(0, 0, 1.0), (0, 1, 1.0), (1, 1, 1.0), (1, 2, 1.0)],
        };
        let s = personalized_salsa(&b, &[0.8, 0.2], 0.5, 200);
        close(&s.hub, &[0.7, 0.3]);
        close(&s.authority, &[0.35, 0.5, 0.15]);
    }

    /// Weights count: A → X weighs 3, A → Y 1; B → Y 1. Restart 0.5, all to A.
    ///
    /// h = (x, 1 − x). Forward: a(X) = 3x/4, a(Y) = x/4 + (1 − x). Back: X (in-weight 3) all to A; Y (in-weight
    /// 2) half to each. h(A) = 0.5 + 0.5 · (3x/4 + (1 − 3x/4)/2) = 0.75 + 3x/16, so x = 12/13. Then
    /// a(X) = 9/13 and a(Y) = 4/13.
    #[test]
    fn edge_weights_steer_the_surfer() {
        let b = Bipartite {
            hubs: 2,
            authorities: 2,
            edges: vec![(0, 0, 3.0), (0, 1, 1.0), (1, 1, 1.0)],
        };
        let s = personalized_salsa(&b, &[1.0, 0.0], 0.5, 200);
        close(&s.hub, &[12.0 / 13.0, 1.0 / 13.0]);
        close(&s.authority, &[9.0 / 13.0, 4.0 / 13.0]);
    }

    /// A hub without edges keeps no mass: what reaches it goes back to the restart distribution, so none is
    /// lost. Hubs A (one edge, to X) and C (none), restart 0.3 split evenly. C only ever gets its restart share:
    /// h(C) = 0.5 · (0.3 + 0.7 · h(C)), so h(C) = 0.15 / 0.65; A gets the rest, and X all of A's.
    #[test]
    fn mass_that_cannot_move_restarts() {
        let b = Bipartite {
            hubs: 2,
            authorities: 1,
            edges: vec![(0, 0, 1.0)],
        };
        let s = personalized_salsa(&b, &[1.0, 1.0], 0.3, 500);
        let c = 0.15 / 0.65;
        close(&s.hub, &[1.0 - c, c]);
        close(&s.authority, &[1.0 - c]);
        assert!((s.hub.iter().sum::<f64>() - 1.0).abs() < CLOSE);
    }
}
