//! The audit trail (审计日志) as a keyed hash chain: each entry carries an HMAC-SHA-256 over its
//! fields and the hash of the one before, under a key kept outside the database. Changing or
//! removing any entry breaks every hash after it, and without the key nobody can compute the
//! hashes again, so re-hashing the chain behind the application is found too. A signed
//! [`Checkpoint`] of the head, kept by the supervisory board outside the system, finds entries
//! cut from the end (docs/adr/0003-audit-trail.md).

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The key the chain and its checkpoints are computed under (at least 32 bytes).
#[derive(Clone)]
pub struct AuditKey(Vec<u8>);

impl AuditKey {
    pub const MIN_BYTES: usize = 32;

    /// `None` for a key shorter than [`Self::MIN_BYTES`].
    pub fn new(bytes: Vec<u8>) -> Option<Self> {
        (bytes.len() >= Self::MIN_BYTES).then_some(Self(bytes))
    }

    fn mac(&self) -> HmacSha256 {
        // HMAC takes keys of any length.
        match HmacSha256::new_from_slice(&self.0) {
            Ok(m) => m,
            Err(_) => unreachable!("HMAC accepts every key length"),
        }
    }
}

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditKey(***)")
    }
}

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

/// The keyed hash of `record` following the entry whose hash is `prev`. Fields are
/// length-prefixed, so no two different records can read as the same text.
pub fn hash(key: &AuditKey, prev: &str, r: &Record<'_>) -> String {
    let mut h = key.mac();
    let seq = r.seq.to_string();
    for part in [prev, &seq, r.at, r.actor, r.action, r.subject, r.details] {
        h.update(&(part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize().into_bytes())
}

/// A signed statement of the trail's head at a moment: how many entries it held and the hash of
/// the last. Kept outside the system, it proves later that those entries still stand as they
/// were: none changed, none cut from the end.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Checkpoint {
    /// The number of the last entry (the count of entries).
    pub seq: i64,
    /// That entry's hash.
    pub hash: String,
    /// When the checkpoint was taken, RFC 3339.
    pub at: String,
    /// HMAC-SHA-256 of the three fields above, hex.
    pub signature: String,
}

/// Separates checkpoint signatures from entry hashes made under the same key.
const CHECKPOINT_TAG: &str = "huzhu audit checkpoint v1";

fn checkpoint_signature(key: &AuditKey, seq: i64, hash: &str, at: &str) -> String {
    let mut h = key.mac();
    let seq = seq.to_string();
    for part in [CHECKPOINT_TAG, &seq, hash, at] {
        h.update(&(part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize().into_bytes())
}

impl Checkpoint {
    pub fn sign(key: &AuditKey, seq: i64, hash: &str, at: &str) -> Self {
        Self {
            seq,
            hash: hash.to_string(),
            at: at.to_string(),
            signature: checkpoint_signature(key, seq, hash, at),
        }
    }

    /// Whether the checkpoint was signed under `key` and not altered since.
    pub fn is_genuine(&self, key: &AuditKey) -> bool {
        let expected = checkpoint_signature(key, self.seq, &self.hash, &self.at);
        // Constant-time comparison through the MAC itself.
        let mut h = key.mac();
        h.update(expected.as_bytes());
        let mut g = key.mac();
        g.update(self.signature.as_bytes());
        h.finalize() == g.finalize()
    }
}

/// How the trail stands against a checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointBreak {
    #[error("the checkpoint's signature does not match: it was altered or made under another key")]
    NotGenuine,
    #[error("the trail ends at entry {head} but the checkpoint vouches for {seq} entries: entries were cut from the end")]
    Cut { seq: i64, head: i64 },
    #[error("entry {0} is not the entry the checkpoint vouches for: the trail was rewritten")]
    Rewritten(i64),
}

/// Compares a checkpoint with the trail: `head` is the last entry's number and `hash_at_seq`
/// the stored hash of entry `cp.seq` (when it exists). Run after the chain itself verified.
pub fn against_checkpoint(
    key: &AuditKey,
    cp: &Checkpoint,
    head: i64,
    hash_at_seq: Option<&str>,
) -> Result<(), CheckpointBreak> {
    if !cp.is_genuine(key) {
        return Err(CheckpointBreak::NotGenuine);
    }
    if cp.seq == 0 {
        return Ok(());
    }
    if head < cp.seq {
        return Err(CheckpointBreak::Cut { seq: cp.seq, head });
    }
    match hash_at_seq {
        Some(h) if h == cp.hash => Ok(()),
        Some(_) => Err(CheckpointBreak::Rewritten(cp.seq)),
        None => Err(CheckpointBreak::Cut { seq: cp.seq, head }),
    }
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
    key: AuditKey,
    prev: String,
    checked: u64,
}

impl Chain {
    pub fn new(key: &AuditKey) -> Self {
        Self {
            key: key.clone(),
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
        let computed = hash(&self.key, &self.prev, &e.record);
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
pub fn verify<'a>(
    key: &AuditKey,
    entries: impl IntoIterator<Item = Stored<'a>>,
) -> Result<u64, Break> {
    let mut chain = Chain::new(key);
    for e in entries {
        chain.check(&e)?;
    }
    Ok(chain.checked())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key() -> AuditKey {
        AuditKey::new(b"audit-key-for-tests-audit-key-for-tests".to_vec()).unwrap()
    }

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
                e.hash = hash(&key(), &prev, &e.stored().record);
                prev = e.hash.clone();
                e
            })
            .collect()
    }

    #[test]
    fn an_intact_trail_verifies() {
        let c = chain(5);
        assert_eq!(verify(&key(), c.iter().map(Owned::stored)), Ok(5));
        assert_eq!(verify(&key(), Vec::new()), Ok(0));
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
        assert_ne!(hash(&key(), GENESIS, &a), hash(&key(), GENESIS, &b));
    }

    #[test]
    fn the_head_anchor_finds_entries_cut_from_the_end() {
        let c = chain(5);
        let head = c[4].hash.clone();
        let mut whole = Chain::new(&key());
        for e in &c {
            whole.check(&e.stored()).unwrap();
        }
        assert_eq!(whole.finish(5, &head), Ok(5));
        let mut cut = Chain::new(&key());
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
        let mut all = Chain::new(&key());
        for e in &c {
            all.check(&e.stored()).unwrap();
        }
        assert_eq!(all.finish(5, GENESIS), Err(Break::Changed(5)));
    }

    #[test]
    fn a_chain_rehashed_without_the_key_does_not_verify() {
        // Whoever holds the database but not the key can only guess: a chain computed under
        // any other key (here plain guesses of the key) breaks at its first entry.
        let mut c = chain(4);
        let other = AuditKey::new(b"some-other-key-some-other-key-some-other".to_vec()).unwrap();
        c[1].details = r#"{"amount":"9999.00"}"#.into();
        let mut prev = GENESIS.to_string();
        for e in c.iter_mut() {
            e.prev = prev.clone();
            e.hash = hash(&other, &prev, &e.stored().record);
            prev = e.hash.clone();
        }
        assert_eq!(
            verify(&key(), c.iter().map(Owned::stored)),
            Err(Break::Changed(1))
        );
    }

    #[test]
    fn the_key_changes_every_hash() {
        let c = chain(1);
        let other = AuditKey::new(vec![7u8; 32]).unwrap();
        assert_ne!(hash(&other, GENESIS, &c[0].stored().record), c[0].hash);
        assert!(AuditKey::new(vec![1u8; 31]).is_none());
    }

    #[test]
    fn a_checkpoint_finds_a_cut_tail_and_a_rewritten_entry() {
        let c = chain(6);
        let cp = Checkpoint::sign(&key(), 6, &c[5].hash, "2026-11-29T12:00:00Z");
        assert_eq!(against_checkpoint(&key(), &cp, 6, Some(&c[5].hash)), Ok(()));
        // Later entries do not matter.
        assert_eq!(against_checkpoint(&key(), &cp, 9, Some(&c[5].hash)), Ok(()));
        // The last five cut and the head moved back to entry 1.
        assert_eq!(
            against_checkpoint(&key(), &cp, 1, None),
            Err(CheckpointBreak::Cut { seq: 6, head: 1 })
        );
        assert_eq!(
            against_checkpoint(&key(), &cp, 6, Some(&c[4].hash)),
            Err(CheckpointBreak::Rewritten(6))
        );
        let mut forged = cp.clone();
        forged.seq = 1;
        forged.hash = c[0].hash.clone();
        assert_eq!(
            against_checkpoint(&key(), &forged, 1, Some(&c[0].hash)),
            Err(CheckpointBreak::NotGenuine)
        );
        let other = AuditKey::new(vec![9u8; 40]).unwrap();
        assert!(!cp.is_genuine(&other));
        let empty = Checkpoint::sign(&key(), 0, GENESIS, "2026-11-29T12:00:00Z");
        assert_eq!(against_checkpoint(&key(), &empty, 0, None), Ok(()));
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
            prop_assert_eq!(verify(&key(), c.iter().map(Owned::stored)).map_err(|b| b.seq()), Err(i as i64 + 1));
        }

        #[test]
        fn removing_any_entry_is_found_where_it_was(n in 2usize..30, pick in 0usize..30) {
            let mut c = chain(n);
            let i = pick % n;
            c.remove(i);
            let found = verify(&key(), c.iter().map(Owned::stored));
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
            let rehashed = hash(&key(), &c[i].prev.clone(), &c[i].stored().record);
            c[i].hash = rehashed;
            prop_assert_eq!(verify(&key(), c.iter().map(Owned::stored)), Err(Break::Unlinked(i as i64 + 2)));
        }
    }
}
