//! Why a change to a coaching session was refused.

/// Why an edit was refused. The session is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionEditError {
    #[error("\"{0}\" is not a date; write it as YYYY-MM-DD, for example 2026-12-01")]
    BadDate(String),
    #[error(
        "this session has no agenda point \"{0}\"; it may have been removed, so reload the session"
    )]
    UnknownAgendaItem(String),
    #[error(
        "this session has no agreed step \"{0}\"; it may have been removed, so reload the session"
    )]
    UnknownStep(String),
}
