//! Algolia's ACL values and what each allows, in one line.

pub struct Acl {
    pub name: &'static str,
    pub meaning: &'static str,
}

pub const ACLS: &[Acl] = &[
    Acl { name: "search", meaning: "Run search queries" },
    Acl { name: "browse", meaning: "Read every record with the browse API" },
    Acl { name: "addObject", meaning: "Add and update records, copy and move indices" },
    Acl { name: "deleteObject", meaning: "Delete records" },
    Acl { name: "deleteIndex", meaning: "Delete indices" },
    Acl { name: "listIndexes", meaning: "List indices" },
    Acl { name: "settings", meaning: "Read index settings" },
    Acl { name: "editSettings", meaning: "Change index settings" },
    Acl { name: "analytics", meaning: "Use the Analytics API" },
    Acl { name: "recommendation", meaning: "Use the Recommend and Personalization APIs" },
    Acl { name: "usage", meaning: "Use the Usage API" },
    Acl { name: "logs", meaning: "Read the logs" },
    Acl { name: "seeUnretrievableAttributes", meaning: "See attributes marked unretrievable" },
    Acl { name: "personalization", meaning: "Use the Personalization API" },
    Acl { name: "inference", meaning: "Use the Inference API" },
    Acl { name: "nluWriteProject", meaning: "Write natural-language-understanding projects" },
    Acl { name: "nluReadProject", meaning: "Read natural-language-understanding projects" },
    Acl { name: "nluWriteEntity", meaning: "Write NLU entities" },
    Acl { name: "nluReadEntity", meaning: "Read NLU entities" },
    Acl { name: "nluWriteIntent", meaning: "Write NLU intents" },
    Acl { name: "nluReadIntent", meaning: "Read NLU intents" },
    Acl { name: "nluPrediction", meaning: "Run NLU predictions" },
    Acl { name: "nluReadAnswers", meaning: "Read NLU answers" },
];

/// What an ACL allows, or a note that this console does not know it.
pub fn meaning(name: &str) -> &'static str {
    ACLS.iter().find(|a| a.name == name).map_or("An ACL this console does not know", |a| a.meaning)
}

/// The ACLs in groups, as the key form shows them.
pub const GROUPS: &[(&str, &[&str])] = &[
    ("Search", &["search", "browse", "seeUnretrievableAttributes"]),
    ("Records", &["addObject", "deleteObject"]),
    ("Indices", &["listIndexes", "deleteIndex"]),
    ("Settings", &["settings", "editSettings"]),
    ("Analytics", &["analytics", "usage", "logs"]),
    (
        "Other APIs",
        &[
            "recommendation",
            "personalization",
            "inference",
            "nluReadProject",
            "nluWriteProject",
            "nluReadEntity",
            "nluWriteEntity",
            "nluReadIntent",
            "nluWriteIntent",
            "nluPrediction",
            "nluReadAnswers",
        ],
    ),
];

/// Common sets of ACLs, one click each.
pub const PRESETS: &[(&str, &[&str])] = &[
    ("Search-only", &["search"]),
    (
        "Indexing",
        &["search", "browse", "addObject", "deleteObject", "listIndexes", "settings", "editSettings"],
    ),
    ("Read settings", &["settings", "listIndexes"]),
    ("Analytics", &["analytics", "usage"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_acl_is_in_exactly_one_group_and_presets_use_known_acls() {
        for acl in ACLS {
            let count = GROUPS.iter().filter(|(_, names)| names.contains(&acl.name)).count();
            assert_eq!(count, 1, "{}", acl.name);
        }
        for (_, names) in PRESETS {
            assert!(names.iter().all(|n| ACLS.iter().any(|a| a.name == *n)));
        }
    }
}
