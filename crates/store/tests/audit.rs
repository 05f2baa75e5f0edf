//! The audit trail in the database: the application cannot rewrite or remove entries (the
//! database refuses), and when someone with the power to lift that guard does, verification
//! names the first entry that no longer fits. On both backends.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Utc};
use diesel::connection::SimpleConnection;
use huzhu_domain::audit::Break;
use huzhu_store::audit::{self, NewEntry};
use huzhu_store::testing::each_backend;
use huzhu_store::{DbConn, Store};

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

fn write_trail(store: &Store, n: usize) {
    for i in 1..=n {
        store
            .write(|c| {
                audit::append(
                    c,
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
    store.read(audit::verify).unwrap()
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
