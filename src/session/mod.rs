//! Coaching sessions: what a coach and a teacher meant to talk about, what was
//! said and the small steps they agreed on, and the pure operations that change
//! them. Stored in `DATA/sessions/` by the store; read across teachers by coach mode.

pub mod changes;
mod edit;
mod error;
mod model;

pub use edit::{SessionEdit, apply_session_edit};
pub use error::SessionEditError;
pub use model::{AgendaItem, AgreedStep, CoachSession, SESSION_FORMAT, sessions_of};
