//! A bounded memory for values that never change once read (a username, a post's mentions and tags), in two
//! generations: what is read goes into the current one, and when the current one's weight reaches the budget
//! it becomes the previous one and the one before it is dropped. A value found in the previous generation moves
//! back into the current one, so what keeps being asked for stays. At most twice the budget (and one more
//! entry) is held.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard};

pub struct Kept<K, V> {
    generations: Mutex<Generations<K, V>>,
}

struct Generations<K, V> {
    current: HashMap<K, (V, usize)>,
    previous: HashMap<K, (V, usize)>,
    weight: usize,
    budget: usize,
}

impl<K: Hash + Eq + Copy, V: Clone> Generations<K, V> {
    fn get(&mut self, key: K) -> Option<V> {
        if let Some((value, _)) = self.current.get(&key) {
            return Some(value.clone());
        }
        let (value, weight) = self.previous.remove(&key)?;
        self.insert(key, value.clone(), weight);
        Some(value)
    }

    fn insert(&mut self, key: K, value: V, weight: usize) {
        if self.weight >= self.budget {
            self.previous = std::mem::take(&mut self.current);
            self.weight = 0;
        }
        self.weight += weight;
        if let Some((_, replaced)) = self.current.insert(key, (value, weight)) {
            self.weight -= replaced;
        }
    }
}

impl<K: Hash + Eq + Copy, V: Clone> Kept<K, V> {
    /// A memory whose current generation turns over once it holds `budget` units of weight.
    pub fn new(budget: usize) -> Self {
        Kept {
            generations: Mutex::new(Generations {
                current: HashMap::new(),
                previous: HashMap::new(),
                weight: 0,
                budget,
            }),
        }
    }

    fn generations(&self) -> MutexGuard<'_, Generations<K, V>> {
        // Values that never change: after a panic elsewhere, what is held is still right.
        self.generations
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The values of `keys`: those held, and those `read` finds for the rest (read outside the lock, and kept
    /// with the weight `weight` gives them). A key `read` does not return has no value; `read` returns only
    /// keys it was given.
    pub fn get_or_read<E>(
        &self,
        keys: impl IntoIterator<Item = K>,
        read: impl FnOnce(&[K]) -> Result<Vec<(K, V)>, E>,
        weight: impl Fn(&V) -> usize,
    ) -> Result<HashMap<K, V>, E> {
        let keys: Vec<K> = keys.into_iter().collect();
        let mut found = HashMap::new();
        let mut missing = Vec::new();
        {
            let mut generations = self.generations();
            for key in keys {
                match generations.get(key) {
                    Some(value) => {
                        found.insert(key, value);
                    }
                    None => missing.push(key),
                }
            }
        }
        if missing.is_empty() {
            return Ok(found);
        }
        let read = read(&missing)?;
        let mut generations = self.generations();
        for (key, value) in read {
            generations.insert(key, value.clone(), weight(&value).max(1));
            found.insert(key, value);
        }
        Ok(found)
    }

    #[cfg(test)]
    fn held(&self) -> (usize, usize) {
        let g = self.generations();
        (g.current.len(), g.previous.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::convert::Infallible;

    fn squares(keys: &[u32]) -> Result<Vec<(u32, u32)>, Infallible> {
        Ok(keys.iter().map(|k| (*k, k * k)).collect())
    }

    #[test]
    fn reads_only_what_it_does_not_hold() {
        let kept: Kept<u32, u32> = Kept::new(100);
        let first = kept.get_or_read([2, 3], squares, |_| 1).unwrap();
        assert_eq!(first, HashMap::from([(2, 4), (3, 9)]));
        let mut asked = Vec::new();
        let again = kept
            .get_or_read(
                [3, 4],
                |keys| {
                    asked.extend_from_slice(keys);
                    squares(keys)
                },
                |_| 1,
            )
            .unwrap();
        assert_eq!(again, HashMap::from([(3, 9), (4, 16)]));
        assert_eq!(asked, [4], "3 was held");
        // A key the reader does not return has no value, and is asked for again next time.
        let none = kept.get_or_read([5], |_| Ok::<_, Infallible>(Vec::new()), |_| 1);
        assert!(none.unwrap().is_empty());
        let mut asked = Vec::new();
        kept.get_or_read(
            [5],
            |keys| {
                asked.extend_from_slice(keys);
                squares(keys)
            },
            |_| 1,
        )
        .unwrap();
        assert_eq!(asked, [5]);
    }

    #[test]
    fn a_value_read_again_replaces_its_weight() {
        let kept: Kept<u32, u32> = Kept::new(10);
        kept.get_or_read([1], squares, |_| 4).unwrap();
        // Two requests missing the same key both read it; the second replaces the first, weight and all.
        kept.generations().insert(1, 1, 6);
        assert_eq!(kept.generations().weight, 6);
        assert_eq!(kept.held(), (1, 0));
    }

    #[test]
    fn two_generations_bound_what_is_held_and_keep_what_is_asked_for_again() {
        let kept: Kept<u32, u32> = Kept::new(10);
        kept.get_or_read(0..10, squares, |_| 1).unwrap();
        // The current generation is full: the next read starts a new one and the first ten become the previous.
        kept.get_or_read([10], squares, |_| 1).unwrap();
        assert_eq!(kept.held(), (1, 10));
        // Asking for 0 moves it back into the current generation.
        let mut asked = Vec::new();
        kept.get_or_read(
            [0],
            |keys| {
                asked.extend_from_slice(keys);
                squares(keys)
            },
            |_| 1,
        )
        .unwrap();
        assert!(asked.is_empty());
        assert_eq!(kept.held(), (2, 9));
        // Heavy values turn the generation over sooner; the previous one (without 0) is dropped.
        kept.get_or_read([20], squares, |_| 8).unwrap();
        kept.get_or_read([21], squares, |_| 1).unwrap();
        assert_eq!(kept.held(), (1, 3));
        let mut asked = Vec::new();
        kept.get_or_read(
            [0, 5],
            |keys| {
                asked.extend_from_slice(keys);
                squares(keys)
            },
            |_| 1,
        )
        .unwrap();
        assert_eq!(
            asked,
            [5],
            "0 stayed, 5 was dropped with the oldest generation"
        );
    }
}
