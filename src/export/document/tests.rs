use super::phrases::shortened;

#[test]
fn a_long_changed_answer_is_shortened_so_it_is_not_printed_twice() {
    let long = "word ".repeat(1000);
    let short = shortened(&long);
    assert!(short.chars().count() < 340, "{}", short.len());
    assert!(short.ends_with("(in full under the teacher's own words)"));
    assert_eq!(
        shortened("Two stations on Friday"),
        "Two stations on Friday"
    );
}
