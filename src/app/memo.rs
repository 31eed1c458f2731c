//! A value kept until what it was made from changes, so that screens which
//! show something computed from the whole notebook (a summary, the school-wide
//! picture, the revisits due) compute it once per change, not once per frame.

/// One value and the key it was made for.
#[derive(Debug)]
pub struct Memo<K, V> {
    entry: Option<(K, V)>,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo { entry: None }
    }
}

impl<K: PartialEq, V> Memo<K, V> {
    /// The value, if it was made for `key`.
    pub fn get(&self, key: &K) -> Option<&V> {
        self.entry
            .as_ref()
            .filter(|(made_for, _)| made_for == key)
            .map(|(_, value)| value)
    }

    /// Keeps `value` as the one made for `key`.
    pub fn set(&mut self, key: K, value: V) {
        self.entry = Some((key, value));
    }

    /// Forgets the value, for when it can no longer be made.
    pub fn clear(&mut self) {
        self.entry = None;
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;

    #[test]
    fn a_value_is_given_back_only_for_the_key_it_was_made_for() {
        let mut memo: Memo<(String, u64), usize> = Memo::default();
        let key = ("r-1".to_owned(), 7);
        assert_eq!(memo.get(&key), None);
        memo.set(key.clone(), 42);
        assert_eq!(memo.get(&key), Some(&42));
        assert_eq!(memo.get(&("r-1".to_owned(), 8)), None);
        assert_eq!(memo.get(&("r-2".to_owned(), 7)), None);
        memo.set(("r-1".to_owned(), 8), 43);
        assert_eq!(memo.get(&key), None);
        memo.clear();
        assert_eq!(memo.get(&("r-1".to_owned(), 8)), None);
    }
}
