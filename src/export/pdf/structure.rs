//! The tagged structure of a PDF: the groups and content elements built
//! while the document is laid out, turned into krilla's tag tree.

use std::num::NonZeroU16;

use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::outline::{Outline, OutlineNode};
use krilla::tagging::{Identifier, Tag, TagGroup, TagKind, TagTree};

use super::layout::{Layout, Mark};

/// The document's logical structure, built while it is laid out: groups (a
/// section, a list, a table cell) holding content elements, whose drawn pieces
/// are marked [`Mark::Content`] with the element's number.
#[derive(Default)]
pub(super) struct Structure {
    pub(super) roots: Vec<Node>,
    /// Groups opened and not yet closed, innermost last.
    pub(super) open: Vec<(TagKind, Vec<Node>)>,
    pub(super) contents: usize,
    /// Headings for the outline: level, text, page and top.
    pub(super) headings: Vec<(u16, String, usize, f32)>,
}

pub(super) enum Node {
    Group(TagKind, Vec<Node>),
    Content(usize),
}

impl Structure {
    pub(super) fn add(&mut self, node: Node) {
        match self.open.last_mut() {
            Some((_, children)) => children.push(node),
            None => self.roots.push(node),
        }
    }

    pub(super) fn open(&mut self, tag: impl Into<TagKind>) {
        self.open.push((tag.into(), Vec::new()));
    }

    pub(super) fn close(&mut self) {
        if let Some((tag, children)) = self.open.pop() {
            self.add(Node::Group(tag, children));
        }
    }

    /// A new content element in the open group: what is drawn while `layout`
    /// carries its mark belongs to it.
    pub(super) fn content(&mut self, layout: &mut Layout<'_>) {
        let id = self.contents;
        self.contents += 1;
        self.add(Node::Content(id));
        layout.mark = Mark::Content(id);
    }

    /// Writes the content of one element tagged `tag` with `write`.
    pub(super) fn element(
        &mut self,
        layout: &mut Layout<'_>,
        tag: impl Into<TagKind>,
        write: impl FnOnce(&mut Layout<'_>),
    ) {
        self.open(tag);
        self.content(layout);
        write(layout);
        layout.mark = Mark::Decoration;
        self.close();
    }

    /// The krilla tag tree, with each content element replaced by the marked
    /// pieces drawn for it. Groups left empty (an empty paragraph) are dropped.
    pub(super) fn tag_tree(self, mut drawn: Vec<Vec<Identifier>>, language: &str) -> TagTree {
        fn convert(
            node: Node,
            drawn: &mut [Vec<Identifier>],
            out: &mut Vec<krilla::tagging::Node>,
        ) {
            match node {
                Node::Content(id) => {
                    if let Some(ids) = drawn.get_mut(id) {
                        out.extend(std::mem::take(ids).into_iter().map(Into::into));
                    }
                }
                Node::Group(tag, children) => {
                    let mut converted = Vec::new();
                    for child in children {
                        convert(child, drawn, &mut converted);
                    }
                    if !converted.is_empty() {
                        out.push(TagGroup::with_children(tag, converted).into());
                    }
                }
            }
        }
        let mut children = Vec::new();
        for node in self.roots {
            convert(node, &mut drawn, &mut children);
        }
        TagTree::from(children).with_lang(Some(language.to_owned()))
    }

    /// The outline: the parts (level 2) with their subheadings under them.
    pub(super) fn outline(&self) -> Outline {
        let mut outline = Outline::new();
        let mut part: Option<OutlineNode> = None;
        for (level, text, page, y) in &self.headings {
            let node = OutlineNode::new(
                text.clone(),
                XyzDestination::new(*page, Point::from_xy(0.0, *y)),
            );
            if *level <= 2 {
                if let Some(done) = part.take() {
                    outline.push_child(done);
                }
                part = Some(node.with_open(true));
            } else if let Some(parent) = part.as_mut() {
                parent.push_child(node);
            } else {
                outline.push_child(node);
            }
        }
        if let Some(done) = part {
            outline.push_child(done);
        }
        outline
    }
}

/// Heading level `n` (1 to 6).
pub(super) fn level(n: u16) -> NonZeroU16 {
    NonZeroU16::MIN.saturating_add(n.saturating_sub(1))
}

/// A heading's tag, or a paragraph's when the text is blank: PDF/UA needs a
/// title on every heading, and a blank heading says nothing anyway.
pub(super) fn heading_tag(n: u16, text: &str) -> TagKind {
    let text = text.trim();
    if text.is_empty() {
        Tag::P.into()
    } else {
        Tag::Hn(level(n), Some(text.to_owned())).into()
    }
}
