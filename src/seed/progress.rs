//! Progress of a long write on standard error: a line at every tenth of a table, and one when it is done.

use std::time::Instant;

const SMALL: usize = 200_000;

pub struct Progress {
    label: &'static str,
    total: usize,
    done: usize,
    next_tenth: usize,
    started: Instant,
}

impl Progress {
    pub fn new(label: &'static str, total: usize) -> Self {
        Progress {
            label,
            total,
            done: 0,
            next_tenth: 1,
            started: Instant::now(),
        }
    }

    pub fn advance(&mut self, rows: usize) {
        self.done += rows;
        // Small tables only get their closing line.
        if self.total < SMALL {
            return;
        }
        let tenth = (self.done * 10 / self.total).min(9);
        if tenth >= self.next_tenth {
            eprintln!(
                "seed: {:<18} {:>3} % ({} of {} rows, {:.1} s)",
                self.label,
                tenth * 10,
                self.done,
                self.total,
                self.started.elapsed().as_secs_f64()
            );
            self.next_tenth = tenth + 1;
        }
    }

    pub fn finish(&self) {
        let secs = self.started.elapsed().as_secs_f64();
        eprintln!(
            "seed: {:<18} done: {} rows in {:.1} s ({:.0} rows/s)",
            self.label,
            self.done,
            secs,
            self.done as f64 / secs.max(1e-9)
        );
    }
}
