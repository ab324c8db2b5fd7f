//! The server-side code that makes the same secured key with Algolia's JavaScript and Python
//! clients. The restrictions are written as a literal of each language that holds exactly the
//! values this page signs: a snippet that changed one character of a filter would sign another key.

use super::{Restriction, Restrictions};

/// Node.js, `algoliasearch` v5.
pub fn javascript(restrictions: &Restrictions) -> String {
    // JSON is a JavaScript object literal with the same values. Its newlines fall only between
    // tokens (a newline inside a string is written `\n`), so indenting after each one is safe.
    let literal = literal(restrictions, "  ", 0).replace('\n', "\n  ");
    format!(
        "// Node.js, algoliasearch v5\nconst securedKey = client.generateSecuredApiKey({{\n  parentApiKey: process.env.ALGOLIA_SEARCH_KEY,\n  restrictions: {literal},\n}});"
    )
}

/// Python, `algoliasearch` v4.
pub fn python(restrictions: &Restrictions) -> String {
    let literal = literal(restrictions, "    ", 1);
    format!(
        "# Python, algoliasearch v4\nsecured_key = client.generate_secured_api_key(\n    parent_api_key=os.environ[\"ALGOLIA_SEARCH_KEY\"],\n    restrictions={literal},\n)"
    )
}

/// Whether Algolia's Python client writes this query string otherwise: its `urlencode` escapes
/// `! ' ( ) *`, which `encodeURIComponent` (this page, the JavaScript client) leaves as they are.
/// The key it prints then differs in text, with the same restrictions inside.
pub fn python_escapes_otherwise(query: &str) -> bool {
    query.contains(['!', '\'', '(', ')', '*'])
}

/// The restrictions as an object literal, one entry per line, indented by `unit`, its closing
/// brace `depth` units in. Texts, whole numbers, lists of texts and an object of texts read the
/// same in JSON, JavaScript and Python, so one writer serves both snippets.
fn literal(restrictions: &Restrictions, unit: &str, depth: usize) -> String {
    let mut entries: Vec<String> = restrictions
        .top
        .iter()
        .map(|(name, value)| {
            let value = match value {
                Restriction::Text(text) => string(text),
                Restriction::Number(n) => n.to_string(),
                Restriction::List(items) => {
                    block(('[', ']'), items.iter().map(|i| string(i)), unit, depth + 1)
                }
            };
            format!("{}: {value}", string(name))
        })
        .collect();
    if !restrictions.search_params.is_empty() {
        let params = restrictions
            .search_params
            .iter()
            .map(|(name, value)| format!("{}: {}", string(name), string(value)));
        entries.push(format!("{}: {}", string("searchParams"), block(('{', '}'), params, unit, depth + 1)));
    }
    block(('{', '}'), entries.into_iter(), unit, depth)
}

