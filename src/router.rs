//! The console's router: the current route as a signal, moves through the History API, the app's
//! own links followed without a reload, and Back and Forward.
//!
//! The console has one flat set of typed routes (`AppRoute`), so this replaces `leptos_router`,
//! whose nested, asynchronous route matching was most of the 45 KB of brotli its removal saved (with
//! `LocalResource` and the sorts: the README's "Bundle"), for features the console does not use.
//!
//! Its click listener is on the window and is added before any view exists, so it runs before the
//! views' delegated `on:click` handlers: a link that must stop the router needs an undelegated
//! listener (`on:click:undelegated`), which runs on the element first. No link has one today; the
//! unsaved-changes question is the router's own.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{HtmlAnchorElement, MouseEvent};

use crate::routes::{AppRoute, base_path};
use crate::unsaved::Unsaved;

/// How a move goes into the history.
#[derive(Clone, Copy, Debug, Default)]
pub struct Nav {
    /// Replaces the current history entry instead of adding one (Back skips it).
    pub replace: bool,
    /// Keeps the scroll position instead of going to the top of the page.
    pub keep_scroll: bool,
}

#[derive(Clone, Copy)]
pub struct Router {
    /// `None` when no page has the address.
    route: RwSignal<Option<AppRoute>>,
    unsaved: Unsaved,
}

impl Router {
    /// The router of the page's address. Its listeners live as long as the app: they are added
    /// once and never removed. `unsaved` is asked before a link leaves a form with changes.
    pub fn start(unsaved: Unsaved) -> Self {
        let router = Self { route: RwSignal::new(current()), unsaved };
        let on_popstate = Closure::<dyn FnMut()>::new(move || router.route.set(current()));
        let on_click = Closure::<dyn FnMut(MouseEvent)>::new(move |event: MouseEvent| router.follow(&event));
        let window = window();
        let _ = window.add_event_listener_with_callback("popstate", on_popstate.as_ref().unchecked_ref());
        let _ = window.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        on_popstate.forget();
        on_click.forget();
        router
    }

    /// The current route; `None` when no page has the address.
    pub fn route(self) -> ReadSignal<Option<AppRoute>> {
        self.route.read_only()
    }

    pub fn go(self, route: AppRoute, nav: Nav) {
        let href = route.href();
        // A move to the address already shown replaces it, so Back does not seem to do nothing.
        let here = window().location().href().is_ok_and(|current| current.ends_with(&href));
        if let Ok(history) = window().history() {
            let _ = if nav.replace || here {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href))
            } else {
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href))
            };
        }
        self.route.set(Some(route));
        if !nav.keep_scroll {
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    /// Follows a plain click on a link to a page of the app without reloading it, once the user
    /// agrees to leave unsaved changes, if any. A modified or middle click, a link that opens
    /// elsewhere, downloads, is marked `rel="external"` or only moves within the page (`#…`), and a
    /// click an undelegated handler prevented, are left to the browser.
    fn follow(self, event: &MouseEvent) {
        if event.default_prevented()
            || event.button() != 0
            || event.ctrl_key()
            || event.meta_key()
            || event.shift_key()
            || event.alt_key()
        {
            return;
        }
        let Some(anchor) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten())
            .and_then(|element| element.dyn_into::<HtmlAnchorElement>().ok())
        else {
            return;
        };
        let opens_elsewhere = !matches!(anchor.target().as_str(), "" | "_self");
        let external = anchor.rel().split_ascii_whitespace().any(|word| word == "external");
        let location = window().location();
        let same_origin = location.origin().ok().is_some_and(|origin| origin == anchor.origin());
        let same_document = location.pathname().ok() == Some(anchor.pathname())
            && location.search().ok() == Some(anchor.search())
            && !anchor.hash().is_empty();
        if opens_elsewhere || external || anchor.has_attribute("download") || !same_origin || same_document {
            return;
        }
        let pathname = anchor.pathname();
        let Some(path) = in_app(&pathname) else { return };
        event.prevent_default();
        if !self.unsaved.confirm_leave() {
            return;
        }
        let search = anchor.search();
        match AppRoute::parse(path, search.trim_start_matches('?')) {
            Some(route) => self.go(route, Nav::default()),
            // An address under the app that no page has: shown as such, and kept in the history.
            None => {
                if let Ok(history) = window().history() {
                    let _ =
                        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&anchor.href()));
                }
                self.route.set(None);
            }
        }
    }
}

/// The route of the page's address.
fn current() -> Option<AppRoute> {
    let location = window().location();
    let path = location.pathname().ok()?;
    let search = location.search().ok()?;
    AppRoute::parse(in_app(&path)?, search.trim_start_matches('?'))
}

/// The path inside the app of a path of the site; `None` outside the sub-path the app is served from.
fn in_app(path: &str) -> Option<&str> {
    path.strip_prefix(base_path()).filter(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Moves within the app.
pub fn use_go() -> impl Fn(AppRoute, Nav) + Clone + 'static {
    let router = expect_context::<Router>();
    move |route, nav| router.go(route, nav)
}

/// The current route, for a page that reads its address.
pub fn use_route() -> ReadSignal<Option<AppRoute>> {
    expect_context::<Router>().route()
}
