//! Authentication (who is calling) and authorisation (may they call this route).

pub mod caller;
pub mod login_limits;
pub mod lookup_hash;
pub mod middleware;
pub mod passwords;
pub mod policy;
pub mod refresh_cookie;
pub mod tokens;

pub use caller::{Caller, Principal};
