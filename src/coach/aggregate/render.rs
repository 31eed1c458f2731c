//! The school-wide picture as a document (Markdown, HTML) and as data (CSV, JSON).
//!
//! The human-readable formats build one [`Document`] of the export document
//! model, so they say the same thing in the same order. CSV cells get the same
//! formula-injection defence as the summary's CSV.

use serde::Serialize;

use super::{SchoolPicture, Shown, share};
use crate::export::Format;
use crate::export::csv::field;
use crate::export::document::{Bar, Block, Document, ListItem, Part, Span};
use crate::export::html::render_document as to_html;
use crate::export::markdown::render_document as to_markdown;

/// The JSON format version of the picture.
pub const PICTURE_FORMAT: u32 = 1;
/// The `kind` of the picture's JSON.
pub const PICTURE_KIND: &str = "pl-reflect-school-picture";

/// Why the picture could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum PictureRenderError {
    #[error(transparent)]
    Pdf(#[from] crate::export::pdf::PdfError),
    #[error("the JSON could not be written: {0}")]
    Json(#[from] serde_json::Error),
}

/// Renders the picture in `format`. `language` is the guide's language tag (for HTML and PDF).
pub fn render_picture(
    picture: &SchoolPicture,
    format: Format,
    language: &str,
) -> Result<Vec<u8>, PictureRenderError> {
    Ok(match format {
        Format::Markdown => render_markdown(picture).into_bytes(),
        Format::Html => render_html(picture, language).into_bytes(),
        Format::Csv => render_csv(picture).into_bytes(),
        Format::Json => render_json(picture)?.into_bytes(),
        Format::Pdf => render_pdf(picture, language, &crate::export::PdfOptions::default())?,
    })
}

/// The picture as a PDF, by the summary's PDF renderer. `language` is the guide's language tag.
pub fn render_pdf(
    picture: &SchoolPicture,
    language: &str,
    options: &crate::export::PdfOptions,
) -> Result<Vec<u8>, PictureRenderError> {
    let doc = picture_document(picture);
    let meta = crate::export::pdf::PdfMeta {
        title: format!("{} · {}", doc.title, picture.guide_title),
        language: Some(language.trim().to_owned()).filter(|l| !l.is_empty()),
        author: None,
    };
    Ok(crate::export::pdf::render_document(&doc, &meta, options)?)
}

pub fn render_markdown(picture: &SchoolPicture) -> String {
    to_markdown(&picture_document(picture))
}

/// `language` is the guide's language tag, for the page's `lang`.
pub fn render_html(picture: &SchoolPicture, language: &str) -> String {
    let language = if language.trim().is_empty() {
        "en"
    } else {
        language.trim()
    };
    to_html(&picture_document(picture), language)
}

/// Pretty-printed JSON with a final newline: `format`, `kind`, then the picture's fields.
pub fn render_json(picture: &SchoolPicture) -> Result<String, serde_json::Error> {
    #[derive(Serialize)]
    struct Out<'a> {
        format: u32,
        kind: &'static str,
        #[serde(flatten)]
        picture: &'a SchoolPicture,
    }
    let mut text = serde_json::to_string_pretty(&Out {
        format: PICTURE_FORMAT,
        kind: PICTURE_KIND,
        picture,
    })?;
    text.push('\n');
    Ok(text)
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 7] = [
    "Kind",
    "Component",
    "Practice id",
    "Practice",
    "Teachers",
    "Out of",
    "Note",
];

