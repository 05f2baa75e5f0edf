//! The audit trail (审计日志) as a hash chain: each entry carries the hash of the one before, so
//! changing or removing any entry breaks every hash after it, and verification names the first
//! entry that no longer fits.

use sha2::{Digest, Sha256};

/// The hash the first entry links to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an entry records; its hash covers all of it and the previous hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record<'a> {
    /// Position in the trail, from 1 without gaps.
    pub seq: i64,
    /// When, as RFC 3339 text (the stored form, so verification needs no clock).
    pub at: &'a str,
    /// Who: an account id, or empty for the system itself.
    pub actor: &'a str,
    /// What was done, e.g. `claim.approve`.
    pub action: &'a str,
    /// To what, e.g. `claim:42`.
    pub subject: &'a str,
    /// The details, as canonical JSON.
    pub details: &'a str,
}

/// The hash of `record` following the entry whose hash is `prev`. Fields are length-prefixed,
/// so no two different records can read as the same text.
pub fn hash(prev: &str, r: &Record<'_>) -> String {
    let mut h = Sha256::new();
    let seq = r.seq.to_string();
    for part in [prev, &seq, r.at, r.actor, r.action, r.subject, r.details] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// A stored entry: its record, and the hashes it was written with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored<'a> {
    pub record: Record<'a>,
    pub prev_hash: &'a str,
    pub hash: &'a str,
}

/// Where the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Break {
    #[error("entry {expected} is missing (the next one is {found})")]
    Missing { expected: i64, found: i64 },
    #[error("entry {0} does not link to the entry before it")]
    Unlinked(i64),
    #[error("entry {0} was changed after it was written")]
    Changed(i64),
}

impl Break {
    /// The first entry that no longer fits.
    pub fn seq(&self) -> i64 {
        match self {
            Self::Missing { expected, .. } => *expected,
            Self::Unlinked(s) | Self::Changed(s) => *s,
        }
    }
}

/// Checks a trail entry by entry, in order from the first, so that a long trail can be read in
/// pages.
#[derive(Debug, Clone)]
pub struct Chain {
    prev: String,
    checked: u64,
}

impl Default for Chain {
    fn default() -> Self {
        Self::new()
    }
}

impl Chain {
    pub fn new() -> Self {
        Self {
            prev: GENESIS.to_string(),
            checked: 0,
        }
    }

    /// Entries found in order so far.
    pub fn checked(&self) -> u64 {
        self.checked
    }

    /// Checks the next entry: its number, its link to the one before, and its own hash.
    pub fn check(&mut self, e: &Stored<'_>) -> Result<(), Break> {
        let expected = self.checked as i64 + 1;
        if e.record.seq != expected {
            return Err(Break::Missing {
                expected,
                found: e.record.seq,
            });
        }
        if e.prev_hash != self.prev {
            return Err(Break::Unlinked(e.record.seq));
        }
        let computed = hash(&self.prev, &e.record);
        if computed != e.hash {
            return Err(Break::Changed(e.record.seq));
        }
        self.prev = computed;
        self.checked += 1;
        Ok(())
    }

    /// After the last entry: the head anchor names the last entry written, so entries cut from
    /// the end, or a last entry swapped for another, are found too.
    pub fn finish(self, head_seq: i64, head_hash: &str) -> Result<u64, Break> {
        let last = self.checked as i64;
        if last < head_seq {
            return Err(Break::Missing {
                expected: last + 1,
                found: head_seq,
            });
        }
        if last > head_seq || self.prev != head_hash {
            return Err(Break::Changed(last));
        }
        Ok(self.checked)
    }
}

