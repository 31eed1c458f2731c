use super::*;
use crate::coach::test_support::{level, reflection, teacher};
use crate::export::json::{ExportedGuide, ExportedTeacher};

/// An export of a reflection on the built-in default guide.
fn export(
    teacher_name: Option<&str>,
    guide_version: u32,
    answers: Vec<(&str, crate::reflection::Answer)>,
) -> Vec<u8> {
    let mut r = reflection("r-ana-1", "t-her-own-id", "2026-02-01T10:00:00Z", answers);
    r.guide_id = "where-to-begin".into();
    r.guide_version = guide_version;
    r.title = "Spring check-in".into();
    let export = ExportedReflection {
        format: 1,
        kind: "pl-reflect-reflection".into(),
        exported: Timestamp("2026-02-02T10:00:00Z".into()),
        guide: ExportedGuide {
            id: "where-to-begin".into(),
            version: guide_version,
            title: "Personalized Learning: Where to Begin".into(),
        },
        teacher: teacher_name.map(|name| ExportedTeacher { name: name.into() }),
        reflection: r,
    };
    serde_json::to_vec_pretty(&export).unwrap()
}

fn plan(
    bytes: &[u8],
    existing: &[Reflection],
    teachers: &[Teacher],
) -> Result<ImportPlan, ImportError> {
    plan_import(
        bytes,
        "ana.json",
        existing,
        teachers,
        &GuideLibrary::built_in(),
    )
}

#[test]
fn a_valid_export_matches_its_teacher_by_name_ignoring_case() {
    let bytes = export(
        Some("ANA LÓPEZ"),
        1,
        vec![("station-rotation", level("trying"))],
    );
    let teachers = [teacher("t-1", "Ana López"), teacher("t-2", "Ben")];
    let plan = plan(&bytes, &[], &teachers).unwrap();
    assert_eq!(plan.guide, GuideCheck::Installed { version: 2 });
    assert!(plan.unknown_items.is_empty());
    assert_eq!(plan.conflict, None);
    assert_eq!(
        plan.suggested_teacher,
        Some(TeacherChoice::Existing("t-1".into()))
    );
    assert_eq!(
        plan.default_teacher().unwrap(),
        TeacherChoice::Existing("t-1".into())
    );
    assert!(plan.notes().is_empty());
}

#[test]
fn an_unknown_name_means_a_new_teacher_and_anonymous_means_none() {
    let teachers = [teacher("t-2", "Ben")];
    let named = plan(&export(Some(" Ana López "), 1, vec![]), &[], &teachers).unwrap();
    assert_eq!(
        named.suggested_teacher,
        Some(TeacherChoice::New("Ana López".into()))
    );
    let anonymous = plan(&export(None, 1, vec![]), &[], &teachers).unwrap();
    assert_eq!(anonymous.suggested_teacher, None);
    assert!(matches!(
        anonymous.default_teacher(),
        Err(ImportError::Anonymous { .. })
    ));
    let twins = [teacher("t-1", "Ana López"), teacher("t-3", "ana lópez")];
    let ambiguous = plan(&export(Some("Ana López"), 1, vec![]), &[], &twins).unwrap();
    assert!(matches!(
        ambiguous.default_teacher(),
        Err(ImportError::AmbiguousTeacher { .. })
    ));
}

#[test]
fn a_newer_guide_version_keeps_every_answer_and_flags_unknown_items() {
    let bytes = export(
        Some("Ana"),
        7,
        vec![
            ("station-rotation", level("trying")),
            ("practice-added-in-v7", level("regular")),
        ],
    );
    let plan = plan(&bytes, &[], &[]).unwrap();
    assert_eq!(
        plan.guide,
        GuideCheck::NewerThanInstalled {
            installed_version: 2,
            exported_version: 7
        }
    );
    assert_eq!(plan.unknown_items, ["practice-added-in-v7"]);
    let answers = &plan.export.reflection.answers;
    assert_eq!(answers.len(), 2, "every answer is kept");
    assert_eq!(
        answers["practice-added-in-v7"].level.as_deref(),
        Some("regular")
    );
    let notes = plan.notes().join(" ");
    assert!(notes.contains("version 7"), "{notes}");
    assert!(notes.contains("practice-added-in-v7"), "{notes}");
}

