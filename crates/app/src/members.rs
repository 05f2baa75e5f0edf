//! The member register, within the actor's subtree. ID numbers, mobiles and bank cards are kept
//! sealed and shown masked; unmasking shows them in full to those allowed, for a stated
//! purpose, and records it. Reads of the register go to the access log (docs/domain.md §9).

use crate::actor::{Actor, Reach};
use crate::error::{or_not_found, AppError, AppResult};
use crate::protect::{id_number_hash, protect_id_number, Sealer};
use crate::records::{Member, Paged, Paging};
use crate::unit::{Done, Event};
use crate::App;
use huzhu_domain::field_rules::{max_chars, required_text};
use huzhu_domain::member::SensitiveField;
use huzhu_domain::{BankCard, ErrorCode, IdNumber, MemberCategory, Mobile, OrgUnitKind};
use huzhu_store::access_log::{self, Access};
use huzhu_store::members::{self, MemberChanges, MemberFilter, Protected, SensitiveAccess};
use huzhu_store::org_units::{self, OrgUnit};
use huzhu_store::DbConn;

pub use huzhu_store::access_log::Access as PersonalDataRead;
pub use huzhu_store::members::SensitiveAccess as Unmasking;

fn member_not_found() -> impl Fn(huzhu_store::StoreError) -> AppError {
    or_not_found(ErrorCode::MemberNotFound, "member")
}

/// The union a member is registered with (or a roster comes from): a grassroots union in the
/// actor's subtree.
pub fn union_in_scope(c: &mut DbConn, reach: &Reach, id: i64) -> AppResult<OrgUnit> {
    let unit = org_units::get_within(c, reach, id).map_err(|e| match e {
        huzhu_store::StoreError::NotFound => AppError::invalid_field(
            ErrorCode::OrgUnitNotFound,
            "org_unit_id",
            "the organisation unit does not exist in your part of the organisation",
        ),
        other => other.into(),
    })?;
    if unit.kind != OrgUnitKind::GrassrootsUnion {
        return Err(AppError::invalid_field(
            ErrorCode::MemberUnitNotUnion,
            "org_unit_id",
            "members are registered with a grassroots union (基层工会), not with an office",
        ));
    }
    Ok(unit)
}

fn seal_mobile(sealer: &Sealer, raw: &str) -> AppResult<Option<Protected>> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let m = Mobile::parse(raw)
        .map_err(|e| AppError::invalid_field(e.code(), "mobile", e.to_string()))?;
    Ok(Some(Protected {
        ciphertext: sealer.seal(m.as_str())?,
        masked: m.masked(),
    }))
}

/// A sealed card (masked as its last four digits) and whether a Luhn failure was accepted.
fn seal_card(
    sealer: &Sealer,
    raw: &str,
    accept_luhn_failure: bool,
) -> AppResult<(Option<Protected>, bool)> {
    if raw.trim().is_empty() {
        return Ok((None, false));
    }
    let card = BankCard::parse(raw)
        .map_err(|e| AppError::invalid_field(e.code(), "bank_card", e.to_string()))?;
    if !card.passes_luhn() && !accept_luhn_failure {
        return Err(AppError::invalid_field(
            ErrorCode::BankCardLuhnFailed,
            "bank_card",
            "the card number fails its check digit: check it against the card, or confirm it with \
             `accept_bank_card_luhn_failure: true` (your account is recorded)",
        ));
    }
    Ok((
        Some(Protected {
            ciphertext: sealer.seal(card.as_str())?,
            masked: card.last4().to_string(),
        }),
        !card.passes_luhn(),
    ))
}

/// A search of the register, as asked (raw text is checked here).
#[derive(Debug, Clone)]
pub struct MemberSearch {
    pub id_number: Option<String>,
    pub name: Option<String>,
    pub org_unit_id: Option<i64>,
    pub category: Option<String>,
    pub paging: Paging,
}

/// A member to register, as given.
#[derive(Debug, Clone)]
pub struct Registration {
    pub org_unit_id: i64,
    pub name: String,
    pub id_number: String,
    pub category: MemberCategory,
    pub mobile: Option<String>,
    pub bank_card: Option<String>,
    pub accept_bank_card_luhn_failure: bool,
    pub health_consent: bool,
}

/// Changes to a member's details, as given; absent fields stay as they are.
#[derive(Debug, Clone)]
pub struct Edit {
    pub name: Option<String>,
    pub category: Option<MemberCategory>,
    pub org_unit_id: Option<i64>,
    pub mobile: Option<String>,
    pub bank_card: Option<String>,
    pub accept_bank_card_luhn_failure: bool,
    pub health_consent: Option<bool>,
}

/// Sensitive values shown in full: only those asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shown {
    pub id_number: Option<String>,
    pub mobile: Option<String>,
    pub bank_card: Option<String>,
}

