// Draws the world graph of a worldspec report on its canvas, and answers hover
// and click with the entity's facts (reality and the world side by side). Data:
// the JSON in #world-data (worldspec.report.graph). No library, no request.
(function () {
  "use strict";
  const started = performance.now();
  const data = JSON.parse(document.getElementById("world-data").textContent);
  const canvas = document.getElementById("world-graph");
  const context = canvas.getContext("2d");
  const panel = document.getElementById("entity-panel");
  const tooltip = document.getElementById("tooltip");
  const colours = { plain: "#5c7cfa", touched: "#e8590c", "world-only": "#2b8a3e" };
  const edgeColours = { same: "rgba(134,142,150,0.35)", added: "#1c7ed6", removed: "#e03131" };
  const many = data.nodes.length > 2000;
  const radius = many ? 1.6 : 5;
  const pad = 24;
  let selected = -1;

  const labelRoom = many ? 0 : 110;  // the labels are written to the right of their points

  function place(node) {
    return [
      pad + node.x * (canvas.width - 2 * pad - labelRoom),
      pad + node.y * (canvas.height - 2 * pad),
    ];
  }

  function draw() {
    context.clearRect(0, 0, canvas.width, canvas.height);
    for (const state of ["same", "removed", "added"]) {  // the changes drawn last, on top
      context.strokeStyle = edgeColours[state];
      context.lineWidth = state === "same" ? 0.6 : 1.6;
      context.setLineDash(state === "removed" ? [4, 3] : []);
      context.beginPath();
      for (const [from, to, kind] of data.edges) {
        if (kind !== state) continue;
        const [x1, y1] = place(data.nodes[from]);
        const [x2, y2] = place(data.nodes[to]);
        context.moveTo(x1, y1);
        context.lineTo(x2, y2);
      }
      context.stroke();
    }
    context.setLineDash([]);
    for (const kind of ["plain", "touched", "world-only"]) {
      context.fillStyle = colours[kind];
      context.beginPath();
      for (const node of data.nodes) {
        if (node.kind !== kind) continue;
        const [x, y] = place(node);
        const r = kind === "plain" ? radius : radius + 2;
        context.moveTo(x + r, y);
        context.arc(x, y, r, 0, 2 * Math.PI);
      }
      context.fill();
    }
    if (!many) {
      context.fillStyle = "#1d2330";
      context.font = "11px system-ui, sans-serif";
      for (const node of data.nodes) {
        if (node.kind === "plain" && data.nodes.length > 120) continue;
        const [x, y] = place(node);
        context.fillText(node.label, x + 7, y + 4);
      }
    }
    if (selected >= 0) {
      const [x, y] = place(data.nodes[selected]);
      context.strokeStyle = "#1d2330";
      context.lineWidth = 2;
      context.beginPath();
      context.arc(x, y, radius + 5, 0, 2 * Math.PI);
      context.stroke();
    }
  }

  function nearest(event) {
    const box = canvas.getBoundingClientRect();
    const mx = (event.clientX - box.left) * (canvas.width / box.width);
    const my = (event.clientY - box.top) * (canvas.height / box.height);
    let best = -1;
    let bestDistance = 12 * 12;
    data.nodes.forEach(function (node, index) {
      const [x, y] = place(node);
      const d = (x - mx) * (x - mx) + (y - my) * (y - my);
      if (d < bestDistance) { bestDistance = d; best = index; }
    });
    return best;
  }

  function cell(text) {
    const td = document.createElement("td");
    td.textContent = text;
    return td;
  }

  function show(index) {
    const node = data.nodes[index];
    panel.replaceChildren();
    const title = document.createElement("h3");
    title.textContent = node.label + " (" + node.cls + ")";
    panel.appendChild(title);
    const table = document.createElement("table");
    const head = document.createElement("tr");
    ["property", "reality", "world"].forEach(function (name) {
      const th = document.createElement("th");
      th.textContent = name;
      head.appendChild(th);
    });
    table.appendChild(head);
    const properties = new Map();
    for (const [prop, value] of node.reality) properties.set(prop, { reality: [], world: [] });
    for (const [prop, value] of node.world) properties.set(prop, { reality: [], world: [] });
    for (const [prop, value] of node.reality) properties.get(prop).reality.push(value);
    for (const [prop, value] of node.world) properties.get(prop).world.push(value);
    for (const [prop, sides] of properties) {
      const row = document.createElement("tr");
      const real = sides.reality.join(", ");
      const world = sides.world.join(", ");
      row.appendChild(cell(prop.replace(/_/g, " ")));
      row.appendChild(cell(real || "—"));
      const worldCell = cell(world || "—");
      if (real !== world) { row.className = "changed"; worldCell.className = "changed"; }
      row.appendChild(worldCell);
      table.appendChild(row);
    }
    panel.appendChild(table);
  }

  canvas.addEventListener("mousemove", function (event) {
    const index = nearest(event);
    if (index < 0) { tooltip.hidden = true; return; }
    tooltip.textContent = data.nodes[index].label;
    tooltip.style.left = event.clientX + 12 + "px";
    tooltip.style.top = event.clientY + 12 + "px";
    tooltip.hidden = false;
  });
  canvas.addEventListener("mouseleave", function () { tooltip.hidden = true; });
  canvas.addEventListener("click", function (event) {
    const index = nearest(event);
    if (index < 0) return;
    selected = index;
    draw();
    show(index);
  });

  draw();
  const first = data.nodes.findIndex(function (node) { return node.kind !== "plain"; });
  if (first >= 0) { selected = first; draw(); show(first); }
  document.body.dataset.renderMs = String(Math.round(performance.now() - started));
  document.body.dataset.rendered = String(data.nodes.length);
})();
