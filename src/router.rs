//! The console's router: the current route as a signal, moves through the History API, the app's
//! own links followed without a reload, and Back and Forward.
//!
//! The console has one flat set of typed routes (`AppRoute`), so this replaces `leptos_router`,
//! whose nested, asynchronous route matching cost the bundle about 15 KB of brotli for features
//! the console does not use.

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
        if let Ok(history) = window().history() {
            let _ = if nav.replace {
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
    /// agrees to leave unsaved changes, if any. A click a handler prevented, a modified or middle
    /// click, and a link that opens elsewhere or downloads are left to the browser.
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
        let same_origin = window().location().origin().ok().is_some_and(|origin| origin == anchor.origin());
        if opens_elsewhere || anchor.has_attribute("download") || !same_origin {
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
