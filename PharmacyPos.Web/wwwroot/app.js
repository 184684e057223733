// Counter helpers called from Blazor: focus for the scanner box, printing receipts.
window.pos = {
    focus: (selector) => { const el = document.querySelector(selector); if (el) { el.focus(); } },
    print: () => window.print(),
};
