// The report webview's only script (loaded with the page's nonce): forwards clicks on locations and
// export buttons to the extension, which owns the data, the files and the editors.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement | null} */ (event.target instanceof HTMLElement ? event.target : null);
    const location = target?.closest('a.location');
    if (location instanceof HTMLElement) {
      event.preventDefault();
      vscode.postMessage({ type: 'open', index: Number(location.dataset.index) });
      return;
    }
    const button = target?.closest('button[data-export]');
    if (button instanceof HTMLElement) vscode.postMessage({ type: 'export', format: button.dataset.export });
  });
  // Tells the extension the script ran under the page's CSP (tests wait for it).
  vscode.postMessage({ type: 'ready', findings: document.querySelectorAll('#findings tbody tr').length });
})();
