// The signature pad: pointer events (pen, finger, mouse) drawn on a canvas and kept as strokes of points
// in the canvas's own pixels, which the server turns into a PatientSignature.
const pads = new WeakMap();

export function attach(canvas) {
    const state = { strokes: [], current: null };
    pads.set(canvas, state);
    const ctx = canvas.getContext('2d');
    ctx.lineWidth = 2;
    ctx.lineCap = 'round';
    ctx.strokeStyle = '#111';
    const point = (e) => {
        const r = canvas.getBoundingClientRect();
        return { x: Math.round((e.clientX - r.left) * canvas.width / r.width), y: Math.round((e.clientY - r.top) * canvas.height / r.height) };
    };
    canvas.addEventListener('pointerdown', (e) => {
        canvas.setPointerCapture(e.pointerId);
        const p = point(e);
        state.current = [p];
        state.strokes.push(state.current);
        ctx.beginPath();
        ctx.moveTo(p.x, p.y);
        e.preventDefault();
    });
    canvas.addEventListener('pointermove', (e) => {
        if (!state.current) return;
        const p = point(e);
        state.current.push(p);
        ctx.lineTo(p.x, p.y);
        ctx.stroke();
        e.preventDefault();
    });
    const end = () => { state.current = null; };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
}

export function strokes(canvas) {
    const state = pads.get(canvas);
    return state ? state.strokes.map(s => s.map(p => [p.x, p.y])) : [];
}

export function clear(canvas) {
    const state = pads.get(canvas);
    if (state) { state.strokes = []; state.current = null; }
    canvas.getContext('2d').clearRect(0, 0, canvas.width, canvas.height);
}