#[test]
fn an_unknown_guide_is_allowed_but_flagged() {
    let text = String::from_utf8(export(Some("Ana"), 1, vec![("q-1", level("x"))])).unwrap();
    let bytes = text.replace("\"where-to-begin\"", "\"our-school-guide\"");
    let plan = plan(bytes.as_bytes(), &[], &[]).unwrap();
    assert_eq!(plan.guide, GuideCheck::Unknown);
    assert_eq!(plan.unknown_items, ["q-1"]);
    assert!(plan.notes()[0].contains("\"our-school-guide\" is not installed"));
}

#[test]
fn the_same_id_already_here_is_a_conflict() {
    let bytes = export(Some("Ana"), 1, vec![]);
    let mut here = reflection("r-ana-1", "t-1", "2026-01-01T00:00:00Z", vec![]);
    here.guide_id = "where-to-begin".into();
    let other = reflection("r-other", "t-1", "2026-01-01T00:00:00Z", vec![]);
    let plan = plan(&bytes, &[other.clone(), here], &[]).unwrap();
    assert_eq!(plan.conflict.as_deref(), Some("r-ana-1"));
    let no_conflict =
        plan_import(&bytes, "ana.json", [&other], &[], &GuideLibrary::built_in()).unwrap();
    assert_eq!(no_conflict.conflict, None);
}

#[test]
fn an_invalid_file_is_refused_with_its_name() {
    for bad in [
        &b"{\"format\": 1, \"kind\": \"pl-reflect-reflection\""[..],
        b"[]",
        b"\xff\xfe",
    ] {
        let error = plan(bad, &[], &[]).unwrap_err();
        let message = error.to_string();
        assert!(matches!(error, ImportError::Unreadable { .. }), "{message}");
        assert!(message.starts_with("ana.json: "), "{message}");
        assert!(message.contains("Nothing was imported"), "{message}");
    }
}

#[test]
fn teacher_argument_is_an_id_a_name_or_a_new_name() {
    let teachers = [teacher("t-1", "Ana López"), teacher("t-2", "Ben")];
    assert_eq!(
        teacher_from_arg(&teachers, "t-2").unwrap(),
        TeacherChoice::Existing("t-2".into())
    );
    assert_eq!(
        teacher_from_arg(&teachers, "ana lópez").unwrap(),
        TeacherChoice::Existing("t-1".into())
    );
    assert_eq!(
        teacher_from_arg(&teachers, " Cy ").unwrap(),
        TeacherChoice::New("Cy".into())
    );
    assert!(matches!(
        teacher_from_arg(&teachers, "t-9zz"),
        Err(ImportError::UnknownTeacher(_))
    ));
    assert!(teacher_from_arg(&teachers, "  ").is_err());
}

#[test]
fn an_export_protected_with_a_passphrase_is_planned_only_once_opened_with_it() {
    use crate::export::protected::{ProtectError, Work, protect};
    let plain = export(
        Some("Ana López"),
        1,
        vec![("station-rotation", level("trying"))],
    );
    let passphrase = age::secrecy::SecretString::from("kettle on the stove".to_owned());
    let sealed = protect(&plain, &passphrase, Work::FAST_FOR_TESTS).unwrap();
    let teachers = [teacher("t-1", "Ana López")];
    assert!(matches!(
        plan(&sealed, &[], &teachers),
        Err(ImportError::NeedsPassphrase { .. })
    ));
    let wrong = age::secrecy::SecretString::from("kettle on the hob".to_owned());
    let refused = open_protected(&sealed, "ana.plreflect", &wrong).unwrap_err();
    assert!(matches!(
        refused,
        ImportError::Protected {
            problem: ProtectError::WrongPassphrase,
            ..
        }
    ));
    assert!(refused.to_string().contains("does not open"), "{refused}");
    let opened = open_protected(&sealed, "ana.plreflect", &passphrase).unwrap();
    let planned = plan(&opened, &[], &teachers).unwrap();
    assert_eq!(
        planned.suggested_teacher,
        Some(TeacherChoice::Existing("t-1".into()))
    );
    assert_eq!(
        planned.export.reflection.answers["station-rotation"]
            .level
            .as_deref(),
        Some("trying")
    );
    // A plain export goes through as it is.
    assert_eq!(open_protected(&plain, "ana.json", &wrong).unwrap(), plain);
}
