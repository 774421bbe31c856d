use super::*;
use proptest::prelude::*;

/// The distribution spec's name regex, verbatim, anchored.
const NAME_RE: &str = r"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$";
/// The distribution spec's tag regex, anchored.
const TAG_RE: &str = r"^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$";
/// The image spec's digest grammar as a regex, anchored.
const DIGEST_RE: &str = r"^[a-z0-9]+([+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$";

#[test]
fn names_follow_the_spec() {
    for ok in [
        "a",
        "hello",
        "org/team/app",
        "a.b_c-d/e__f",
        "a---b",
        "a/manifests/b",
        "0",
    ] {
        assert!(RepositoryName::parse(ok).is_ok(), "{ok}");
    }
    for bad in [
        "", "A", "a/", "/a", "a//b", "a/../b", "-a", "a-", "a___b", "a._b", "a.-b", "a..b", "_a",
        "a b", "a\0b", "é",
    ] {
        assert_eq!(
            RepositoryName::parse(bad),
            Err(NameError::Grammar),
            "{bad:?}"
        );
    }
    let long = "a".repeat(MAX_NAME_LEN);
    assert!(RepositoryName::parse(&long).is_ok());
    assert_eq!(
        RepositoryName::parse(&format!("{long}a")),
        Err(NameError::TooLong)
    );
}

#[test]
fn references_are_tags_or_digests() {
    let digest = format!("sha256:{}", "a".repeat(64));
    assert_eq!(
        Reference::parse(&digest),
        Some(Reference::Digest(digest.clone()))
    );
    assert_eq!(
        Reference::parse("v1.0_rc-1"),
        Some(Reference::Tag("v1.0_rc-1".into()))
    );
    assert_eq!(
        Reference::parse(&"t".repeat(128)).map(|r| r.as_str().len()),
        Some(128)
    );
    for bad in ["", ".x", "-x", "a/b", "a b", &"t".repeat(129), "sha256:"] {
        assert_eq!(Reference::parse(bad), None, "{bad:?}");
    }
    let sha512 = format!("sha512:{}", "b".repeat(128));
    assert!(is_digest(&sha512));
    assert_eq!(
        Reference::parse(&sha512),
        Some(Reference::Digest(sha512.clone()))
    );
    // Every digest the blob store computes is one by the grammar, whatever its algorithm.
    for algorithm in crate::blobs::Algorithm::ALL {
        let d = crate::blobs::Digest::of(algorithm, b"x");
        assert_eq!(
            Reference::parse(d.as_str()),
            Some(Reference::Digest(d.to_string()))
        );
    }
    assert!(is_digest("sha512+b64u.x:AbC=_-"));
    assert!(!is_digest("SHA256:abc"));
    assert!(!is_digest("sha256+:abc"));
}

proptest! {
    /// The hand matcher agrees with the spec's regex on strings made mostly of the grammar's own characters.
    #[test]
    fn name_matcher_is_the_spec_regex(s in "[a-c0-9._/A-]{0,24}") {
        let re = regex::Regex::new(NAME_RE).unwrap();
        prop_assert_eq!(RepositoryName::parse(&s).is_ok(), re.is_match(&s));
    }

    #[test]
    fn long_names_are_refused_by_length(s in "[a-z]{256,300}") {
        prop_assert_eq!(RepositoryName::parse(&s), Err(NameError::TooLong));
    }

    #[test]
    fn tag_matcher_is_the_spec_regex(s in "[a-zA-Z0-9._ /:-]{0,130}") {
        let re = regex::Regex::new(TAG_RE).unwrap();
        prop_assert_eq!(is_tag(&s), re.is_match(&s));
    }

    #[test]
    fn digest_matcher_is_the_spec_grammar(s in "[a-fA-F0-9:+._=-]{0,20}") {
        let re = regex::Regex::new(DIGEST_RE).unwrap();
        prop_assert_eq!(is_digest(&s), re.is_match(&s));
    }

    #[test]
    fn any_input_parses_or_is_refused(s in any::<String>()) {
        let _ = RepositoryName::parse(&s);
        let _ = Reference::parse(&s);
    }
}
