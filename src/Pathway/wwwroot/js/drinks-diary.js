// The drinks diary: a progressive enhancement. Entries stay in this browser's localStorage and are never sent.
(function () {
  var section = document.getElementById('drinks-diary');
  if (!section || !window.localStorage) return;
  var key = 'pathway-drinks-diary';
  var form = document.getElementById('drinks-diary-form');
  var rows = document.getElementById('diary-rows');
  var total = document.getElementById('diary-total');

  function load() {
    try { return JSON.parse(localStorage.getItem(key)) || []; } catch (e) { return []; }
  }

  function render() {
    var entries = load().sort(function (a, b) { return a.day < b.day ? -1 : 1; });
    var weekAgo = new Date(Date.now() - 7 * 86400000).toISOString().slice(0, 10);
    var sum = 0;
    rows.textContent = '';
    entries.forEach(function (entry) {
      if (entry.day > weekAgo) sum += entry.units;
      var row = document.createElement('tr');
      row.className = 'nhsuk-table__row';
      [entry.day, String(entry.units)].forEach(function (text) {
        var cell = document.createElement('td');
        cell.className = 'nhsuk-table__cell';
        cell.textContent = text;
        row.appendChild(cell);
      });
      rows.appendChild(row);
    });
    total.textContent = String(Math.round(sum * 10) / 10);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var day = document.getElementById('diary-day').value;
    var units = parseFloat(document.getElementById('diary-units').value);
    if (!day || !(units >= 0) || units > 200) return;
    var entries = load();
    entries.push({ day: day, units: units });
    localStorage.setItem(key, JSON.stringify(entries.slice(-60)));
    render();
  });
  document.getElementById('diary-clear').addEventListener('click', function () {
    localStorage.removeItem(key);
    render();
  });
  section.hidden = false;
  render();
})();
