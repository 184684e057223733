// Counter helpers called from Blazor: focus for the scanner box, printing receipts, the register's keys.
window.pos = {
    focus: (selector) => { const el = document.querySelector(selector); if (el) { el.focus(); } },
    print: () => window.print(),
    // Downloads an export without leaving the page; the address carries a one-time ticket, never search criteria.
    download: (url) => {
        const a = document.createElement('a');
        a.href = url;
        a.download = '';
        document.body.appendChild(a);
        a.click();
        a.remove();
    },

    // The register listens to the whole page: a keyboard-wedge scanner types digits fast and ends with Enter,
    // so Enter in the scan box hands over what was typed in one piece (no keystroke is lost to a round trip),
    // and the function keys work wherever the focus is. Dialogs handle their own keys.
    register: {
        attach: (dotnet, selector) => {
            window.pos.register.detach();
            const always = new Set(['F2', 'F3', 'F4', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'Escape', 'ArrowUp', 'ArrowDown']);
            const whenEmpty = new Set(['Delete', '+', '-']);
            const dialogOpen = () => document.querySelector('.mud-dialog-container, .mud-dialog') !== null;
            const onKey = (e) => {
                if (dialogOpen()) { return; }
                const box = document.querySelector(selector);
                if (e.key === 'Enter' && box && e.target === box) {
                    e.preventDefault();
                    const text = box.value;
                    box.value = '';
                    dotnet.invokeMethodAsync('Scanned', text);
                    return;
                }
                const empty = !box || box.value === '' || e.target !== box;
                if (always.has(e.key) || (whenEmpty.has(e.key) && empty)) {
                    e.preventDefault();
                    dotnet.invokeMethodAsync('Shortcut', e.key);
                }
            };
            // Clicking on empty space gives the focus back to the scan box.
            const onFocusOut = (e) => {
                const box = document.querySelector(selector);
                if (box && e.target === box && e.relatedTarget === null) {
                    setTimeout(() => { if (!dialogOpen() && document.activeElement === document.body) { box.focus(); } }, 0);
                }
            };
            document.addEventListener('keydown', onKey, true);
            document.addEventListener('focusout', onFocusOut, true);
            window.pos.register._off = () => {
                document.removeEventListener('keydown', onKey, true);
                document.removeEventListener('focusout', onFocusOut, true);
            };
        },
        detach: () => { if (window.pos.register._off) { window.pos.register._off(); window.pos.register._off = null; } },
    },
};
