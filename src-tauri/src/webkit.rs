//! WebKitGTK's settings for VănBản's window (Linux): a form beside pictures of pages, from
//! files inside the app, never a web browser. What Tauri leaves at WebKit's defaults for a
//! browser and this window does not use is turned off, which WebKit then neither loads nor
//! keeps memory for.

use webkit2gtk::{CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt};

/// What the window needs of the environment, each with its value. The pages are drawn without
/// the GPU compositor (see [`tune`]), so the window needs no GL. Measured with e2e runs
/// alternated with and without the variable (release, `lifecycle long-an`):
const ENVIRONMENT: [(&str, &str); 3] = [
    // WebKit's DMA-BUF renderer only adds a GL path between the web process and the window
    // (`0` turns it back on). Without it: Long An's first page on screen 109–125 ms after the
    // click against 128–278 (6 runs each), memory with it open 335–343 MiB PSS against 343–354,
    // the people screen after a cold start 530–670 ms against 660–720 (3 runs each). It is also
    // what blank windows on some GPU drivers need.
    ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
    // GTK otherwise loads Mesa's GLX at its start and asks the X server about every visual for
    // GL: the people screen 520–580 ms after a cold start against 570–640 (3 runs each).
    ("GDK_GL", "disable"),
    // The form's script is event handlers of a few milliseconds: JavaScriptCore's interpreter
    // and baseline JIT run them as fast, and its optimising tiers (DFG, then FTL) only cost
    // memory for compiled code and compiler threads. Without them (2 runs each): the short plan
    // open 287–288 MiB PSS against 300–310, Long An 326–328 against 337–340, keystrokes
    // unchanged (Long An median 41–44 ms against 43–44). With no JIT at all the short plan took
    // 276–279 MiB, but scripts ran slower (its keystroke 16–17 ms against 14–15, the lifecycle
    // scenario 37–40 s against 35–36).
    ("JSC_useDFGJIT", "false"),
];

/// Gives the process the variables of [`ENVIRONMENT`] and [`PRELOADED`] the user has not set (a
/// user's own value is kept), for WebKit, GTK, JavaScriptCore and the dynamic linker to read
/// when the window and WebKit's processes are made: to be called first in the process, before
/// any thread starts.
#[allow(unsafe_code)]
pub fn before_start() {
    for (name, value) in unset(|name| std::env::var_os(name)) {
        // SAFETY: called at the start of `main`, before the app starts any thread, so nothing
        // reads the environment while it changes.
        unsafe { std::env::set_var(name, value) };
    }
}

/// The library of WebKitGTK's that `build.rs` linked the app with right after its own (it says
/// which and why; none when the system's WebKitGTK does not have it), which WebKit's web and
/// network processes are then started with first (`LD_PRELOAD`, by its name: the app could not
/// have started without it). WebKitWebProcess started alone: 110 → 69 ms of CPU (`perf stat`,
/// 10 runs each). With this and `build.rs`, 13 cold starts alternated with 13 without: the
/// page's navigation began 467 ms after the app's start against 510 (medians), the people
/// screen was drawn at 600 against 655.
const PRELOADED: Option<&str> = option_env!("VANBAN_LINKED_EARLY");

/// The variables of [`ENVIRONMENT`] and [`PRELOADED`] that `env` does not have, with the values
/// to give them.
fn unset(
    env: impl Fn(&str) -> Option<std::ffi::OsString>,
) -> impl Iterator<Item = (&'static str, &'static str)> {
    let preload = PRELOADED.map(|library| ("LD_PRELOAD", library));
    ENVIRONMENT
        .into_iter()
        .chain(preload)
        .filter(move |(name, _)| env(name).is_none())
}

/// Applies the settings to the window's web view.
pub fn tune(window: &tauri::WebviewWindow) {
    let applied = window.with_webview(|webview| {
        let view = webview.inner();
        if let Some(context) = view.context() {
            // "A document viewer": the smallest memory and page caches WebKit has; the pages'
            // pictures are kept by the shell and served again by key when asked for.
            context.set_cache_model(CacheModel::DocumentViewer);
        }
        if let Some(settings) = WebViewExt::settings(&view) {
            // No 3D, sound, audio or video elements, history navigation or links to prefetch.
            settings.set_enable_webgl(false);
            settings.set_enable_webaudio(false);
            settings.set_enable_media(false);
            settings.set_enable_page_cache(false);
            settings.set_enable_dns_prefetching(false);
            // Drawn without the GPU compositor: a form and still pictures of pages need no
            // composited layers, and WebKit's web process then keeps no layer tree and tiles
            // (measured on the Long An plan: 300 → 160 MiB PSS; see ARCHITECTURE.md).
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
    if let Err(e) = applied {
        eprintln!("vanban-desktop: WebKit settings not applied: {e}");
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_variable_the_user_set_keeps_its_value_and_the_others_are_given_theirs() {
        let user = |name: &str| (name == "WEBKIT_DISABLE_DMABUF_RENDERER").then(|| "0".into());
        let set: Vec<_> = super::unset(user).collect();
        let mut expected = vec![("GDK_GL", "disable"), ("JSC_useDFGJIT", "false")];
        expected.extend(super::PRELOADED.map(|library| ("LD_PRELOAD", library)));
        assert_eq!(set, expected);
        assert_eq!(super::unset(|_| Some("x".into())).count(), 0);
    }
}
