//! WebKitGTK's settings for VănBản's window (Linux): a form beside pictures of pages, from
//! files inside the app, never a web browser. What Tauri leaves at WebKit's defaults for a
//! browser and this window does not use is turned off, which WebKit then neither loads nor
//! keeps memory for.

use webkit2gtk::{CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt};

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