impl App {
    /// Searches the register of the actor's subtree, by exact ID number, part of the name,
    /// union or category. The access log records what was searched by, never the text.
    pub fn search_members(&self, actor: &Actor, q: MemberSearch) -> AppResult<Paged<Member>> {
        let reach = actor.staff_reach()?;
        let id_number_hash = match q
            .id_number
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(raw) => {
                let id = IdNumber::parse(raw)
                    .map_err(|e| AppError::invalid_field(e.code(), "id_number", e.to_string()))?;
                Some(id_number_hash(&self.keys()?.lookup_key, &id))
            }
        };
        let category = match q.category.as_deref() {
            None => None,
            Some(c) => Some(MemberCategory::parse(c).ok_or_else(|| {
                AppError::invalid_field(
                    ErrorCode::MemberUnknownCategory,
                    "category",
                    format!("unknown member category `{c}`"),
                )
            })?),
        };
        let filter = MemberFilter {
            id_number_hash,
            name_contains: q
                .name
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty()),
            org_unit_id: q.org_unit_id,
            category,
        };
        let by: Vec<&str> = [
            filter.id_number_hash.is_some().then_some("id number"),
            filter.name_contains.is_some().then_some("name"),
            filter.org_unit_id.is_some().then_some("unit"),
            filter.category.is_some().then_some("category"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let by = if by.is_empty() {
            "list".to_string()
        } else {
            format!("by {}", by.join(", "))
        };
        let (items, total) = self
            .store
            .read(|c| members::list(c, reach, &filter, q.paging))?;
        let one = match items.as_slice() {
            [m] => Some(m.id),
            _ => None,
        };
        self.accessed(
            actor,
            "member.search",
            one,
            format!("{by}: {} of {total} shown", items.len()),
        );
        Ok(Paged {
            items,
            total,
            paging: q.paging,
        })
    }

    /// One member of the actor's subtree, masked.
    pub fn member(&self, actor: &Actor, id: i64) -> AppResult<Member> {
        let reach = actor.staff_reach()?;
        let member = self
            .store
            .read(|c| members::get_within(c, reach, id))
            .map_err(member_not_found())?;
        self.accessed(actor, "member.read", Some(id), "masked".to_string());
        Ok(member)
    }

    /// Registers a member with a grassroots union of the actor's subtree.
    pub fn register_member(&self, actor: &Actor, new: Registration) -> AppResult<Member> {
        let name = required_text("name", &new.name, max_chars::MEMBER_NAME)?;
        let id = IdNumber::parse(&new.id_number)
            .map_err(|e| AppError::invalid_field(e.code(), "id_number", e.to_string()))?;
        let keys = self.keys()?;
        let mobile = seal_mobile(&keys.sealer, new.mobile.as_deref().unwrap_or(""))?;
        let (bank_card, luhn_overridden) = seal_card(
            &keys.sealer,
            new.bank_card.as_deref().unwrap_or(""),
            new.accept_bank_card_luhn_failure,
        )?;
        let (hash, id_number) = protect_id_number(&keys.sealer, &keys.lookup_key, &id)?;
        let reach = actor.staff_reach()?;
        let staff_id = actor.account_id()?;
        let now = self.now();
        self.change(actor, |c| {
            union_in_scope(c, reach, new.org_unit_id)?;
            let member = members::insert(
                c,
                members::NewMember {
                    org_unit_id: new.org_unit_id,
                    name: &name,
                    id_number_hash: &hash,
                    id_number,
                    gender: id.gender(),
                    birth_date: id.birth_date(),
                    category: new.category,
                    mobile,
                    bank_card,
                    bank_card_luhn_override_by: luhn_overridden.then_some(staff_id),
                    health_consent: new.health_consent,
                },
                now,
            )?;
            let mut event = Event::of("member.register", "member", member.id)
                .fact("id_number_masked", &member.id_number.masked)
                .fact("org_unit", member.org_unit_id)
                .fact("category", member.category)
                .fact("health_consent", member.health_consent_at.is_some());
            if luhn_overridden {
                event = event.fact("bank_card_luhn_overridden", true);
            }
            Ok(Done::new(member, event))
        })
    }

    /// Changes a member's details or moves them to another union of the actor's subtree.
    pub fn update_member(&self, actor: &Actor, id: i64, ch: Edit) -> AppResult<Member> {
        let name = ch
            .name
            .as_deref()
            .map(|n| required_text("name", n, max_chars::MEMBER_NAME))
            .transpose()?;
        let sealer = self.sealer()?;
        let mobile = ch
            .mobile
            .as_deref()
            .map(|m| seal_mobile(sealer, m))
            .transpose()?;
        let card = ch
            .bank_card
            .as_deref()
            .map(|b| seal_card(sealer, b, ch.accept_bank_card_luhn_failure))
            .transpose()?;
        let reach = actor.staff_reach()?;
        let staff_id = actor.account_id()?;
        let now = self.now();
        self.change(actor, |c| {
            let before = members::get_within(c, reach, id).map_err(member_not_found())?;
            if let Some(unit) = ch.org_unit_id {
                union_in_scope(c, reach, unit)?;
            }
            let mobile_changed = mobile.is_some();
            let card_changed = card.is_some();
            let luhn_overridden = card.as_ref().is_some_and(|(_, overridden)| *overridden);
            let (bank_card, override_by) = match card {
                None => (None, None),
                Some((card, overridden)) => (Some(card), Some(overridden.then_some(staff_id))),
            };
            let changes = MemberChanges {
                name: name.as_deref(),
                category: ch.category,
                org_unit_id: ch.org_unit_id,
                mobile,
                bank_card,
                bank_card_luhn_override_by: override_by,
                health_consent: ch.health_consent,
            };
            let after = members::update(c, id, changes, now)?;
            let mut event = Event::of("member.update", "member", after.id);
            if name.is_some() {
                event = event.fact("name_changed", true);
            }
            if ch.category.is_some() {
                event = event.fact(
                    "category",
                    format!("{} → {}", before.category.as_str(), after.category.as_str()),
                );
            }
            if ch.org_unit_id.is_some() {
                event = event.fact(
                    "org_unit",
                    format!("{} → {}", before.org_unit_id, after.org_unit_id),
                );
            }
            if mobile_changed {
                event = event.fact(
                    "mobile_masked",
                    after.mobile.as_ref().map(|p| p.masked.clone()),
                );
            }
            if card_changed {
                event = event.fact(
                    "bank_card_masked",
                    after
                        .bank_card
                        .as_ref()
                        .map(|p| format!("**** {}", p.masked)),
                );
                if luhn_overridden {
                    event = event.fact("bank_card_luhn_overridden", true);
                }
            }
            if let Some(consent) = ch.health_consent {
                event = event.fact("health_consent", consent);
            }
            Ok(Done::new(after, event))
        })
    }

    /// Shows sensitive fields in full. Needs a purpose; who saw what, when and why is
    /// recorded (never the values shown).
    pub fn unmask_member(
        &self,
        actor: &Actor,
        id: i64,
        fields: &[SensitiveField],
        purpose: &str,
    ) -> AppResult<Shown> {
        let purpose = huzhu_domain::field_rules::unmask_purpose(purpose)?;
        let mut fields = fields.to_vec();
        fields.sort();
        fields.dedup();
        if fields.is_empty() {
            return Err(AppError::invalid_field(
                ErrorCode::UnmaskNoFields,
                "fields",
                "name at least one field to show",
            ));
        }
        let reach = actor.staff_reach()?;
        let account_id = actor.account_id()?;
        let sealer = self.sealer()?;
        let now = self.now();
        let logged: Vec<String> = fields.iter().map(|f| f.as_str().to_string()).collect();
        let member = self.change(actor, |c| {
            let member = members::get_within(c, reach, id).map_err(member_not_found())?;
            let event = Event::of("member.unmask", "member", member.id)
                .fact("fields", &logged)
                .fact("purpose", &purpose);
            members::log_sensitive_access(
                c,
                &SensitiveAccess {
                    account_id,
                    member_id: id,
                    fields: logged.clone(),
                    purpose: purpose.clone(),
                    accessed_at: now,
                },
            )?;
            Ok::<_, AppError>(Done::new(member, event))
        })?;
        let open =
            |p: &Option<Protected>| p.as_ref().map(|p| sealer.open(&p.ciphertext)).transpose();
        let want = |f: SensitiveField| fields.contains(&f);
        Ok(Shown {
            id_number: if want(SensitiveField::IdNumber) {
                Some(sealer.open(&member.id_number.ciphertext)?)
            } else {
                None
            },
            mobile: if want(SensitiveField::Mobile) {
                open(&member.mobile)?
            } else {
                None
            },
            bank_card: if want(SensitiveField::BankCard) {
                open(&member.bank_card)?
            } else {
                None
            },
        })
    }

    /// Who has seen this member's details unmasked, when and why, oldest first.
    pub fn member_unmaskings(&self, actor: &Actor, id: i64) -> AppResult<Vec<SensitiveAccess>> {
        let reach = actor.staff_reach()?;
        self.store.read(|c| {
            members::get_within(c, reach, id).map_err(member_not_found())?;
            Ok(members::sensitive_access_of(c, id)?)
        })
    }

    /// Who has looked this member up (coverage enquiries, reads, searches that found them),
    /// newest first, the latest 1,000.
    pub fn member_reads(&self, actor: &Actor, id: i64) -> AppResult<Vec<Access>> {
        let reach = actor.staff_reach()?;
        self.store
            .read(|c| members::get_within(c, reach, id))
            .map_err(member_not_found())?;
        Ok(self
            .access_store
            .read(|c| access_log::of_member(c, id, 1_000))?)
    }
}