/// One row per component, practice, common strength and common next step, after
/// a row for the whole group. RFC 4180 with a byte order mark, as the summary's CSV.
pub fn render_csv(picture: &SchoolPicture) -> String {
    let mut out = String::from("\u{FEFF}");
    let mut row = |cells: [&str; 7]| {
        let cells: Vec<String> = cells.iter().map(|c| field(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    row(CSV_COLUMNS);
    let min = picture.min_group;
    if picture.too_small {
        row([
            "group",
            "",
            "",
            "",
            &picture.teachers.to_string(),
            "",
            &format!("Fewer than {min} teachers: no counts are shown"),
        ]);
        return out;
    }
    let total = picture.teachers.to_string();
    row([
        "group",
        "",
        "",
        "",
        &total,
        &total,
        &format!(
            "Each teacher counted once; counts below {min}, or short of the whole group by fewer than {min}, are hidden"
        ),
    ]);
    for component in &picture.components {
        row([
            "component",
            &component.title,
            "",
            "",
            &component.teachers_using_any.to_string(),
            &total,
            "teachers using at least one practice",
        ]);
        for practice in &component.practices {
            row([
                "practice",
                &component.title,
                &practice.practice_id,
                &practice.name,
                &practice.in_use.to_string(),
                &total,
                "",
            ]);
        }
    }
    for (kind, list, note) in [
        (
            "strength",
            &picture.strengths,
            "rated at the top of the scale",
        ),
        ("next step", &picture.next_steps, "flagged as a next step"),
    ] {
        for common in list {
            row([
                kind,
                &common.component_title,
                &common.practice_id,
                &common.name,
                &common.teachers.to_string(),
                &total,
                note,
            ]);
        }
    }
    out
}

/// The document the Markdown and HTML forms render.
pub fn picture_document(picture: &SchoolPicture) -> Document {
    let min = picture.min_group;
    let mut meta = Vec::new();
    meta.push(match picture.teachers {
        Shown::Count(n) => {
            format!("{n} teachers, each counted once by their newest reflection on this guide")
        }
        hidden => format!("{} teachers", capitalized(&hidden.to_string())),
    });
    meta.push(format!(
        "Counts below {min} are shown as \"fewer than {min}\", and counts that fall short of the whole \
         group by fewer than {min} as \"all but fewer than {min}\", so that no one can be singled out. \
         No names and no teachers' own words are included, and private answers are not counted."
    ));
    if let Some(date) = &picture.prepared {
        meta.push(format!("Prepared {date}"));
    }
    let mut parts = if picture.too_small {
        vec![Part {
            id: "not-enough",
            heading: "Not enough teachers yet".to_owned(),
            blocks: vec![
                Block::Paragraph(vec![Span::plain(format!(
                    "This picture shows counts only for a group of at least {min} teachers, so that no one \
                     can be singled out. Fewer than {min} teachers have reflected on this guide, so it shows no counts."
                ))]),
                Block::Note("It fills in as more teachers reflect on this guide.".to_owned()),
            ],
        }]
    } else {
        vec![
            overview(picture),
            practices(picture),
            common(
                picture,
                "strengths",
                "Strengths to share",
                "Practices many teachers rate at the top of the scale: colleagues who could lead a short session on them.",
                &format!(
                    "No practice is rated at the top of the scale by {min} or more teachers yet."
                ),
                true,
            ),
            common(
                picture,
                "next-steps",
                "Where teachers want to go next",
                "Practices many teachers flagged as a next step: good topics to work on together.",
                &format!("No practice is flagged as a next step by {min} or more teachers yet."),
                false,
            ),
        ]
    };
    parts.push(about(picture));
    Document {
        title: "Practices already in use across teachers".to_owned(),
        subtitle: format!("{} · school-wide picture", picture.guide_title),
        meta,
        parts,
    }
}

fn overview(picture: &SchoolPicture) -> Part {
    let mut first = vec![
        Span::strong(format!("{} teachers", picture.teachers)),
        Span::plain(" are in this picture."),
    ];
    if let Some(median) = picture.median_in_use {
        first.push(Span::plain(" Half of them already use "));
        first.push(Span::strong(format!(
            "{median} or more of the {} practices",
            picture.practices
        )));
        first.push(Span::plain(
            " in this guide. Personalized learning grows from what teachers already do.",
        ));
    }
    let mut blocks = vec![
        Block::Paragraph(first),
        Block::Paragraph(vec![Span::plain(
            "Teachers using at least one practice of each component:",
        )]),
    ];
    let bars: Vec<Bar> = picture
        .components
        .iter()
        .filter_map(|c| {
            Some(Bar {
                label: c.title.clone(),
                count: share(c.teachers_using_any, picture.teachers)?,
            })
        })
        .collect();
    if !bars.is_empty() {
        blocks.push(Block::Bars(bars));
    }
    for (hidden, says) in [
        (
            Shown::FewerThan(picture.min_group),
            "teachers use any practice of",
        ),
        (
            Shown::AllButFewerThan(picture.min_group),
            "teachers use at least one practice of",
        ),
    ] {
        let titles: Vec<&str> = picture
            .components
            .iter()
            .filter(|c| c.teachers_using_any == hidden)
            .map(|c| c.title.as_str())
            .collect();
        if !titles.is_empty() {
            blocks.push(Block::Note(format!(
                "{} {says}: {}.",
                capitalized(&hidden.to_string()),
                titles.join("; ")
            )));
        }
    }
    Part {
        id: "overview",
        heading: "Already in teachers' practice".to_owned(),
        blocks,
    }
}

fn practices(picture: &SchoolPicture) -> Part {
    let mut blocks = vec![Block::Paragraph(vec![Span::plain(format!(
        "How many of the {} teachers have each practice in use.",
        picture.teachers
    ))])];
    for component in &picture.components {
        blocks.push(Block::Subheading(component.title.clone()));
        blocks.push(Block::Table {
            header: vec!["Practice".to_owned(), "Teachers using it".to_owned()],
            rows: component
                .practices
                .iter()
                .map(|p| {
                    let count = match p.in_use {
                        Shown::Count(n) => format!("{n} of {}", picture.teachers),
                        hidden => hidden.to_string(),
                    };
                    vec![p.name.clone(), count]
                })
                .collect(),
        });
    }
    Part {
        id: "practices",
        heading: "Practice by practice".to_owned(),
        blocks,
    }
}

fn common(
    picture: &SchoolPicture,
    id: &'static str,
    heading: &str,
    intro: &str,
    none: &str,
    strengths: bool,
) -> Part {
    let list = if strengths {
        &picture.strengths
    } else {
        &picture.next_steps
    };
    let blocks = if list.is_empty() {
        vec![Block::Note(none.to_owned())]
    } else {
        vec![
            Block::Paragraph(vec![Span::plain(intro)]),
            Block::List {
                items: list
                    .iter()
                    .map(|p| ListItem {
                        main: vec![
                            Span::strong(&p.name),
                            Span::plain(format!(" · {} teachers", p.teachers)),
                        ],
                        details: vec![p.component_title.clone()],
                    })
                    .collect(),
                compact: false,
            },
        ]
    };
    Part {
        id,
        heading: heading.to_owned(),
        blocks,
    }
}

fn about(picture: &SchoolPicture) -> Part {
    Part {
        id: "about",
        heading: "About this picture".to_owned(),
        blocks: vec![
            Block::Paragraph(vec![
                Span::strong("Guide: "),
                Span::plain(format!(
                    "{} (guide {}, version {})",
                    picture.guide_title, picture.guide_id, picture.guide_version
                )),
            ]),
            Block::Note(format!(
                "Made with PL Reflect from teachers' reflections. Each teacher counts once, by their \
                 newest reflection; counts below {min}, or short of the whole group by fewer than {min}, \
                 are hidden.",
                min = picture.min_group
            )),
        ],
    }
}

/// "fewer than 5" as it starts a sentence.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
