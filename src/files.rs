//! Files in and out of the browser: a text saved as a download, a chosen file read as text.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlInputElement, Url};

/// Offers `text` as a file named `name` to download.
pub fn save(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document =
        web_sys::window().and_then(|w| w.document()).ok_or_else(|| JsValue::from_str("no document"))?;
    let link: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    // Marked external, so the console's router leaves the click to the browser.
    link.set_rel("external");
    link.click();
    Url::revoke_object_url(&url)
}

/// The name and text of the file chosen in `input`, if any.
pub async fn read_chosen(input: &HtmlInputElement) -> Option<Result<(String, String), JsValue>> {
    let file = input.files()?.get(0)?;
    let read = async {
        let text = JsFuture::from(file.text()).await?;
        Ok((file.name(), text.as_string().unwrap_or_default()))
    };
    Some(read.await)
}
