//! WebKitGTK's settings for VănBản's window (Linux): a form beside pictures of pages, from
//! files inside the app, never a web browser. What Tauri leaves at WebKit's defaults for a
//! browser and this window does not use is turned off, which WebKit then neither loads nor
//! keeps memory for.

use webkit2gtk::{CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt};

/// What the window needs of the environment, each kept when the user set it: WebKit's DMA-BUF
/// renderer off (`0` turns it back on), and GTK's OpenGL off (`GDK_GL`).
const ENVIRONMENT: [(&str, &str); 2] = [
    ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
    ("GDK_GL", "disable"),
];

/// Settings WebKit and GTK read from the environment when the window is made: to be called
/// first in the process, before any thread starts.
///
/// The pages are drawn without the GPU compositor (see [`tune`]), so the window needs no GL:
/// - WebKit's DMA-BUF renderer only adds a GL path between the web process and the window.
///   Without it (release, e2e runs alternated with and without): the Long An plan's first page
///   on screen 109–125 ms after the click against 128–278 (6 runs each), memory with it open
///   335–343 MiB PSS against 343–354, the people screen after a cold start 530–670 ms against
///   660–720 (3 runs each). It is also what blank windows on some GPU drivers need.
/// - GTK otherwise loads Mesa's GLX at its start and asks the X server about every visual for
///   GL: the people screen 520–580 ms after a cold start against 570–640.
#[allow(unsafe_code)]
pub fn before_start() {
    for (name, value) in ENVIRONMENT {
        if std::env::var_os(name).is_none() {
            // SAFETY: called at the start of `main`, before the app starts any thread, so
            // nothing reads the environment while it changes.
            unsafe { std::env::set_var(name, value) };
        }
    }
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
