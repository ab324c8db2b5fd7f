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