/// A string as JSON writes it: JSON's escapes (`\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, `\u00XX`)
/// mean the same in JavaScript and in a Python string literal, and JSON leaves every other
/// character as it is.
fn string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn block(
    (open, close): (char, char),
    items: impl Iterator<Item = String>,
    unit: &str,
    depth: usize,
) -> String {
    let inner = unit.repeat(depth + 1);
    let items: Vec<String> = items.map(|item| format!("{inner}{item}")).collect();
    if items.is_empty() {
        format!("{open}{close}")
    } else {
        format!("{open}\n{}\n{}{close}", items.join(",\n"), unit.repeat(depth))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secured::tests::from_json;
    use crate::secured::{generate, query_string};
    use serde_json::{Map, Value, json};

    const PARENT: &str = "parent-search-key-0123456789";

    /// The restrictions written in a JavaScript snippet, read back.
    fn read_javascript(snippet: &str) -> Map<String, Value> {
        let (_, rest) = snippet.split_once("restrictions: ").expect("the snippet names its restrictions");
        let literal = rest.strip_suffix(",\n});").expect("the snippet ends the call");
        serde_json::from_str(literal).expect("the restrictions are a JSON object")
    }

    /// The restrictions written in a Python snippet, read back.
    fn read_python(snippet: &str) -> Map<String, Value> {
        let (_, rest) = snippet.split_once("restrictions=").expect("the snippet names its restrictions");
        let literal = rest.strip_suffix(",\n)").expect("the snippet ends the call");
        serde_json::from_str(&python_to_json(literal)).expect("the restrictions read as JSON")
    }

    /// Turns a Python literal into JSON: `True`, `False` and `None` outside strings become JSON's
    /// words, strings are copied as they are. It refuses any escape that Python reads differently
    /// from JSON (`\/`, say), and any word or quote Python would read otherwise.
    fn python_to_json(literal: &str) -> String {
        let mut json = String::new();
        let mut chars = literal.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => {
                    json.push(c);
                    loop {
                        let c = chars.next().expect("every string is closed");
                        json.push(c);
                        match c {
                            '"' => break,
                            '\\' => {
                                let escaped = chars.next().expect("an escape has its character");
                                assert!("\"\\nrtbfu".contains(escaped), "Python reads \\{escaped} otherwise");
                                json.push(escaped);
                            }
                            _ => {}
                        }
                    }
                }
                '\'' => panic!("only double-quoted strings read the same in JSON"),
                c if c.is_ascii_digit() || c == '-' => {
                    json.push(c);
                    while let Some(&next) =
                        chars.peek().filter(|n| n.is_ascii_alphanumeric() || ".+-".contains(**n))
                    {
                        json.push(next);
                        chars.next();
                    }
                }
                c if c.is_alphabetic() => {
                    let mut word = String::from(c);
                    while let Some(&next) = chars.peek().filter(|n| n.is_alphanumeric() || **n == '_') {
                        word.push(next);
                        chars.next();
                    }
                    json.push_str(match word.as_str() {
                        "True" => "true",
                        "False" => "false",
                        "None" => "null",
                        other => panic!("not a Python literal: {other}"),
                    });
                }
                c => json.push(c),
            }
        }
        json
    }

    /// Each snippet's own restrictions, signed with the module's functions, give the page's key,
    /// and read back as the JSON the restrictions were made from.
    fn assert_snippets_sign_the_same_key(json: Value) {
        let restrictions = from_json(&json);
        let expected = generate(PARENT, &query_string(&restrictions));
        let javascript = javascript(&restrictions);
        let python = python(&restrictions);
        for (snippet, written) in
            [(&javascript, read_javascript(&javascript)), (&python, read_python(&python))]
        {
            let written = Value::Object(written);
            assert_eq!(generate(PARENT, &query_string(&from_json(&written))), expected, "{snippet}");
            assert_eq!(written, json, "{snippet}");
        }
    }

    #[test]
    fn words_inside_strings_stay_as_they_are() {
        let restrictions = json!({"filters": "on_sale:true AND NOT discontinued:false AND note:null"});
        assert_snippets_sign_the_same_key(restrictions.clone());
        let python = python(&from_json(&restrictions));
        assert!(
            python.contains(r#""filters": "on_sale:true AND NOT discontinued:false AND note:null""#),
            "{python}"
        );
    }

    #[test]
    fn python_words_and_quotes_inside_strings() {
        assert_snippets_sign_the_same_key(json!({
            "filters": "brand:\"None\" OR brand:'True' OR category:False",
            "userToken": "None",
            "restrictSources": "True",
        }));
    }

    #[test]
    fn escapes_newlines_and_unicode() {
        assert_snippets_sign_the_same_key(json!({
            "filters": "path:\"C:\\\\temp\\\\new\" AND title:\"a\\\"b\"",
            "userToken": "line one\nline two\r\ttabbed\u{8}\u{c}\u{1}\u{7f}",
            "query": "café 日本 😀 \u{2028} end",
        }));
    }

    #[test]
    fn numbers_lists_and_search_parameters() {
        let restrictions = json!({
            "validUntil": 2_000_000_000,
            "restrictIndices": ["prod_*", "dev \"quoted\"", "true"],
            "searchParams": {"analytics": "false", "hitsPerPage": "5", "query": "None"},
        });
        assert_snippets_sign_the_same_key(restrictions.clone());
        let python = python(&from_json(&restrictions));
        assert!(python.contains("\n        \"validUntil\": 2000000000,\n"), "{python}");
        assert!(
            python.contains("        \"searchParams\": {\n            \"analytics\": \"false\","),
            "{python}"
        );
    }

    #[test]
    fn no_restriction_at_all() {
        assert_snippets_sign_the_same_key(json!({}));
        assert!(python(&Restrictions::default()).contains("restrictions={},"));
        assert!(javascript(&Restrictions::default()).contains("restrictions: {},"));
    }

    #[test]
    fn python_escapes_what_encode_uri_component_keeps() {
        let query = |restrictions: Value| query_string(&from_json(&restrictions));
        assert!(python_escapes_otherwise(&query(json!({"restrictIndices": ["prod_*"]}))));
        assert!(python_escapes_otherwise(&query(json!({"filters": "NOT (brand:'Acme')!"}))));
        assert!(!python_escapes_otherwise(&query(json!({"filters": "a b~c-d_e.f", "validUntil": 42}))));
    }

    #[test]
    fn python_is_indented_as_python_is_written() {
        let restrictions = json!({"restrictIndices": ["a", "b"], "validUntil": 42});
        assert_eq!(
            python(&from_json(&restrictions)),
            "# Python, algoliasearch v4\nsecured_key = client.generate_secured_api_key(\n    parent_api_key=os.environ[\"ALGOLIA_SEARCH_KEY\"],\n    restrictions={\n        \"restrictIndices\": [\n            \"a\",\n            \"b\"\n        ],\n        \"validUntil\": 42\n    },\n)"
        );
    }
}
