//! Requests started by a button or a form, which stay disabled (`busy`) while one is in flight.

use std::future::Future;

use yew::prelude::*;

use crate::api::ApiError;

/// Runs `request` with `busy` set until it answers, then hands the outcome to `done`.
pub fn run_busy<T: 'static>(
    busy: &UseStateHandle<bool>,
    request: impl Future<Output = Result<T, ApiError>> + 'static,
    done: impl FnOnce(Result<T, ApiError>) + 'static,
) {
    let busy = busy.clone();
    busy.set(true);
    yew::platform::spawn_local(async move {
        let outcome = request.await;
        busy.set(false);
        done(outcome);
    });
}

/// Sends a form: [`run_busy`], then `on_done` gets the answer or `error` the failure.
pub fn submit<T: 'static>(
    busy: &UseStateHandle<bool>,
    error: &UseStateHandle<Option<ApiError>>,
    on_done: &Callback<T>,
    request: impl Future<Output = Result<T, ApiError>> + 'static,
) {
    let (error, on_done) = (error.clone(), on_done.clone());
    run_busy(busy, request, move |outcome| match outcome {
        Ok(value) => on_done.emit(value),
        Err(e) => error.set(Some(e)),
    });
}
