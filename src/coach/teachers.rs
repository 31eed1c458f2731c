//! Pure operations on the list of teachers a coach works with: add, rename,
//! archive, remove, and finding a teacher by id or name.
//!
//! Names are compared without regard to case or surrounding space, so that
//! "ana lópez" finds "Ana López"; two teachers may not share a name, so that a
//! coach (and an import) can always tell them apart.

use crate::clock::Timestamp;
use crate::reflection::Teacher;
use crate::store::{DeletedCounts, Snapshot};

/// Why a change to the teachers was refused. The list is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TeacherError {
    #[error(
        "there is no teacher with the id \"{0}\"; they may have been removed, so reload the list"
    )]
    Unknown(String),
    #[error("a teacher's name cannot be empty; type a name")]
    EmptyName,
    #[error(
        "another teacher is already called \"{0}\"; add something to tell them apart, for example an initial"
    )]
    NameTaken(String),
}

/// Whether two names are the same name: case and surrounding or repeated spaces do not count.
pub fn same_name(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}

fn fold(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Adds a teacher and returns their new id.
pub fn add_teacher(
    teachers: &mut Vec<Teacher>,
    name: &str,
    now: Timestamp,
) -> Result<String, TeacherError> {
    let name = checked_name(teachers, None, name)?;
    let teacher = Teacher::new(&name, now);
    let id = teacher.id.clone();
    teachers.push(teacher);
    Ok(id)
}

/// Gives a teacher a new name.
pub fn rename_teacher(
    teachers: &mut [Teacher],
    id: &str,
    name: &str,
    now: Timestamp,
) -> Result<(), TeacherError> {
    let name = checked_name(teachers, Some(id), name)?;
    let teacher = teacher_mut(teachers, id)?;
    teacher.name = name;
    teacher.updated = now;
    Ok(())
}

/// Archives a teacher (or brings them back): an archived teacher keeps every
/// reflection and session but leaves the lists and the revisits that are due.
pub fn set_archived(
    teachers: &mut [Teacher],
    id: &str,
    archived: bool,
    now: Timestamp,
) -> Result<(), TeacherError> {
    let teacher = teacher_mut(teachers, id)?;
    if teacher.archived != archived {
        teacher.archived = archived;
        teacher.updated = now;
    }
    Ok(())
}

/// Takes a teacher out of the list and returns them, so the caller can put them
/// back. Their reflections and sessions are not touched: move those to the
/// trash first with [`crate::store::Store::delete_teacher_data`].
pub fn remove_teacher(teachers: &mut Vec<Teacher>, id: &str) -> Result<Teacher, TeacherError> {
    let index = teachers
        .iter()
        .position(|t| t.id == id)
        .ok_or_else(|| TeacherError::Unknown(id.to_owned()))?;
    Ok(teachers.remove(index))
}

/// Teachers not archived, in list order.
pub fn active_teachers(teachers: &[Teacher]) -> impl Iterator<Item = &Teacher> {
    teachers.iter().filter(|t| !t.archived)
}

/// The teacher with this id, or else the one teacher with this name.
pub fn find_teacher<'t>(teachers: &'t [Teacher], id_or_name: &str) -> Option<&'t Teacher> {
    let wanted = id_or_name.trim();
    teachers.iter().find(|t| t.id == wanted).or_else(|| {
        let mut named = teachers.iter().filter(|t| same_name(&t.name, wanted));
        match (named.next(), named.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    })
}

/// How many reflections and sessions of a teacher the snapshot holds: what
/// would go to the trash with them.
pub fn count_teacher_data(snapshot: &Snapshot, teacher_id: &str) -> DeletedCounts {
    DeletedCounts {
        reflections: snapshot
            .reflections
            .iter()
            .filter(|s| s.reflection.teacher_id == teacher_id)
            .count(),
        sessions: snapshot
            .sessions
            .iter()
            .filter(|s| s.session.teacher_id == teacher_id)
            .count(),
    }
}

fn checked_name(
    teachers: &[Teacher],
    except_id: Option<&str>,
    name: &str,
) -> Result<String, TeacherError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(TeacherError::EmptyName);
    }
    if let Some(other) = teachers
        .iter()
        .find(|t| Some(t.id.as_str()) != except_id && same_name(&t.name, name))
    {
        return Err(TeacherError::NameTaken(other.name.clone()));
    }
    Ok(name.to_owned())
}

