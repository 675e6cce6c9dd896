//! WebKitGTK's settings for VănBản's window (Linux): a form beside pictures of pages, from
//! files inside the app, never a web browser. What Tauri leaves at WebKit's defaults for a
//! browser and this window does not use is turned off, which WebKit then neither loads nor
//! keeps memory for.

use webkit2gtk::{CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt};

/// WebKit's switch for the DMA-BUF renderer, which hands the web process's frames to the window
/// through GPU buffers; a user's own value (`0` turns it back on) is kept.
const DMABUF_RENDERER_OFF: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// Settings WebKit reads from the environment when its first web view is made: to be called
/// first in the process, before any thread starts.
///
/// The pages are drawn without the GPU compositor (see [`tune`]), so the DMA-BUF renderer only
/// adds a GL path between the web process and the window. Without it, measured on the Long An
/// plan (release, 3 e2e runs each, alternated): the first page on screen 109–116 ms after the
/// click against 139–278, memory open 339–343 MiB PSS against 343–354. It is also what blank
/// windows on some GPU drivers need.
#[allow(unsafe_code)]
pub fn before_start() {
    if std::env::var_os(DMABUF_RENDERER_OFF).is_none() {
        // SAFETY: called at the start of `main`, before the app starts any thread, so nothing
        // reads the environment while it changes.
        unsafe { std::env::set_var(DMABUF_RENDERER_OFF, "1") };
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
