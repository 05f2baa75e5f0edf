//! The audit trail in the database: the application cannot rewrite or remove entries (the
//! database refuses), and when someone with the power to lift that guard does, verification
//! names the first entry that no longer fits. On both backends.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Utc};
use diesel::connection::SimpleConnection;
use huzhu_domain::audit::{self as chain, AuditKey, Break, CheckpointBreak, Record};
use huzhu_store::audit::{self, NewEntry};
use huzhu_store::testing::each_backend;
use huzhu_store::{DbConn, Store};

fn key() -> AuditKey {
    AuditKey::new(b"store-audit-test-key-store-audit-test".to_vec()).unwrap()
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

fn write_trail(store: &Store, n: usize) {
    for i in 1..=n {
        store
            .write(|c| {
                audit::append(
                    c,
                    &key(),
                    &NewEntry {
                        at: &now().to_rfc3339(),
                        actor: "staff:1",
                        action: "POST /claims/{id}/approve",
                        subject: &format!("/claims/{i}/approve"),
                        details: r#"{"status":200}"#,
                    },
                )
            })
            .unwrap();
    }
}

fn verify(store: &Store) -> audit::Verification {
    store.read(|c| audit::verify(c, &key())).unwrap()
}

/// What an intruder with the database owner's rights runs: the guard lifted, then SQL.
fn as_owner(store: &Store, sql: &str) {
    let mut conn = store.conn().unwrap();
    match &mut *conn {
        DbConn::Sqlite(c) => c
            .batch_execute(&format!(
                "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; \
                 DROP TRIGGER IF EXISTS audit_head_forward; {sql}"
            ))
            .unwrap(),
        DbConn::Pg(c) => c
            .batch_execute(&format!(
                "ALTER TABLE audit_log DISABLE TRIGGER USER; ALTER TABLE audit_head DISABLE TRIGGER USER; {sql}; \
                 ALTER TABLE audit_log ENABLE TRIGGER USER; ALTER TABLE audit_head ENABLE TRIGGER USER;"
            ))
            .unwrap(),
    }
}

fn refused(store: &Store, sql: &str) {
    let mut conn = store.conn().unwrap();
    let err = conn.batch_execute(sql).expect_err(sql);
    assert!(
        err.to_string().contains("audit"),
        "{sql}: refused for the wrong reason: {err}"
    );
}

#[test]
fn the_database_refuses_to_rewrite_or_remove_entries() {
    each_backend(|store| {
        write_trail(store, 3);
        refused(store, "UPDATE audit_log SET details = '{}' WHERE seq = 2");
        refused(store, "DELETE FROM audit_log WHERE seq = 3");
        refused(
            store,
            "UPDATE audit_head SET seq = 2, hash = 'x' WHERE id = 1",
        );
        refused(store, "DELETE FROM audit_head");
        let v = verify(store);
        assert_eq!((v.checked, v.head_seq, v.broken), (3, 3, None));
    });
}

#[test]
fn a_changed_entry_is_named() {
    each_backend(|store| {
        write_trail(store, 5);
        as_owner(
            store,
            "UPDATE audit_log SET details = '{\"status\":200,\"amount\":\"0\"}' WHERE seq = 3",
        );
        let v = verify(store);
        assert_eq!(v.broken, Some(Break::Changed(3)));
        assert_eq!(v.checked, 2);
    });
}

#[test]
fn a_deleted_entry_is_named_in_the_middle_and_at_the_end() {
    each_backend(|store| {
        write_trail(store, 5);
        as_owner(store, "DELETE FROM audit_log WHERE seq = 2");
        assert_eq!(
            verify(store).broken,
            Some(Break::Missing {
                expected: 2,
                found: 3
            })
        );
    });
    each_backend(|store| {
        write_trail(store, 5);
        as_owner(store, "DELETE FROM audit_log WHERE seq >= 4");
        assert_eq!(
            verify(store).broken,
            Some(Break::Missing {
                expected: 4,
                found: 5
            }),
            "the head still names entry 5"
        );
    });
}

#[test]
fn appends_from_many_threads_keep_one_chain() {
    each_backend(|store| {
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| write_trail(store, 10));
            }
        });
        let v = verify(store);
        assert_eq!((v.checked, v.head_seq, v.broken), (80, 80, None));
    });
}

