//! Encryption at rest of sensitive personal information lives with the use cases
//! (huzhu_app::protect); the HTTP layer and the command line use the same code.

pub use huzhu_app::protect::{protect_id_number, Sealer};
