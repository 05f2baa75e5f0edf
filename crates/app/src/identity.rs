//! Identity: finding the account a login names, the lockout after repeated failures
//! (docs/domain.md §8.8), sessions and their refresh tokens (rotated, a reuse ends the session),
//! and integrators' client credentials. Passwords are verified and tokens signed by the
//! caller (the HTTP layer), which holds the hashing slots and the signing key.

use crate::actor::Actor;
use crate::error::{AppError, AppResult};
use crate::protect::{constant_time_eq, id_number_hash};
use crate::records::{Account, ApiClient};
use crate::unit::{Done, Event};
use crate::App;
use chrono::{DateTime, Utc};
use huzhu_domain::{Attempt, ErrorCode, IdNumber, Scope};
use huzhu_store::accounts::{self, AccountKind};
use huzhu_store::{api_clients, members, sessions};

pub use huzhu_store::accounts::AccountKind as Kind;

/// The name a login gives: a staff username or a member's ID number.
#[derive(Debug, Clone)]
pub enum LoginName {
    Staff(String),
    Member(String),
}

/// What a refresh came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refreshed {
    /// The token was spent and a new one stored in the same session.
    Rotated { account_id: i64, family: i64 },
    /// The token had been spent before: the session is ended for safety.
    Reused,
    /// Unknown, expired, or of an ended session or a disabled account.
    Rejected,
}

impl App {
    /// The account a login names, if it exists and is active (a locked account is still
    /// found: [`Self::reserve_login`] refuses its attempts). A malformed ID number is just an
    /// unknown user.
    pub fn login_account(&self, name: &LoginName) -> AppResult<Option<Account>> {
        let found = self.store.read(|c| {
            Ok::<_, AppError>(match name {
                LoginName::Staff(u) => {
                    accounts::find_staff_by_username(c, u)?.filter(|a| a.kind == AccountKind::Staff)
                }
                LoginName::Member(raw) => match IdNumber::parse(raw) {
                    Err(_) => None,
                    Ok(id) => {
                        let hash = id_number_hash(&self.keys()?.lookup_key, &id);
                        match members::find_by_id_number_hash(c, &hash)? {
                            Some(m) => accounts::find_by_member(c, m.id)?,
                            None => None,
                        }
                    }
                },
            })
        })?;
        Ok(found.filter(|a| a.active))
    }

    /// Counts a login attempt against the account before its password is judged (docs/domain.md
    /// §8.8): the count and the lock are decided here, one attempt at a time, so concurrent
    /// guesses cannot outrun them. `Judged` lets the caller check the password; a right one
    /// then clears the count in [`Self::start_session`]. A locked account's attempts are
    /// refused and not recorded (they change nothing).
    pub fn reserve_login(&self, actor: &Actor, account_id: i64) -> AppResult<Attempt> {
        let now = self.now();
        self.change(actor, |c| {
            let (after, attempt) = accounts::throttle_for_update(c, account_id)?.reserve(now);
            if attempt == Attempt::Refused {
                return Ok::<_, AppError>(Done::unchanged(attempt));
            }
            accounts::set_throttle(c, account_id, after)?;
            Ok(Done::new(
                attempt,
                Event::of("session.login_attempt", "account", account_id)
                    .fact("failures_counted", after.failed_count)
                    .fact("locked_until", after.locked_until),
            ))
        })
    }

    /// Starts a session after a right password: the attempts counted are forgotten and the first refresh
    /// token (by its hash) is stored. Returns the session.
    pub fn start_session(
        &self,
        actor: &Actor,
        account_id: i64,
        refresh_hash: &str,
        expires: DateTime<Utc>,
    ) -> AppResult<i64> {
        let now = self.now();
        self.change(actor, |c| {
            accounts::set_throttle(c, account_id, Default::default())?;
            let family = sessions::start_family(c, account_id, now)?;
            sessions::insert_refresh_token(c, family, refresh_hash, now, expires)?;
            Ok::<_, AppError>(Done::new(
                family,
                Event::of("session.login", "account", account_id).fact("session", family),
            ))
        })
    }

    /// Spends the presented refresh token (by its hash) for the next one.
    pub fn refresh_session(
        &self,
        actor: &Actor,
        presented_hash: &str,
        next_hash: &str,
        expires: DateTime<Utc>,
    ) -> AppResult<Refreshed> {
        let now = self.now();
        self.change(actor, |c| {
            let Some(token) = sessions::find_refresh_token(c, presented_hash)? else {
                return Ok::<_, AppError>(Done::unchanged(Refreshed::Rejected));
            };
            let event = |use_case| {
                Event::of(use_case, "session", token.family_id).fact("account", token.account_id)
            };
            if token.family_revoked || token.expires_at <= now {
                return Ok(Done::unchanged(Refreshed::Rejected));
            }
            if token.used_at.is_some() || !sessions::spend_refresh_token(c, token.id, now)? {
                sessions::revoke_family(c, token.family_id, "refresh token reused", now)?;
                return Ok(Done::new(
                    Refreshed::Reused,
                    event("session.ended_on_reuse"),
                ));
            }
            if !accounts::get(c, token.account_id)?.active {
                return Ok(Done::unchanged(Refreshed::Rejected));
            }
            sessions::insert_refresh_token(c, token.family_id, next_hash, now, expires)?;
            Ok(Done::new(
                Refreshed::Rotated {
                    account_id: token.account_id,
                    family: token.family_id,
                },
                event("session.refresh"),
            ))
        })
    }

    /// Ends a session.
    pub fn end_session(&self, actor: &Actor, family: i64) -> AppResult<()> {
        let now = self.now();
        self.change(actor, |c| {
            sessions::revoke_family(c, family, "logout", now)?;
            Ok::<_, AppError>(Done::new(
                (),
                Event::of("session.logout", "session", family),
            ))
        })
    }

    /// An integrator's client credentials checked (the secret by its hash, in constant
    /// time), with the scopes granted: those asked for, which the client must hold, or all
    /// of its scopes.
    pub fn client_credentials(
        &self,
        client_id: &str,
        secret_hash: &str,
        scope: Option<&str>,
    ) -> AppResult<(ApiClient, Vec<Scope>)> {
        let client = self
            .store
            .read(|c| api_clients::find_by_client_id(c, client_id))?
            .filter(|c| {
                c.active && constant_time_eq(c.secret_hash.as_bytes(), secret_hash.as_bytes())
            })
            .ok_or_else(|| {
                AppError::unauthorized(
                    ErrorCode::AuthInvalidClient,
                    "unknown client, wrong secret or revoked client",
                )
            })?;
        let scopes = match scope {
            None => client.scopes.clone(),
            Some(s) => {
                let asked = Scope::parse_list(s).map_err(|bad| {
                    AppError::bad_request(
                        ErrorCode::AuthInvalidScope,
                        format!("unknown scope `{bad}`"),
                    )
                })?;
                if let Some(extra) = asked.iter().find(|s| !client.scopes.contains(s)) {
                    return Err(AppError::bad_request(
                        ErrorCode::AuthInvalidScope,
                        format!("this client does not have the scope `{}`", extra.as_str()),
                    ));
                }
                asked
            }
        };
        Ok((client, scopes))
    }

    /// The masked ID number of the member the actor is (for "who am I").
    pub fn my_id_number_masked(&self, actor: &Actor) -> AppResult<Option<String>> {
        match actor.member() {
            Ok(member_id) => Ok(Some(
                self.store
                    .read(|c| members::get_within(c, &actor.reach, member_id))?
                    .id_number
                    .masked,
            )),
            Err(_) => Ok(None),
        }
    }
}
