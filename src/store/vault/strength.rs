//! A hint of how hard a passphrase is to guess, shown while it is typed.
//! Rough on purpose: length and variety, and the commonest choices refused.

/// How strong a passphrase looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Shorter than [`MIN_LEN`] or one of the commonest choices: not accepted.
    TooWeak,
    Weak,
    Fair,
    Strong,
}

/// The fewest characters a passphrase may have.
pub const MIN_LEN: usize = 8;

const COMMON: &[&str] = &[
    "password",
    "passw0rd",
    "12345678",
    "123456789",
    "1234567890",
    "qwertyuiop",
    "iloveyou",
    "teacher1",
    "teacher123",
    "welcome1",
    "letmein1",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "abcdefgh",
    "11111111",
    "00000000",
    "qwerty123",
];

impl Strength {
    /// What the hint says.
    pub fn hint(self) -> &'static str {
        match self {
            Strength::TooWeak => "Too weak: use at least 8 characters, and not a common password",
            Strength::Weak => "Weak: a few words of a sentence only you know are stronger",
            Strength::Fair => "Fair: a longer passphrase would be stronger",
            Strength::Strong => "Strong",
        }
    }

    /// Whether it is accepted at all.
    pub fn is_acceptable(self) -> bool {
        self != Strength::TooWeak
    }
}

/// How strong `passphrase` looks.
pub fn strength(passphrase: &str) -> Strength {
    let len = passphrase.chars().count();
    let lower = passphrase.to_lowercase();
    if len < MIN_LEN || COMMON.contains(&lower.as_str()) {
        return Strength::TooWeak;
    }
    let kinds = [
        passphrase.chars().any(char::is_lowercase),
        passphrase.chars().any(char::is_uppercase),
        passphrase.chars().any(|c| c.is_ascii_digit()),
        passphrase.chars().any(|c| !c.is_alphanumeric()),
    ]
    .iter()
    .filter(|&&k| k)
    .count();
    let words = passphrase.split_whitespace().count();
    if len >= 20 || (len >= 14 && (kinds >= 3 || words >= 3)) {
        Strength::Strong
    } else if len >= 12 || kinds >= 3 {
        Strength::Fair
    } else {
        Strength::Weak
    }
}
