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

/// Gives the process the variables of [`ENVIRONMENT`] the user has not set (a user's own value
/// is kept), for WebKit, GTK and JavaScriptCore to read when the window is made, and
/// `LD_PRELOAD` (unless set) for WebKit's processes (see [`PRELOADED`]): to be called first in
/// the process, before any thread starts.
#[allow(unsafe_code)]
pub fn before_start() {
    let preload = std::env::var_os("LD_PRELOAD")
        .is_none()
        .then(|| std::fs::read_to_string("/proc/self/maps").ok())
        .flatten();
    let preload = preload.as_deref().and_then(preloaded);
    let set = unset(|name| std::env::var_os(name)).chain(preload.map(|path| ("LD_PRELOAD", path)));
    for (name, value) in set {
        // SAFETY: called at the start of `main`, before the app starts any thread, so nothing
        // reads the environment while it changes.
        unsafe { std::env::set_var(name, value) };
    }
}

/// The file name of WebKitGTK's library that its processes (the web and network processes)
/// are started with before the others (`LD_PRELOAD`): the speech synthesiser's voice, whose
/// 31,301 relocations each name one of its own symbols, which the dynamic linker otherwise
/// looks up through the 58 libraries the web process loads before it (1.8 of its 3.5 million
/// lookups; the app itself is linked with it early, see `build.rs`). WebKitWebProcess started
/// alone: 110 → 69 ms of CPU (`perf stat`, 10 runs each). With this and `build.rs`, 13 cold
/// starts alternated with 13 without: the page's navigation began 467 ms after the app's start
/// against 510 (medians), the people screen was drawn at 600 against 655.
const PRELOADED: &str = "libflite_cmu_time_awb.so";

/// The path of the [`PRELOADED`] library among the files mapped into this process (the text of
/// `/proc/self/maps`): the one WebKit loads, when it does.
fn preloaded(maps: &str) -> Option<&str> {
    maps.lines()
        .filter_map(|line| line.split_whitespace().nth(5))
        .find(|path| {
            path.rsplit('/')
                .next()
                .is_some_and(|file| file.starts_with(PRELOADED))
        })
}

/// The variables of [`ENVIRONMENT`] that `env` does not have, with the values to give them.
fn unset<'a>(
    env: impl Fn(&str) -> Option<std::ffi::OsString>,
) -> impl Iterator<Item = (&'static str, &'a str)> {
    ENVIRONMENT
        .into_iter()
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
        assert_eq!(set, [("GDK_GL", "disable"), ("JSC_useDFGJIT", "false")]);
        assert_eq!(super::unset(|_| Some("x".into())).count(), 0);
    }

    #[test]
    fn the_voice_library_is_found_among_the_mapped_files() {
        let maps = "\
7f1c2a000000-7f1c2a001000 r--p 00000000 08:01 131 /usr/lib/x86_64-linux-gnu/libflite.so.2.2
7f1c2b000000-7f1c2b100000 r--p 00000000 08:01 132 /usr/lib/x86_64-linux-gnu/libflite_cmu_time_awb.so.2.2
7f1c2c000000-7f1c2c021000 rw-p 00000000 00:00 0 
7ffd5a000000-7ffd5a021000 rw-p 00000000 00:00 0                          [stack]
";
        assert_eq!(
            super::preloaded(maps),
            Some("/usr/lib/x86_64-linux-gnu/libflite_cmu_time_awb.so.2.2")
        );
        assert_eq!(super::preloaded(&maps.replace("time_awb", "us_kal")), None);
    }
}
