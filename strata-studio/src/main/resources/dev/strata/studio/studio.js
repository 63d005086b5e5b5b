// Strata studio: the little the pages do in the browser (served from the studio itself; no inline scripts).
document.addEventListener('DOMContentLoaded', () => {
  // Copy rows as JSON or CSV: fetch the export of the page shown and put it on the clipboard.
  document.querySelectorAll('[data-copy]').forEach(button => {
    button.addEventListener('click', async () => {
      const text = await (await fetch(button.dataset.copy, {credentials: 'same-origin'})).text();
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = 'Copied';
      } catch (e) {
        const out = document.getElementById('copy-output');
        if (out) { out.hidden = false; out.value = text; out.select(); }
      }
    });
  });
  // A field set to NULL has its editor disabled.
  document.querySelectorAll('input[data-null-for]').forEach(box => {
    const editor = document.getElementById(box.dataset.nullFor);
    const sync = () => { if (editor) editor.disabled = box.checked; };
    box.addEventListener('change', sync);
    sync();
  });
  // JSON editors: say at once when the text is not JSON (the server checks again).
  document.querySelectorAll('textarea[data-json]').forEach(area => {
    const check = () => {
      try { if (area.value.trim() !== '') JSON.parse(area.value); area.setCustomValidity(''); }
      catch (e) { area.setCustomValidity('Not valid JSON: ' + e.message); }
    };
    area.addEventListener('input', check);
  });
  // The ER diagram: drag to pan, wheel to zoom.
  document.querySelectorAll('svg.erd').forEach(svg => {
    let box = svg.viewBox.baseVal, dragging = null;
    svg.addEventListener('wheel', e => {
      e.preventDefault();
      const k = e.deltaY > 0 ? 1.1 : 1 / 1.1;
      const r = svg.getBoundingClientRect();
      const mx = box.x + (e.clientX - r.left) / r.width * box.width, my = box.y + (e.clientY - r.top) / r.height * box.height;
      box.x = mx - (mx - box.x) * k; box.y = my - (my - box.y) * k; box.width *= k; box.height *= k;
    }, {passive: false});
    svg.addEventListener('mousedown', e => { dragging = {x: e.clientX, y: e.clientY}; });
    window.addEventListener('mouseup', () => { dragging = null; });
    svg.addEventListener('mousemove', e => {
      if (!dragging) return;
      const r = svg.getBoundingClientRect();
      box.x -= (e.clientX - dragging.x) * box.width / r.width; box.y -= (e.clientY - dragging.y) * box.height / r.height;
      dragging = {x: e.clientX, y: e.clientY};
    });
  });
});