/// Checks the trail from its first entry, in order; the first break found is returned.
pub fn verify<'a>(entries: impl IntoIterator<Item = Stored<'a>>) -> Result<u64, Break> {
    let mut chain = Chain::new();
    for e in entries {
        chain.check(&e)?;
    }
    Ok(chain.checked())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    struct Owned {
        seq: i64,
        at: String,
        actor: String,
        action: String,
        subject: String,
        details: String,
        prev: String,
        hash: String,
    }

    impl Owned {
        fn stored(&self) -> Stored<'_> {
            Stored {
                record: Record {
                    seq: self.seq,
                    at: &self.at,
                    actor: &self.actor,
                    action: &self.action,
                    subject: &self.subject,
                    details: &self.details,
                },
                prev_hash: &self.prev,
                hash: &self.hash,
            }
        }
    }

    fn chain(n: usize) -> Vec<Owned> {
        let mut prev = GENESIS.to_string();
        (1..=n as i64)
            .map(|seq| {
                let mut e = Owned {
                    seq,
                    at: format!("2026-11-29T10:{:02}:00Z", seq % 60),
                    actor: (seq % 7).to_string(),
                    action: "claim.approve".into(),
                    subject: format!("claim:{seq}"),
                    details: format!("{{\"amount\":\"{seq}.00\"}}"),
                    prev: prev.clone(),
                    hash: String::new(),
                };
                e.hash = hash(&prev, &e.stored().record);
                prev = e.hash.clone();
                e
            })
            .collect()
    }

    #[test]
    fn an_intact_trail_verifies() {
        let c = chain(5);
        assert_eq!(verify(c.iter().map(Owned::stored)), Ok(5));
        assert_eq!(verify(Vec::new()), Ok(0));
    }

    #[test]
    fn fields_cannot_be_shifted_between_each_other() {
        let a = Record {
            seq: 1,
            at: "t",
            actor: "1",
            action: "ab",
            subject: "c",
            details: "",
        };
        let b = Record {
            seq: 1,
            at: "t",
            actor: "1",
            action: "a",
            subject: "bc",
            details: "",
        };
        assert_ne!(hash(GENESIS, &a), hash(GENESIS, &b));
    }

    #[test]
    fn the_head_anchor_finds_entries_cut_from_the_end() {
        let c = chain(5);
        let head = c[4].hash.clone();
        let mut whole = Chain::new();
        for e in &c {
            whole.check(&e.stored()).unwrap();
        }
        assert_eq!(whole.finish(5, &head), Ok(5));
        let mut cut = Chain::new();
        for e in &c[..3] {
            cut.check(&e.stored()).unwrap();
        }
        assert_eq!(
            cut.finish(5, &head),
            Err(Break::Missing {
                expected: 4,
                found: 5
            })
        );
        let mut all = Chain::new();
        for e in &c {
            all.check(&e.stored()).unwrap();
        }
        assert_eq!(all.finish(5, GENESIS), Err(Break::Changed(5)));
    }

    proptest! {
        #[test]
        fn changing_any_entry_is_found_at_that_entry(n in 1usize..30, pick in 0usize..30, field in 0usize..5) {
            let mut c = chain(n);
            let i = pick % n;
            match field {
                0 => c[i].details.push(' '),
                1 => c[i].actor.push('9'),
                2 => c[i].action = "claim.reject".into(),
                3 => c[i].subject.push('0'),
                _ => c[i].at.push('Z'),
            }
            prop_assert_eq!(verify(c.iter().map(Owned::stored)).map_err(|b| b.seq()), Err(i as i64 + 1));
        }

        #[test]
        fn removing_any_entry_is_found_where_it_was(n in 2usize..30, pick in 0usize..30) {
            let mut c = chain(n);
            let i = pick % n;
            c.remove(i);
            let found = verify(c.iter().map(Owned::stored));
            if i == n - 1 {
                // Removing the last entry leaves a shorter, intact trail: the count shows it.
                prop_assert_eq!(found, Ok(n as u64 - 1));
            } else {
                prop_assert_eq!(found.map_err(|b| b.seq()), Err(i as i64 + 1));
            }
        }

        #[test]
        fn rewriting_an_entry_with_a_fresh_hash_breaks_the_next_link(n in 2usize..30, pick in 0usize..29) {
            let mut c = chain(n);
            let i = pick % (n - 1);
            c[i].details = r#"{"amount":"0.00"}"#.into();
            let rehashed = hash(&c[i].prev.clone(), &c[i].stored().record);
            c[i].hash = rehashed;
            prop_assert_eq!(verify(c.iter().map(Owned::stored)), Err(Break::Unlinked(i as i64 + 2)));
        }
    }
}