fn teacher_mut<'t>(teachers: &'t mut [Teacher], id: &str) -> Result<&'t mut Teacher, TeacherError> {
    teachers
        .iter_mut()
        .find(|t| t.id == id)
        .ok_or_else(|| TeacherError::Unknown(id.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coach::test_support::{reflection, teacher};
    use crate::store::{StoredReflection, StoredSession};

    fn now() -> Timestamp {
        Timestamp("2026-03-01T09:00:00Z".into())
    }

    fn two() -> Vec<Teacher> {
        vec![teacher("t-1", "Ana López"), teacher("t-2", "Ben Okafor")]
    }

    #[test]
    fn rename_trims_and_refuses_empty_or_taken_names() {
        let mut teachers = two();
        rename_teacher(&mut teachers, "t-1", "  Ana López-Ruiz ", now()).unwrap();
        assert_eq!(teachers[0].name, "Ana López-Ruiz");
        assert_eq!(teachers[0].updated, now());
        // A teacher may be renamed to a different spelling of their own name.
        rename_teacher(&mut teachers, "t-2", "ben okafor", now()).unwrap();
        let before = teachers.clone();
        assert_eq!(
            rename_teacher(&mut teachers, "t-1", "   ", now()),
            Err(TeacherError::EmptyName)
        );
        assert_eq!(
            rename_teacher(&mut teachers, "t-1", "BEN  OKAFOR", now()),
            Err(TeacherError::NameTaken("ben okafor".into()))
        );
        assert_eq!(
            rename_teacher(&mut teachers, "t-9", "Cy", now()),
            Err(TeacherError::Unknown("t-9".into()))
        );
        assert_eq!(teachers, before);
    }

    #[test]
    fn archive_and_unarchive() {
        let mut teachers = two();
        set_archived(&mut teachers, "t-2", true, now()).unwrap();
        assert!(teachers[1].archived);
        let active: Vec<&str> = active_teachers(&teachers).map(|t| t.id.as_str()).collect();
        assert_eq!(active, ["t-1"]);
        set_archived(&mut teachers, "t-2", false, now()).unwrap();
        assert!(!teachers[1].archived);
        assert_eq!(
            set_archived(&mut teachers, "t-9", true, now()),
            Err(TeacherError::Unknown("t-9".into()))
        );
    }

    #[test]
    fn add_and_remove() {
        let mut teachers = two();
        let id = add_teacher(&mut teachers, " Cy Díaz ", now()).unwrap();
        assert_eq!(teachers[2].id, id);
        assert_eq!(teachers[2].name, "Cy Díaz");
        assert_eq!(
            add_teacher(&mut teachers, "ANA LÓPEZ", now()),
            Err(TeacherError::NameTaken("Ana López".into()))
        );
        let removed = remove_teacher(&mut teachers, "t-1").unwrap();
        assert_eq!(removed.name, "Ana López");
        assert_eq!(teachers.len(), 2);
        assert!(remove_teacher(&mut teachers, "t-1").is_err());
    }

    #[test]
    fn find_by_id_then_by_name_ignoring_case() {
        let teachers = two();
        assert_eq!(find_teacher(&teachers, "t-2").unwrap().name, "Ben Okafor");
        assert_eq!(find_teacher(&teachers, " ana lópez ").unwrap().id, "t-1");
        assert!(find_teacher(&teachers, "Cy").is_none());
        let mut twins = two();
        twins.push(teacher("t-3", "ana lópez"));
        assert!(find_teacher(&twins, "Ana López").is_none(), "ambiguous");
    }

    #[test]
    fn counts_what_goes_with_a_teacher() {
        let stored = |id: &str, teacher: &str| StoredReflection {
            reflection: reflection(id, teacher, "2026-01-01T00:00:00Z", vec![]),
            path: format!("/d/reflections/{id}.json").into(),
            read_only: None,
        };
        let session = |id: &str, teacher: &str| {
            let mut session =
                crate::coach::CoachSession::new(teacher, "2026-01-02", now()).unwrap();
            session.id = id.to_owned();
            StoredSession {
                path: format!("/d/sessions/{id}.json").into(),
                session,
                read_only: None,
            }
        };
        let snapshot = Snapshot {
            teachers: two(),
            reflections: vec![
                stored("r-1", "t-1"),
                stored("r-2", "t-2"),
                stored("r-3", "t-1"),
            ],
            sessions: vec![session("s-1", "t-1"), session("s-2", "t-2")],
            ..Snapshot::default()
        };
        let counts = count_teacher_data(&snapshot, "t-1");
        assert_eq!(
            counts,
            DeletedCounts {
                reflections: 2,
                sessions: 1
            }
        );
        assert_eq!(counts.to_string(), "2 reflections and 1 session");
        assert_eq!(
            count_teacher_data(&snapshot, "t-9").to_string(),
            "no reflections and no sessions"
        );
    }
}
