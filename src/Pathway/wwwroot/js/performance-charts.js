// Draws the dashboard's charts from the JSON block the page renders; every chart has a table beside it.
(function () {
  var source = document.getElementById('chart-data');
  if (!source || typeof Chart === 'undefined') return;
  var data = JSON.parse(source.textContent);
  var blue = '#005eb8', grey = '#768692', orange = '#ed8b00';
  Chart.defaults.animation = false;

  document.querySelectorAll('canvas[data-chart="trend"]').forEach(function (canvas) {
    var trend = data.trends[Number(canvas.dataset.index)];
    new Chart(canvas, {
      type: 'line',
      data: { labels: data.quarters, datasets: [{ label: trend.title + (trend.unit ? ' (' + trend.unit + ')' : ''), data: trend.values, borderColor: blue, backgroundColor: blue }] },
      options: { scales: { y: { beginAtZero: true } }, plugins: { legend: { display: false } } }
    });
  });

  var groups = document.querySelector('canvas[data-chart="groups"]');
  if (groups) {
    new Chart(groups, {
      type: 'bar',
      data: { labels: data.groups.map(function (g) { return g.name; }), datasets: [{ label: 'Adults in treatment', data: data.groups.map(function (g) { return g.value; }), backgroundColor: blue }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } } }
    });
  }

  document.querySelectorAll('canvas[data-chart="benchmark"]').forEach(function (canvas) {
    var b = data.benchmarks[Number(canvas.dataset.index)];
    new Chart(canvas, {
      type: 'scatter',
      data: {
        datasets: [
          { label: 'Comparators', data: b.comparators.map(function (c) { return { x: c.value, y: 0, area: c.area }; }), backgroundColor: grey, pointRadius: 6 },
          { label: 'This area', data: [{ x: b.value, y: 0, area: 'This area' }], backgroundColor: orange, pointRadius: 9, pointStyle: 'rectRot' }
        ]
      },
      options: {
        plugins: { title: { display: true, text: b.title }, tooltip: { callbacks: { label: function (ctx) { return ctx.raw.area + ': ' + ctx.raw.x; } } } },
        scales: { y: { display: false, min: -1, max: 1 } }
      }
    });
  });
})();
