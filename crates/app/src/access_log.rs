//! The access log's writer: reads of personal data are queued without waiting and written in
//! groups, one multi-row insert per window, on a thread of its own — never a synchronous write
//! per read. A crash loses at most the reads of the last window and those still queued
//! (docs/adr/0003-audit-trail.md).

use huzhu_store::access_log::{self, Access};
use huzhu_store::Store;
use std::sync::mpsc::{self, Receiver, SyncSender, TryRecvError, TrySendError};
use std::time::Duration;

/// How the writer groups reads.
#[derive(Debug, Clone, Copy)]
pub struct AccessLogConfig {
    /// How long reads gather before one insert writes them (`HUZHU_ACCESS_LOG_WINDOW_MS`).
    pub window: Duration,
    /// How many reads may wait; beyond that a request waits for the writer (back-pressure),
    /// so a flood cannot grow memory without bound (`HUZHU_ACCESS_LOG_QUEUE`).
    pub queue: usize,
}

impl Default for AccessLogConfig {
    fn default() -> Self {
        Self {
            window: Duration::from_millis(100),
            queue: 100_000,
        }
    }
}

enum Message {
    Read(Box<Access>),
    /// Write what is queued now and say so (tests, shutdown).
    Flush(SyncSender<()>),
}

/// A handle to the writer; cheap to clone. The writer stops, after writing what is queued,
/// when the last handle is dropped.
#[derive(Clone)]
pub struct AccessLog {
    tx: SyncSender<Message>,
}

impl AccessLog {
    pub fn start(store: Store, config: AccessLogConfig) -> Self {
        let (tx, rx) = mpsc::sync_channel(config.queue.max(1));
        let spawned = std::thread::Builder::new()
            .name("access-log".into())
            .spawn(move || write_loop(&store, &rx, config.window));
        if let Err(e) = spawned {
            tracing::error!(error = %e, "could not start the access log's writer");
        }
        Self { tx }
    }

    /// Queues a read; waits while the queue is full (call off async workers, or use
    /// [`AccessLog::try_record`] first).
    pub fn record(&self, access: Access) {
        if self.tx.send(Message::Read(Box::new(access))).is_err() {
            tracing::error!("the access log's writer has stopped; a read went unrecorded");
        }
    }

    /// Queues a read without waiting; gives it back when the queue is full.
    pub fn try_record(&self, access: Access) -> Result<(), Box<Access>> {
        match self.tx.try_send(Message::Read(Box::new(access))) {
            Ok(()) => Ok(()),
            Err(TrySendError::Full(Message::Read(a))) => Err(a),
            Err(TrySendError::Full(Message::Flush(_))) => Ok(()),
            Err(TrySendError::Disconnected(_)) => {
                tracing::error!("the access log's writer has stopped; a read went unrecorded");
                Ok(())
            }
        }
    }

    /// Waits until everything queued before this call is written.
    pub fn flush(&self) {
        let (done, wait) = mpsc::sync_channel(1);
        if self.tx.send(Message::Flush(done)).is_ok() {
            let _ = wait.recv();
        }
    }
}

/// Sleeps a window, then takes everything queued and writes it at once. The writer never waits
/// on the queue itself, so a request that queues a read never has to wake it (a wake-up per
/// read costs more than the read).
fn write_loop(store: &Store, rx: &Receiver<Message>, window: Duration) {
    let mut rows: Vec<Access> = Vec::new();
    let mut waiting: Vec<SyncSender<()>> = Vec::new();
    loop {
        std::thread::sleep(window);
        let stopped = loop {
            match rx.try_recv() {
                Ok(m) => take(m, &mut rows, &mut waiting),
                Err(TryRecvError::Empty) => break false,
                Err(TryRecvError::Disconnected) => break true,
            }
        };
        write(store, &mut rows);
        for done in waiting.drain(..) {
            let _ = done.send(());
        }
        if stopped {
            return;
        }
    }
}

fn take(m: Message, rows: &mut Vec<Access>, waiting: &mut Vec<SyncSender<()>>) {
    match m {
        Message::Read(a) => rows.push(*a),
        Message::Flush(done) => waiting.push(done),
    }
}

fn write(store: &Store, rows: &mut Vec<Access>) {
    if rows.is_empty() {
        return;
    }
    for attempt in 1..=3 {
        match access_log::append_group(store, rows) {
            Ok(_) => {
                rows.clear();
                return;
            }
            Err(e) if attempt < 3 => {
                tracing::warn!(error = %e, attempt, "could not write the access log; retrying");
                std::thread::sleep(Duration::from_millis(50 * attempt));
            }
            Err(e) => {
                tracing::error!(error = %e, lost = rows.len(), "could not write the access log; reads went unrecorded");
                rows.clear();
            }
        }
    }
}

impl crate::App {
    /// Waits until every read queued so far is written.
    pub fn flush_access_log(&self) {
        self.access.flush();
    }

    /// Records a read of personal data made through `r`: as [`App::accessed`], but on a
    /// thread that must not wait a read that finds the queue full is handed back through the
    /// reader instead of waiting.
    pub(crate) fn accessed_from(
        &self,
        r: &mut crate::coverage::Reader<'_>,
        actor: &crate::Actor,
        action: &str,
        member_id: Option<i64>,
        detail: String,
    ) {
        let access = self.access_of(actor, action, member_id, detail);
        match (self.access.try_record(access), &mut r.unqueued) {
            (Ok(()), _) => {}
            (Err(full), Some(later)) => later.push(*full),
            (Err(full), None) => self.access.record(*full),
        }
    }

    fn access_of(
        &self,
        actor: &crate::Actor,
        action: &str,
        member_id: Option<i64>,
        detail: String,
    ) -> Access {
        Access {
            at: self.now(),
            actor: actor.label(),
            action: action.to_string(),
            member_id,
            detail,
            request_id: actor.request_id.clone(),
        }
    }

    /// Records that `actor` read personal data (`member_id`'s, when one was found). Queued
    /// without waiting; only when the queue is full does the call wait for the writer, which is
    /// the back-pressure that bounds memory under a flood.
    pub(crate) fn accessed(
        &self,
        actor: &crate::Actor,
        action: &str,
        member_id: Option<i64>,
        detail: String,
    ) {
        let access = self.access_of(actor, action, member_id, detail);
        if let Err(full) = self.access.try_record(access) {
            self.access.record(*full);
        }
    }
}
