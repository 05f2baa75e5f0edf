// Loads the wasm app. A separate file rather than an inline script, so that a
// Content-Security-Policy without 'unsafe-inline' can serve the page.
import init from '/huzhu_web.js';

init({ module_or_path: '/huzhu_web_bg.wasm' }).catch((err) => {
  const loading = document.getElementById('loading');
  if (loading) {
    loading.textContent = '加载失败，请刷新页面重试。 / Loading failed; please reload the page.';
  }
  console.error(err);
});
