const pad = document.getElementById('pad');
const ctx = pad.getContext('2d');
const bars = document.getElementById('bars');
const answer = document.getElementById('answer');
function blank() { ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, pad.width, pad.height); }
blank();
// The page is built with createElement and textContent only: nothing from the model file or a response
// is ever parsed as HTML (and the server's Content-Security-Policy allows no inline script besides).
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
// The bars follow the model: one per output (its last layer size), labelled with its class names, and
// scaled by its output activation (the page assumed ten softmax outputs: a five-output model broke it).
let outputs = 0, outputActivation = 'softmax', labels = [];
function buildBars(meta) {
  const sizes = String(meta.layers || '').split(',').map(Number);
  outputs = sizes.length > 1 && sizes[sizes.length - 1] > 0 ? sizes[sizes.length - 1] : 10;
  outputActivation = String(meta.output_activation || 'softmax');
  let names = String(meta.class_names || '').split(',');
  if (names.length !== outputs) names = Array.from({ length: outputs }, (_, d) => String(d));
  labels = names;
  bars.textContent = '';
  for (let d = 0; d < outputs; d++) {
    const bar = el('div', 'bar');
    bar.id = 'bar' + d;
    const track = el('span', 'track');
    track.appendChild(el('span', 'fill'));
    bar.append(el('span', 'label', names[d]), track, el('span', 'value', '0.00'));
    bars.appendChild(bar);
  }
}
// A bar's length from 0 to 1 and the number shown beside it: probabilities for softmax, the output itself
// for sigmoid, tanh's -1..1 mapped onto the bar, and other outputs scaled between their smallest and largest.
function scale(j) {
  if (!j) return { width: () => 0, shown: () => 0 };
  const o = j.outputs.map(v => (v === null ? 0 : v));
  if (outputActivation === 'softmax') return { width: d => j.probabilities[d], shown: d => j.probabilities[d] };
  if (outputActivation === 'sigmoid') return { width: d => o[d], shown: d => o[d] };
  if (outputActivation === 'tanh') return { width: d => (o[d] + 1) / 2, shown: d => o[d] };
  const lo = Math.min(...o), hi = Math.max(...o);
  return { width: d => (hi > lo ? (o[d] - lo) / (hi - lo) : 0), shown: d => o[d] };
}
let drawing = false, last = null, pending = false, dirty = false;
function point(e) {
  const r = pad.getBoundingClientRect();
  const t = e.touches ? e.touches[0] : e;
  return { x: (t.clientX - r.left) * pad.width / r.width, y: (t.clientY - r.top) * pad.height / r.height };
}
function start(e) { e.preventDefault(); drawing = true; last = point(e); stroke(last); }
function move(e) { if (!drawing) return; e.preventDefault(); stroke(point(e)); }
function end() { if (drawing) { drawing = false; ask(); } }
function stroke(p) {
  ctx.strokeStyle = '#000'; ctx.lineWidth = 18; ctx.lineCap = 'round'; ctx.lineJoin = 'round';
  ctx.beginPath(); ctx.moveTo(last.x, last.y); ctx.lineTo(p.x + 0.01, p.y); ctx.stroke();
  last = p; ask();
}
pad.addEventListener('mousedown', start); pad.addEventListener('mousemove', move);
window.addEventListener('mouseup', end);
pad.addEventListener('touchstart', start, { passive: false }); pad.addEventListener('touchmove', move, { passive: false });
pad.addEventListener('touchend', end);
document.getElementById('clear').onclick = () => { blank(); show(null); };
// one request in flight at a time; the latest drawing is sent when it returns
function ask() {
  if (pending) { dirty = true; return; }
  pending = true; dirty = false;
  pad.toBlob(async blob => {
    try {
      const r = await fetch('/api/predict', { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: blob });
      const j = await r.json();
      if (r.ok) show(j); else answer.textContent = j.error;
    } catch (err) { answer.textContent = 'server unreachable'; }
    pending = false;
    if (dirty) ask();
  }, 'image/png');
}
function show(j) {
  const img = document.getElementById('input').getContext('2d');
  const data = img.createImageData(28, 28);
  for (let i = 0; i < 784; i++) {
    const v = j ? Math.round(255 * j.input[i]) : 0;
    data.data[4 * i] = data.data[4 * i + 1] = data.data[4 * i + 2] = v; data.data[4 * i + 3] = 255;
  }
  img.putImageData(data, 0, 0);
  answer.textContent = j ? (labels[j['class']] ?? String(j['class'])) : '?';
  answer.dataset.ready = j ? 'yes' : 'no';
  const s = scale(j);
  for (let d = 0; d < outputs; d++) {
    const bar = document.getElementById('bar' + d);
    const w = Math.max(0, Math.min(1, s.width(d)));
    bar.querySelector('.fill').style.width = (100 * w).toFixed(1) + '%';
    bar.querySelector('.value').textContent = Number(s.shown(d)).toFixed(2);
    bar.classList.toggle('best', j !== null && d === j['class']);
  }
}
fetch('/api/model').then(r => r.json()).then(m => {
  buildBars(m);
  const meta = document.getElementById('meta');
  meta.textContent = '';
  for (const [k, v] of Object.entries(m)) {
    const line = el('div');
    line.append(el('b', null, k), document.createTextNode(': ' + String(v)));
    meta.appendChild(line);
  }
});