/// What someone holding the database but not the key does after changing entry `from`: every
/// hash from there on computed again with the best they have (a key of their own), and the
/// head moved to the new last hash.
fn rehash_from(store: &Store, from: i64, their_key: &AuditKey) {
    let entries = {
        let mut e = store.read(|c| audit::page(c, None, 1_000)).unwrap();
        e.reverse();
        e
    };
    let mut prev = entries[(from - 2).max(0) as usize].hash.clone();
    if from == 1 {
        prev = chain::GENESIS.to_string();
    }
    let mut sql = String::new();
    for e in entries.iter().filter(|e| e.seq >= from) {
        let hash = chain::hash(
            their_key,
            &prev,
            &Record {
                seq: e.seq,
                at: &e.at,
                actor: &e.actor,
                action: &e.action,
                subject: &e.subject,
                details: &e.details,
            },
        );
        sql.push_str(&format!(
            "UPDATE audit_log SET prev_hash = '{prev}', hash = '{hash}' WHERE seq = {};",
            e.seq
        ));
        prev = hash;
    }
    sql.push_str(&format!(
        "UPDATE audit_head SET hash = '{prev}' WHERE id = 1"
    ));
    as_owner(store, &sql);
}

#[test]
fn a_rewritten_entry_with_the_chain_rehashed_without_the_key_is_found() {
    each_backend(|store| {
        write_trail(store, 6);
        // Who approved claim 3 is changed, then the chain is made to fit again.
        as_owner(
            store,
            "UPDATE audit_log SET actor = 'staff:99' WHERE seq = 3",
        );
        let theirs = AuditKey::new(b"a-key-of-the-intruders-own-choosing!!".to_vec()).unwrap();
        rehash_from(store, 3, &theirs);
        let v = verify(store);
        assert_eq!(v.broken, Some(Break::Changed(3)), "{v:?}");
        assert_eq!(v.checked, 2);
    });
}

#[test]
fn a_cut_tail_with_the_head_moved_back_is_found_against_a_checkpoint() {
    each_backend(|store| {
        write_trail(store, 8);
        let cp = store.read(|c| audit::checkpoint(c, &key(), now())).unwrap();
        assert_eq!(cp.seq, 8);
        let (v, against) = store
            .read(|c| audit::verify_with_checkpoint(c, &key(), &cp))
            .unwrap();
        assert_eq!((v.broken, against), (None, Ok(())));

        // The last five entries cut and the head moved to the third: the chain alone holds.
        let third = store
            .read(|c| audit::page(c, Some(4), 1))
            .unwrap()
            .remove(0);
        assert_eq!(third.seq, 3);
        as_owner(
            store,
            &format!(
                "DELETE FROM audit_log WHERE seq > 3; UPDATE audit_head SET seq = 3, hash = '{}' WHERE id = 1",
                third.hash
            ),
        );
        assert_eq!(
            verify(store).broken,
            None,
            "a cut tail fits the chain by itself"
        );
        let (_, against) = store
            .read(|c| audit::verify_with_checkpoint(c, &key(), &cp))
            .unwrap();
        assert_eq!(against, Err(CheckpointBreak::Cut { seq: 8, head: 3 }));

        // A checkpoint altered to vouch for less is not genuine.
        let mut forged = cp.clone();
        forged.seq = 3;
        forged.hash = third.hash.clone();
        let (_, against) = store
            .read(|c| audit::verify_with_checkpoint(c, &key(), &forged))
            .unwrap();
        assert_eq!(against, Err(CheckpointBreak::NotGenuine));
    });
}
