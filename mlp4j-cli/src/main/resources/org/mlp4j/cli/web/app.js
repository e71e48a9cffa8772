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
for (let d = 0; d < 10; d++) {
  const bar = el('div', 'bar');
  bar.id = 'bar' + d;
  const track = el('span', 'track');
  track.appendChild(el('span', 'fill'));
  bar.append(el('span', 'label', String(d)), track, el('span', 'value', '0.00'));
  bars.appendChild(bar);
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
  answer.textContent = j ? j['class'] : '?';
  answer.dataset.ready = j ? 'yes' : 'no';
  for (let d = 0; d < 10; d++) {
    const p = j ? j.probabilities[d] : 0;
    const bar = document.getElementById('bar' + d);
    bar.querySelector('.fill').style.width = (100 * p).toFixed(1) + '%';
    bar.querySelector('.value').textContent = p.toFixed(2);
    bar.classList.toggle('best', j !== null && d === j['class']);
  }
}
fetch('/api/model').then(r => r.json()).then(m => {
  const meta = document.getElementById('meta');
  meta.textContent = '';
  for (const [k, v] of Object.entries(m)) {
    const line = el('div');
    line.append(el('b', null, k), document.createTextNode(': ' + String(v)));
    meta.appendChild(line);
  }
});
