//! Who acts, and how far they reach (docs/domain.md §1 on roles and reach).

pub use huzhu_domain::Reach;
use huzhu_domain::{ErrorCode, Permission};
/// The identity an audit entry names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActorId {
    /// A staff account.
    Staff(i64),
    /// A member's own account (the account's id).
    Member(i64),
    /// A third-party system's API client.
    Client(i64),
    /// An operator at the command line (`huzhu …`): no account acts there.
    Operator,
    /// Nobody has proved who they are yet (a login attempt).
    Anonymous,
}

impl ActorId {
    /// `staff:12`, `member:5`, `client:3`, or empty for the operator and the anonymous.
    pub fn label(&self) -> String {
        match self {
            Self::Staff(id) => format!("staff:{id}"),
            Self::Member(id) => format!("member:{id}"),
            Self::Client(id) => format!("client:{id}"),
            Self::Operator | Self::Anonymous => String::new(),
        }
    }
}

/// Who runs a use case.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: ActorId,
    /// The display name at the time (the trail keeps it, as names change).
    pub name: String,
    pub reach: Reach,
    /// The request that carried the action (empty at the command line).
    pub request_id: String,
    /// Where the action came from: `api` or `command line`.
    pub via: &'static str,
    /// What the actor's roles or scopes allow (the operator may do everything).
    pub permissions: Vec<Permission>,
}

impl Actor {
    /// An operator at the command line running `command`.
    pub fn operator(command: &str) -> Self {
        Self {
            id: ActorId::Operator,
            name: command.to_string(),
            reach: Reach::everything(),
            request_id: String::new(),
            via: "command line",
            permissions: Vec::new(),
        }
    }

    pub fn may(&self, permission: Permission) -> bool {
        self.id == ActorId::Operator || self.permissions.contains(&permission)
    }

    pub fn label(&self) -> String {
        self.id.label()
    }
}

impl Actor {
    /// Association-wide work (funds, the ledger, the trail) is done from the province
    /// only; anybody else is refused.
    pub fn province(&self) -> Result<(), crate::AppError> {
        if self.reach.is_province() {
            Ok(())
        } else {
            Err(crate::AppError::forbidden(
                ErrorCode::AuthProvinceOnly,
                "only the province association's staff may do this",
            ))
        }
    }

    /// The path of the part of the organisation a staff member reaches (`""` for the
    /// operator: everything); anybody else is refused.
    pub fn staff_path(&self) -> Result<&str, crate::AppError> {
        self.reach
            .staff_path()
            .ok_or_else(crate::AppError::not_allowed)
    }

    /// The reach of a staff member (or the operator), for the store's scoped records;
    /// anybody else is refused.
    pub fn staff_reach(&self) -> Result<&Reach, crate::AppError> {
        self.staff_path()?;
        Ok(&self.reach)
    }

    /// The member a member's own account reaches; anybody else is refused.
    pub fn member(&self) -> Result<i64, crate::AppError> {
        self.reach.member().ok_or_else(crate::AppError::not_allowed)
    }

    /// The unit a staff member belongs to.
    pub fn own_unit(&self) -> Option<i64> {
        self.reach.own_unit()
    }
}

impl Actor {
    /// The account that acts (a staff member's or a member's own); anybody else is refused.
    pub fn account_id(&self) -> Result<i64, crate::AppError> {
        match self.id {
            ActorId::Staff(id) | ActorId::Member(id) => Ok(id),
            _ => Err(crate::AppError::not_allowed()),
        }
    }
}
