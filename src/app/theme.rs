//! The visual language, defined once: spacing, colours and text styles.

use egui::{Color32, FontFamily, FontId, TextStyle, ThemePreference};
use serde::{Deserialize, Serialize};

/// The reading column never grows wider than this, so lines stay easy to read.
pub const READING_WIDTH: f32 = 760.0;
/// Space between major blocks.
pub const GAP: f32 = 18.0;
/// Space between related items.
pub const SMALL_GAP: f32 = 8.0;
/// Inner margin of cards.
pub const CARD_MARGIN: i8 = 14;
pub const MIN_ZOOM: f32 = 0.6;
pub const MAX_ZOOM: f32 = 2.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "Follow the system",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
        }
    }

    fn preference(self) -> ThemePreference {
        match self {
            ThemeChoice::System => ThemePreference::System,
            ThemeChoice::Light => ThemePreference::Light,
            ThemeChoice::Dark => ThemePreference::Dark,
        }
    }
}

/// Applies the theme choice and the house text styles to the context.
pub fn apply(ctx: &egui::Context, choice: ThemeChoice) {
    ctx.set_theme(choice.preference());
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(26.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Name("Subheading".into()),
                FontId::new(19.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(15.5, FontFamily::Proportional)),
            (
                TextStyle::Monospace,
                FontId::new(14.0, FontFamily::Monospace),
            ),
            (
                TextStyle::Button,
                FontId::new(15.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(12.5, FontFamily::Proportional),
            ),
        ]
        .into();
        // One rasterization per glyph instead of up to four sub-pixel offsets:
        // text is a little crisper, and a screen's first frame is about 1.5 ms
        // cheaper, as every glyph it shows is rasterized then.
        style.visuals.text_options.subpixel_binning = false;
        style.spacing.item_spacing = egui::vec2(10.0, 8.0);
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
        style.spacing.interact_size.y = 26.0;
        // egui's default body text is quite dim; reading long prompts needs more contrast.
        let text = if style.visuals.dark_mode {
            Color32::from_gray(215)
        } else {
            Color32::from_gray(25)
        };
        style.visuals.widgets.noninteractive.fg_stroke.color = text;
    });
    // egui's own Ctrl +/- handling is off: the shared command list handles zoom,
    // so the menu and the shortcut do the same thing and the level is saved.
    ctx.options_mut(|options| options.zoom_with_keyboard = false);
}

pub fn subheading() -> TextStyle {
    TextStyle::Name("Subheading".into())
}

/// The accent used for "already in your practice" and progress.
pub fn accent(visuals: &egui::Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(110, 190, 160)
    } else {
        Color32::from_rgb(30, 120, 95)
    }
}

/// Colour for problems that need attention.
pub fn warning(visuals: &egui::Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(240, 180, 90)
    } else {
        Color32::from_rgb(160, 90, 0)
    }
}

/// A softly filled card around a block of content.
pub fn card(ui: &egui::Ui) -> egui::Frame {
    egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .inner_margin(egui::Margin::same(CARD_MARGIN))
        .corner_radius(8.0)
}
