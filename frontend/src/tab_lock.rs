//! Mutual exclusion between the app's open tabs, with the browser's Web Locks API.
//!
//! All tabs share one stored refresh token, and the server revokes the whole session when a
//! refresh token is spent twice, so two tabs must never refresh at once. web-sys only exposes
//! `navigator.locks` behind an unstable cfg; the two calls needed are made through js-sys here.
//! The API exists only in secure contexts (https, or http on localhost): callers need a fallback
//! for a plain-http deployment on a LAN address.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{future_to_promise, JsFuture};

fn lock_manager() -> Option<JsValue> {
    let navigator = gloo::utils::window().navigator();
    Reflect::get(&navigator, &JsValue::from_str("locks"))
        .ok()
        .filter(|locks| locks.is_object())
}

pub fn available() -> bool {
    lock_manager().is_some()
}

/// Runs `work` while holding the lock `name` across all tabs of this origin. `None` when the
/// browser has no Web Locks (check [`available`] first) or the lock request failed.
pub async fn with_lock<F, Fut, T>(name: &str, work: F) -> Option<T>
where
    F: FnOnce() -> Fut + 'static,
    Fut: Future<Output = T> + 'static,
    T: 'static,
{
    let locks = lock_manager()?;
    let request: Function = Reflect::get(&locks, &JsValue::from_str("request"))
        .ok()?
        .dyn_into()
        .ok()?;
    let slot: Rc<RefCell<Option<T>>> = Rc::new(RefCell::new(None));
    let out = slot.clone();
    // The lock is held until the promise returned by this callback settles.
    let callback: Closure<dyn FnMut(JsValue) -> Promise> = Closure::once(move |_lock: JsValue| {
        future_to_promise(async move {
            let result = work().await;
            *out.borrow_mut() = Some(result);
            Ok(JsValue::UNDEFINED)
        })
    });
    let granted = request
        .call2(
            &locks,
            &JsValue::from_str(name),
            callback.as_ref().unchecked_ref(),
        )
        .ok()?
        .dyn_into::<Promise>()
        .ok()?;
    let _ = JsFuture::from(granted).await;
    drop(callback);
    let result = slot.borrow_mut().take();
    result
}
