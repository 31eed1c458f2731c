//! Grade bands: a practice's example may be given for younger or older
//! students, and a reflection remembers the band its teacher chose.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The grade bands a practice's example may be given for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum GradeBand {
    #[serde(rename = "k-2")]
    K2,
    #[serde(rename = "3-5")]
    G3to5,
    #[serde(rename = "6-8")]
    G6to8,
    #[serde(rename = "9-12")]
    G9to12,
}

impl GradeBand {
    pub const ALL: [GradeBand; 4] = [
        GradeBand::K2,
        GradeBand::G3to5,
        GradeBand::G6to8,
        GradeBand::G9to12,
    ];

    /// The band as teachers write it, for example "K–2".
    pub fn label(self) -> &'static str {
        match self {
            GradeBand::K2 => "K\u{2013}2",
            GradeBand::G3to5 => "3\u{2013}5",
            GradeBand::G6to8 => "6\u{2013}8",
            GradeBand::G9to12 => "9\u{2013}12",
        }
    }

    /// The band as it is written in files and on the command line, for example `k-2`.
    pub fn id(self) -> &'static str {
        match self {
            GradeBand::K2 => "k-2",
            GradeBand::G3to5 => "3-5",
            GradeBand::G6to8 => "6-8",
            GradeBand::G9to12 => "9-12",
        }
    }

    pub fn from_id(id: &str) -> Option<GradeBand> {
        GradeBand::ALL.into_iter().find(|band| band.id() == id)
    }
}

/// A practice's example for each grade band that has its own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BandExamples {
    #[serde(rename = "k-2", default, skip_serializing_if = "Option::is_none")]
    pub k2: Option<String>,
    #[serde(rename = "3-5", default, skip_serializing_if = "Option::is_none")]
    pub g3to5: Option<String>,
    #[serde(rename = "6-8", default, skip_serializing_if = "Option::is_none")]
    pub g6to8: Option<String>,
    #[serde(rename = "9-12", default, skip_serializing_if = "Option::is_none")]
    pub g9to12: Option<String>,
}

impl BandExamples {
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    pub fn get(&self, band: GradeBand) -> Option<&str> {
        match band {
            GradeBand::K2 => self.k2.as_deref(),
            GradeBand::G3to5 => self.g3to5.as_deref(),
            GradeBand::G6to8 => self.g6to8.as_deref(),
            GradeBand::G9to12 => self.g9to12.as_deref(),
        }
    }

    /// The bands that have an example, in band order.
    pub fn iter(&self) -> impl Iterator<Item = (GradeBand, &str)> {
        GradeBand::ALL
            .into_iter()
            .filter_map(|band| self.get(band).map(|example| (band, example)))
    }
}
