//! A tiny guide and reflection builders for the coach module's unit tests.

use std::collections::BTreeMap;

use crate::clock::Timestamp;
use crate::guide::{Guide, parse_guide};
use crate::reflection::{Answer, NextStep, Reflection, Teacher};

pub const GUIDE: &str = r#"{
  "format": 1, "id": "tiny", "version": 2, "title": "Tiny guide",
  "description": "A guide for tests.", "language": "en",
  "source": {"title": "Tests", "author": "PL Reflect"},
  "scales": [
    {"id": "practice-level", "title": "Level", "levels": [
      {"id": "not-yet", "label": "Not yet", "description": "No.", "in_use": false},
      {"id": "trying", "label": "Trying it", "description": "Some.", "in_use": true},
      {"id": "regular", "label": "Regular practice", "description": "Often.", "in_use": true},
      {"id": "could-coach", "label": "Could coach others", "description": "Lead.", "in_use": true}]},
    {"id": "honest", "title": "Honest answer", "levels": [
      {"id": "not-yet", "label": "Not yet", "description": "No.", "in_use": false},
      {"id": "some-days", "label": "Some days", "description": "Some.", "in_use": true},
      {"id": "most-days", "label": "Most days", "description": "Most.", "in_use": true}]}
  ],
  "sections": [
    {"kind": "questions", "id": "big", "title": "Big questions", "intro": "Be honest.",
     "questions": [
       {"id": "q-day", "prompt": "Would I enjoy a day in my class?", "scale": "honest"},
       {"id": "q-come", "prompt": "Would they still come?"}]},
    {"kind": "checklist", "id": "practices", "title": "Practices", "intro": "Rate.",
     "scale": "practice-level",
     "components": [
       {"id": "targeted", "title": "Targeted instruction", "description": "Groups.",
        "practices": [
          {"id": "stations", "name": "Station rotation", "description": "D.", "example": "E."},
          {"id": "groups", "name": "Small groups", "description": "D.", "example": "E."},
          {"id": "conferring", "name": "Conferring", "description": "D.", "example": "E."}]},
       {"id": "data", "title": "Data-driven decisions", "description": "Data.",
        "practices": [
          {"id": "tickets", "name": "Exit tickets", "description": "D.", "example": "E."},
          {"id": "tracking", "name": "Students track progress", "description": "D.", "example": "E."}]}
     ]}
  ]
}"#;

pub fn guide() -> Guide {
    parse_guide("tiny.json", GUIDE.as_bytes()).expect("the test guide is valid")
}

pub fn level(level: &str) -> Answer {
    Answer {
        level: Some(level.to_owned()),
        ..Answer::default()
    }
}

pub fn text(text: &str, level: Option<&str>) -> Answer {
    Answer {
        text: text.to_owned(),
        level: level.map(str::to_owned),
        ..Answer::default()
    }
}

pub fn step(answer: Answer, action: &str, revisit: Option<&str>, done: bool) -> Answer {
    Answer {
        next_step: Some(NextStep {
            action: action.to_owned(),
            revisit_on: revisit.map(str::to_owned),
            done,
            ..NextStep::default()
        }),
        ..answer
    }
}

pub fn reflection(
    id: &str,
    teacher_id: &str,
    created: &str,
    answers: Vec<(&str, Answer)>,
) -> Reflection {
    Reflection {
        format: 1,
        id: id.to_owned(),
        teacher_id: teacher_id.to_owned(),
        guide_id: "tiny".to_owned(),
        guide_version: 2,
        title: String::new(),
        created: Timestamp(created.to_owned()),
        updated: Timestamp(created.to_owned()),
        answers: answers
            .into_iter()
            .map(|(id, a)| (id.to_owned(), a))
            .collect::<BTreeMap<_, _>>(),
        grade_band: None,
        coach_notes: Vec::new(),
        extra: serde_json::Map::default(),
    }
}

pub fn teacher(id: &str, name: &str) -> Teacher {
    Teacher {
        id: id.to_owned(),
        name: name.to_owned(),
        notes: String::new(),
        created: Timestamp("2026-01-05T10:00:00Z".into()),
        updated: Timestamp("2026-01-05T10:00:00Z".into()),
        archived: false,
        extra: serde_json::Map::default(),
    }
}
