//! Finance use cases shared by the API and the command line.

use crate::actor::{Actor, ActorId};
use crate::error::{AppError, AppResult};
use crate::unit::{Done, Event};
use crate::App;
use chrono::NaiveDate;
use huzhu_domain::plan::china_date;
use huzhu_domain::ErrorCode;
use huzhu_store::ledger;

impl App {
    /// The month-end job: earns each fund's contributions pro rata through `through` (a day
    /// that has come, China time). Running it again for the same day books nothing more.
    /// Returns each fund booked with its entry.
    pub fn earn_contributions(
        &self,
        actor: &Actor,
        through: NaiveDate,
    ) -> AppResult<Vec<(String, i64)>> {
        actor.reach.province()?;
        let now = self.now();
        if through > china_date(now) {
            return Err(AppError::conflict(
                ErrorCode::FinanceFuture,
                "contributions are earned up to today at the latest",
            ));
        }
        let by = match actor.id {
            ActorId::Staff(id) => Some(id),
            _ => None,
        };
        self.change(actor, |c| {
            let posted = ledger::earn_through(c, through, by, now)?;
            let event = Event::new("finance.earn", format!("through:{through}"))
                .fact("through", through)
                .fact("funds", posted.iter().map(|(f, _)| f).collect::<Vec<_>>())
                .fact(
                    "entries",
                    posted.iter().map(|(_, id)| *id).collect::<Vec<_>>(),
                );
            Ok::<_, AppError>(Done::new(posted, event))
        })
    }
}
