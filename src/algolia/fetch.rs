//! The browser's `fetch`, as the console calls it: a method, headers, an optional body, and an
//! abort signal; the answer's status and body bytes. Written over web-sys rather than taken from
//! gloo-net, whose streams support put three JavaScript classes and their glue in every build for
//! nothing this console uses.

use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortSignal, Headers, ReferrerPolicy, Request, RequestCache, RequestCredentials, RequestInit, Response,
};

/// An HTTP method the key API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// The response's headers arrived: its status, and a way to read its body.
pub struct Answer(Response);

impl Answer {
    pub fn status(&self) -> u16 {
        self.0.status()
    }

    pub async fn bytes(&self) -> Result<Vec<u8>, JsValue> {
        let buffer = JsFuture::from(self.0.array_buffer()?).await?;
        Ok(Uint8Array::new(&buffer).to_vec())
    }
}

/// Sends a request that carries no cookie, no referrer, and is never answered from a cache.
pub async fn send(
    method: Method,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
    signal: Option<&AbortSignal>,
) -> Result<Answer, JsValue> {
    let init = RequestInit::new();
    init.set_method(method.as_str());
    init.set_cache(RequestCache::NoStore);
    init.set_credentials(RequestCredentials::Omit);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    let sent_headers = Headers::new()?;
    for (name, value) in headers {
        sent_headers.set(name, value)?;
    }
    init.set_headers(&sent_headers);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(body));
    }
    init.set_signal(signal);
    let request = Request::new_with_str_and_init(url, &init)?;
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let response = JsFuture::from(window.fetch_with_request(&request)).await?;
    Ok(Answer(response.dyn_into()?))
}
