// Eddy's web dashboard: one page, plain JavaScript, no libraries. It reads the JobManager's REST
// API with relative URLs only (so it works behind the YARN proxy's path prefix) and navigates with
// the URL fragment (#/jobs/<id>/checkpoints). Each view builds its frame once (mount) and then
// refreshes its figures every few seconds (refresh), so buttons and tabs stay put while numbers move.
'use strict';

(function () {
  const RUNNING = ['CREATED', 'RUNNING', 'FAILING', 'RESTARTING', 'CANCELLING'];
  const state = { refreshMillis: 3000, timer: null, view: null, generation: 0 };

  // ------------------------------------------------------------------ helpers

  function api(path, options) {
    return fetch(path, options).then(async (response) => {
      const type = response.headers.get('Content-Type') || '';
      const body = type.startsWith('application/json') ? await response.json().catch(() => null) : await response.text();
      if (!response.ok) {
        const message = body && body.error ? body.error : response.status + ' ' + response.statusText;
        throw new Error(message);
      }
      return body;
    });
  }

  function post(path, json) {
    return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: json === undefined ? '' : JSON.stringify(json) });
  }

  function esc(value) {
    return String(value === undefined || value === null ? '' : value)
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  function num(value) {
    const n = Number(value);
    return Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: 1 }) : '–';
  }

  function bytes(value) {
    let n = Number(value);
    if (!Number.isFinite(n) || n < 0) { return '–'; }
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
  }

  function duration(millis) {
    let s = Math.floor(Number(millis) / 1000);
    if (!Number.isFinite(s) || s < 0) { return '–'; }
    if (Number(millis) < 1000) { return Number(millis) + ' ms'; }
    const h = Math.floor(s / 3600); s -= h * 3600;
    const m = Math.floor(s / 60); s -= m * 60;
    return (h ? h + 'h ' : '') + (h || m ? m + 'm ' : '') + s + 's';
  }

  function time(epochMillis) {
    const n = Number(epochMillis);
    return n > 0 ? new Date(n).toLocaleString() : '–';
  }

  function status(text) {
    return '<span class="status ' + esc(text) + '">' + esc(text) + '</span>';
  }

  function $(id) { return document.getElementById(id); }

  function showError(error) {
    const box = $('error');
    if (error) {
      box.textContent = error.message || String(error);
      box.hidden = false;
    } else {
      box.hidden = true;
    }
  }

  function notice(text) {
    const box = $('notice');
    if (box) { box.textContent = text; box.hidden = !text; }
  }

  function table(id, headers, rows, empty) {
    const head = headers.map((h) => {
      const numeric = h.startsWith('#');
      return '<th' + (numeric ? ' class="num"' : '') + '>' + esc(numeric ? h.slice(1) : h) + '</th>';
    }).join('');
    const body = rows.length ? rows.join('') : '<tr><td colspan="' + headers.length + '" class="muted">' + esc(empty) + '</td></tr>';
    return '<table id="' + id + '"><thead><tr>' + head + '</tr></thead><tbody>' + body + '</tbody></table>';
  }

  function td(value, numeric) {
    return '<td' + (numeric ? ' class="num"' : '') + '>' + value + '</td>';
  }

  function tabs(base, names, active) {
    return '<div class="tabs">' + names.map((n) => '<a href="' + base + '/' + n[0] + '" data-tab="' + n[0] + '"'
      + (n[0] === active ? ' class="active"' : '') + '>' + esc(n[1]) + '</a>').join('') + '</div>';
  }

  /** Metric values of a list [{id, value}] as a map. */
  function metricMap(list) {
    const map = {};
    (list || []).forEach((m) => { map[m.id] = m.value; });
    return map;
  }

  // ------------------------------------------------------------------ views

  const overview = {
    nav: 'overview',
    mount(content) {
      content.innerHTML = '<h1>Overview</h1><div class="cards" id="overview-cards"></div>'
        + '<h2>Running jobs</h2><div id="overview-jobs"></div>';
    },
    refresh() {
      return Promise.all([api('overview'), api('jobs')]).then(([o, jobs]) => {
        const byStatus = o.jobs || {};
        const card = (key, label, value) => '<div class="card" data-card="' + key + '"><div class="value">'
          + esc(value) + '</div><div class="label">' + esc(label) + '</div></div>';
        $('overview-cards').innerHTML = card('taskmanagers', 'TaskManagers', o.taskManagers)
          + card('slots-total', 'Slots total', o.slotsTotal) + card('slots-free', 'Slots free', o.slotsFree)
          + card('running', 'Running jobs', RUNNING.reduce((sum, s) => sum + (byStatus[s] || 0), 0))
          + card('finished', 'Finished', byStatus.FINISHED || 0) + card('failed', 'Failed', byStatus.FAILED || 0)
          + card('canceled', 'Canceled', byStatus.CANCELED || 0);
        $('overview-jobs').innerHTML = jobTable(jobs.filter((j) => RUNNING.includes(j.status)), 'No job is running');
      });
    }
  };

  function jobTable(jobs, empty) {
    const rows = jobs.map((j) => '<tr data-job-id="' + esc(j.jobId) + '">'
      + td('<a href="#/jobs/' + esc(j.jobId) + '">' + esc(j.name) + '</a>') + td(status(j.status))
      + td(esc(time(j.startTime))) + td(esc(duration(j.durationMillis)), true)
      + td('<code class="muted">' + esc(j.jobId) + '</code>') + '</tr>');
    return table('job-list', ['Name', 'Status', 'Started', '#Duration', 'Job id'], rows, empty);
  }

  function jobList(running) {
    return {
      nav: running ? 'running' : 'completed',
      mount(content) {
        content.innerHTML = '<h1>' + (running ? 'Running jobs' : 'Completed jobs') + '</h1><div id="jobs"></div>';
      },
      refresh() {
        return api('jobs').then((jobs) => {
          const shown = jobs.filter((j) => RUNNING.includes(j.status) === running);
          $('jobs').innerHTML = jobTable(shown, running ? 'No job is running' : 'No job has ended yet');
        });
      }
    };
  }

  // ------------------------------------------------------------------ job

  const JOB_TABS = [['overview', 'Overview'], ['subtasks', 'Subtasks'], ['watermarks', 'Watermarks'],
    ['exceptions', 'Exceptions'], ['checkpoints', 'Checkpoints'], ['configuration', 'Configuration']];

  function jobView(jobId, tab) {
    const base = '#/jobs/' + jobId;
    let plan = null;
    let details = null;
    const view = {
      nav: null,
      mount(content) {
        content.innerHTML = '<div class="header"><h1 id="job-name">Job</h1><span id="job-status"></span>'
          + '<span class="muted" id="job-duration"></span><div class="actions">'
          + '<button id="trigger-savepoint">Trigger savepoint</button>'
          + '<button id="stop-job">Stop with savepoint</button>'
          + '<button id="cancel-job" class="danger">Cancel job</button></div></div>'
          + '<div id="notice" hidden></div>'
          + tabs(base, JOB_TABS, tab) + '<div id="tab-content"></div>';
        $('cancel-job').onclick = () => {
          if (confirm('Cancel job ' + ($('job-name').textContent || jobId) + '?')) {
            post('jobs/' + jobId + '/cancel').then(() => { notice('Cancelling the job…'); refreshNow(); }, showError);
          }
        };
        $('trigger-savepoint').onclick = () => savepoint({}, 'Taking a savepoint…');
        $('stop-job').onclick = () => {
          if (confirm('Stop the job with a savepoint?')) { savepoint({ stop: true }, 'Stopping the job with a savepoint…'); }
        };
        const frames = {
          overview: '<div class="graph" id="job-graph-box"></div><h2>Vertices</h2><div id="vertices"></div>',
          subtasks: '<label>Vertex <select id="vertex-select"></select></label><h2>Subtasks</h2><div id="subtasks"></div>',
          watermarks: '<div id="watermarks"></div>',
          exceptions: '<div id="exceptions"></div>',
          checkpoints: '<div id="checkpoints"></div>',
          configuration: '<div id="job-config"></div>'
        };
        $('tab-content').innerHTML = frames[tab] || '<p>No such tab</p>';
        if (tab === 'subtasks') {
          $('vertex-select').onchange = refreshNow;
        }
      },
      refresh() {
        const loads = [api('jobs/' + jobId).then((d) => { details = d; })];
        if (!plan) { loads.push(api('jobs/' + jobId + '/plan').then((p) => { plan = p; })); }
        return Promise.all(loads).then(() => {
          $('job-name').textContent = details.name;
          $('job-status').innerHTML = status(details.status);
          $('job-duration').textContent = duration(details.durationMillis);
          const running = RUNNING.includes(details.status);
          ['cancel-job', 'trigger-savepoint', 'stop-job'].forEach((b) => { $(b).disabled = !running; });
          return ({
            overview: renderGraph, subtasks: renderSubtasks, watermarks: renderWatermarks,
            exceptions: renderExceptions, checkpoints: renderCheckpoints, configuration: renderConfig
          }[tab] || (() => null))();
        });
      }
    };

    function savepoint(body, message) {
      notice(message);
      post('jobs/' + jobId + '/savepoints', body).then(
        (answer) => { notice('Savepoint complete: ' + answer.savepoint); refreshNow(); },
        (error) => { notice(''); showError(error); });
    }

    function vertexById() {
      const map = {};
      details.vertices.forEach((v) => { map[v.id] = v; });
      return map;
    }

    function renderGraph() {
      const vertices = vertexById();
      // columns by the longest path from a source, rows in plan order within a column
      const level = {};
      const levelOf = (v) => {
        if (level[v.id] === undefined) {
          level[v.id] = 0;
          v.inputs.forEach((e) => {
            const producer = plan.find((p) => p.id === e.producerId);
            if (producer) { level[v.id] = Math.max(level[v.id], levelOf(producer) + 1); }
          });
        }
        return level[v.id];
      };
      plan.forEach(levelOf);
      const W = 230, H = 92, GX = 96, GY = 26;
      const rows = {};
      const pos = {};
      plan.forEach((v) => {
        const l = level[v.id];
        rows[l] = (rows[l] || 0) + 1;
        pos[v.id] = { x: 20 + l * (W + GX), y: 20 + (rows[l] - 1) * (H + GY) };
      });
      const width = 40 + (Math.max(...Object.values(level)) + 1) * (W + GX) - GX;
      const height = 40 + Math.max(...Object.values(rows)) * (H + GY) - GY;
      let svg = '<svg id="job-graph" xmlns="http://www.w3.org/2000/svg" width="' + width + '" height="' + height + '">'
        + '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto">'
        + '<path d="M0,0 L10,5 L0,10 z" fill="#7d8b97"/></marker></defs>';
      plan.forEach((v) => {
        v.inputs.forEach((e) => {
          const from = pos[e.producerId];
          const to = pos[v.id];
          if (!from) { return; }
          const x1 = from.x + W, y1 = from.y + H / 2, x2 = to.x, y2 = to.y + H / 2;
          const mid = (x1 + x2) / 2;
          svg += '<path marker-end="url(#arrow)" d="M' + x1 + ',' + y1 + ' C' + mid + ',' + y1 + ' ' + mid + ',' + y2 + ' ' + x2 + ',' + y2 + '"/>'
            + '<text class="edge-label" text-anchor="middle" x="' + mid + '" y="' + ((y1 + y2) / 2 - 6) + '">' + esc(e.partitioning) + '</text>';
        });
      });
      plan.forEach((v) => {
        const d = vertices[v.id] || {};
        const p = pos[v.id];
        const ratio = Number(d.backpressureRatio) || 0;
        const fill = ratio >= 0.5 ? '#f5b7b1' : ratio >= 0.1 ? '#fad7a0' : '#d4efdf';
        const name = v.name.length > 32 ? v.name.slice(0, 31) + '…' : v.name;
        svg += '<g class="vertex" data-vertex-id="' + esc(v.id) + '" data-records-in="' + esc(d.recordsIn)
          + '" data-records-out="' + esc(d.recordsOut) + '" data-status="' + esc(d.status) + '">'
          + '<title>' + esc(v.name) + '\n' + esc(v.operators.join(' → ')) + '</title>'
          + '<rect x="' + p.x + '" y="' + p.y + '" width="' + W + '" height="' + H + '" rx="6" fill="' + fill + '"/>'
          + '<text class="title" x="' + (p.x + 10) + '" y="' + (p.y + 20) + '">' + esc(name) + '</text>'
          + '<text x="' + (p.x + 10) + '" y="' + (p.y + 39) + '">Parallelism ' + esc(v.parallelism) + ' · ' + esc(d.status) + '</text>'
          + '<text x="' + (p.x + 10) + '" y="' + (p.y + 57) + '">In ' + num(d.recordsIn) + ' · Out ' + num(d.recordsOut) + '</text>'
          + '<text x="' + (p.x + 10) + '" y="' + (p.y + 75) + '">Back-pressure ' + Math.round(ratio * 100) + ' %</text></g>';
      });
      $('job-graph-box').innerHTML = svg + '</svg>';
      const rowsHtml = details.vertices.map((v) => '<tr data-vertex-id="' + esc(v.id) + '">' + td(esc(v.name))
        + td(status(v.status)) + td(esc(v.parallelism), true) + td(num(v.recordsIn), true) + td(num(v.recordsOut), true)
        + td(bytes(v.bytesIn), true) + td(bytes(v.bytesOut), true) + td(Math.round(v.backpressureRatio * 100) + ' %', true) + '</tr>');
      $('vertices').innerHTML = table('vertex-table', ['Vertex', 'Status', '#Parallelism', '#Records in', '#Records out',
        '#Bytes in', '#Bytes out', '#Back-pressure'], rowsHtml, 'No vertex');
    }

    function renderSubtasks() {
      const select = $('vertex-select');
      if (!select.options.length) {
        select.innerHTML = details.vertices.map((v) => '<option value="' + esc(v.id) + '">' + esc(v.name) + '</option>').join('');
      }
      const vertex = details.vertices.find((v) => v.id === select.value) || details.vertices[0];
      const names = [];
      vertex.subtasks.forEach((s) => ['numBytesIn', 'numBytesOut', 'busyTimeMsPerSecond', 'backPressuredTimeMsPerSecond',
        'numRecordsInPerSecond', 'numRecordsOutPerSecond'].forEach((m) => names.push(s.index + '.' + m)));
      return api('jobs/' + jobId + '/vertices/' + vertex.id + '/metrics?get=' + encodeURIComponent(names.join(',')))
        .catch(() => []).then((list) => {
          const m = metricMap(list);
          const rows = vertex.subtasks.map((s) => {
            const k = (name) => m[s.index + '.' + name];
            return '<tr data-subtask="' + s.index + '">' + td(esc(s.index), true) + td(status(s.status))
              + td(num(s.recordsIn), true) + td(num(s.recordsOut), true) + td(num(k('numRecordsInPerSecond')) + '/s', true)
              + td(bytes(k('numBytesIn')), true) + td(bytes(k('numBytesOut')), true)
              + td(Math.round(s.backpressureRatio * 100) + ' %', true)
              + td(k('busyTimeMsPerSecond') === undefined ? '–' : Math.round(k('busyTimeMsPerSecond') / 10) + ' %', true)
              + td(s.taskManager ? '<a href="#/taskmanagers/' + encodeURIComponent(s.taskManager) + '">' + esc(s.taskManager) + '</a>' : '–')
              + td(esc(s.location)) + '</tr>';
          });
          $('subtasks').innerHTML = table('subtask-table', ['#Subtask', 'Status', '#Records in', '#Records out', '#In rate',
            '#Bytes in', '#Bytes out', '#Back-pressure', '#Busy', 'TaskManager', 'Location'], rows, 'No subtask');
        });
    }

    function renderWatermarks() {
      return Promise.all(details.vertices.map((v) => api('jobs/' + jobId + '/vertices/' + v.id + '/watermarks')
        .catch(() => []).then((list) => ({ vertex: v, list })))).then((all) => {
        const rows = [];
        all.forEach(({ vertex, list }) => list.forEach((w) => {
          const none = w.watermark <= -9007199254740000;
          rows.push('<tr>' + td(esc(vertex.name)) + td(esc(w.subtask), true) + td(esc(w.operator))
            + td(none ? 'none yet' : w.watermark >= 9007199254740000 ? 'end of input' : esc(new Date(w.watermark).toISOString()))
            + td(none ? '–' : esc(w.watermark), true) + '</tr>');
        }));
        $('watermarks').innerHTML = table('watermark-table', ['Vertex', '#Subtask', 'Operator', 'Input watermark', '#Millis'],
          rows, 'No watermarks: the job runs no subtask now');
      });
    }

    function renderExceptions() {
      return Promise.all([api('jobs/' + jobId + '/exception'), api('jobs/' + jobId + '/exceptions').catch(() => [])])
        .then(([failure, history]) => {
          let html = '<h2>Root cause</h2>';
          html += failure && failure.rootCause
            ? '<p id="root-cause">' + esc(failure.rootCause) + '</p><pre class="trace">' + esc(failure.stackTrace) + '</pre>'
            : '<p id="root-cause" class="muted">The job has not failed.</p>';
          const rows = history.map((h) => '<tr>' + td(esc(time(h.timestamp))) + td(esc(h.where)) + td(esc(h.exception))
            + td(h.restarted ? 'restarted' : 'job failed') + '</tr>');
          html += '<h2>Failures and restarts</h2>' + table('failure-history', ['Time', 'Where', 'Exception', 'Outcome'], rows,
            'No task has failed');
          $('exceptions').innerHTML = html;
        });
    }

    function renderCheckpoints() {
      return api('jobs/' + jobId + '/checkpoints').then((c) => {
        const counts = c.counts;
        const card = (key, label, value) => '<div class="card" data-checkpoints="' + key + '" data-value="' + esc(value)
          + '"><div class="value">' + esc(value) + '</div><div class="label">' + esc(label) + '</div></div>';
        let html = '<div class="cards" id="checkpoint-counts">' + card('completed', 'Completed', counts.completed)
          + card('inProgress', 'In progress', counts.inProgress) + card('failed', 'Failed', counts.failed)
          + card('restored', 'Restored', counts.restored) + '</div>';
        const latest = c.latest;
        const line = (label, cp) => '<tr>' + td(esc(label)) + td(cp ? '#' + esc(cp.id) + ' at ' + esc(time(cp.triggerTimestamp))
          + ', ' + esc(duration(cp.durationMillis)) + ', ' + bytes(cp.stateSize) + (cp.path ? ' · <code>' + esc(cp.path) + '</code>' : '')
          + (cp.failureReason ? ' · ' + esc(cp.failureReason) : '') : '–') + '</tr>';
        html += '<h2>Latest</h2><table id="checkpoint-latest"><tbody>' + line('Completed checkpoint', latest.completed)
          + line('Savepoint', latest.savepoint) + line('Failed', latest.failed)
          + '<tr>' + td('Restored') + td(latest.restored ? '#' + esc(latest.restored.id) + ' from <code>' + esc(latest.restored.path)
            + '</code> at ' + esc(time(latest.restored.restoreTimestamp)) : '–') + '</tr></tbody></table>';
        const rows = c.history.map((cp) => '<tr class="checkpoint" data-checkpoint-id="' + esc(cp.id) + '">' + td(esc(cp.id), true)
          + td(esc(cp.kind)) + td(status(cp.status)) + td(esc(time(cp.triggerTimestamp))) + td(esc(duration(cp.durationMillis)), true)
          + td(bytes(cp.stateSize), true) + td(esc(cp.acknowledgedSubtasks) + '/' + esc(cp.totalSubtasks), true)
          + td(esc(cp.maxAlignmentMillis) + ' ms', true) + td(esc(cp.maxSyncMillis) + ' / ' + esc(cp.maxAsyncMillis) + ' ms', true) + '</tr>'
          + '<tr class="subtasks" hidden><td colspan="9">' + subtaskTable(cp) + '</td></tr>');
        html += '<h2>History</h2>' + table('checkpoint-history', ['#Id', 'Kind', 'Status', 'Triggered', '#Duration', '#Size',
          '#Acknowledged', '#Max alignment', '#Max sync / async'], rows, 'No checkpoint yet');
        const open = Array.from(document.querySelectorAll('#checkpoint-history tr.subtasks:not([hidden])'))
          .map((r) => r.previousSibling.dataset.checkpointId);
        $('checkpoints').innerHTML = html;
        document.querySelectorAll('#checkpoint-history tr.checkpoint').forEach((row) => {
          if (open.includes(row.dataset.checkpointId)) { row.nextSibling.hidden = false; }
          row.style.cursor = 'pointer';
          row.onclick = () => { row.nextSibling.hidden = !row.nextSibling.hidden; };
        });
      });
    }

    function subtaskTable(cp) {
      const rows = cp.subtasks.map((s) => '<tr>' + td(esc(s.vertexName)) + td(esc(s.subtask), true) + td(esc(time(s.acknowledgeTimestamp)))
        + td(esc(s.alignmentMillis) + ' ms', true) + td(esc(s.syncMillis) + ' ms', true) + td(esc(s.asyncMillis) + ' ms', true)
        + td(bytes(s.stateSize), true) + '</tr>');
      return table('checkpoint-' + cp.id + '-subtasks', ['Vertex', '#Subtask', 'Acknowledged', '#Alignment', '#Sync', '#Async',
        '#State'], rows, 'No subtask acknowledged');
    }

    function renderConfig() {
      return api('jobs/' + jobId + '/config').then((config) => {
        const rows = Object.keys(config).map((k) => '<tr>' + td(esc(k)) + td('<code>' + esc(config[k]) + '</code>') + '</tr>');
        $('job-config').innerHTML = table('job-config-table', ['Setting', 'Value'], rows, 'No configuration');
      });
    }

    return view;
  }

  // ------------------------------------------------------------------ TaskManagers and JobManager

  const TM_METRICS = ['Status.JVM.Memory.Heap.Used', 'Status.JVM.Memory.Heap.Max', 'Status.Network.totalMemorySegments',
    'Status.Network.availableMemorySegments', 'Status.Network.memorySegmentSize', 'Status.JVM.CPU.Load',
    'Status.JVM.CPU.Cores', 'Status.numberOfRunningTasks', 'Status.Memory.Managed.Used', 'Status.Memory.Managed.Total'];

  function usage(used, total) {
    const u = Number(used), t = Number(total);
    if (!(t > 0)) { return '–'; }
    return '<div title="' + bytes(u) + ' of ' + bytes(t) + '">' + bytes(u) + ' / ' + bytes(t)
      + '<div class="bar"><span style="width:' + Math.min(100, Math.round(100 * u / t)) + '%"></span></div></div>';
  }

  const taskManagers = {
    nav: 'taskmanagers',
    mount(content) {
      content.innerHTML = '<h1>TaskManagers</h1><div id="taskmanagers"></div>'
        + '<p class="muted">Managed memory holds the sort buffers, hash tables and iteration state of batch operators.</p>';
    },
    refresh() {
      return api('taskmanagers').then((tms) => Promise.all(tms.map((tm) =>
        api('taskmanagers/' + encodeURIComponent(tm.id) + '/metrics?get=' + TM_METRICS.join(','))
          .catch(() => []).then((list) => ({ tm, m: metricMap(list) }))))).then((all) => {
        const rows = all.map(({ tm, m }) => {
          const segment = Number(m['Status.Network.memorySegmentSize']);
          const total = Number(m['Status.Network.totalMemorySegments']) * segment;
          const used = total - Number(m['Status.Network.availableMemorySegments']) * segment;
          const load = Number(m['Status.JVM.CPU.Load']);
          return '<tr data-tm-id="' + esc(tm.id) + '">' + td('<a href="#/taskmanagers/' + encodeURIComponent(tm.id) + '">' + esc(tm.id) + '</a>')
            + td(esc(tm.location)) + td(esc(tm.slots), true) + td(num(m['Status.numberOfRunningTasks']), true)
            + td(usage(m['Status.JVM.Memory.Heap.Used'], m['Status.JVM.Memory.Heap.Max'])) + td(usage(used, total))
            + td(usage(m['Status.Memory.Managed.Used'], m['Status.Memory.Managed.Total']))
            + td(load >= 0 ? Math.round(load * 100) + ' % of ' + esc(m['Status.JVM.CPU.Cores']) + ' cores' : '–', true) + '</tr>';
        });
        $('taskmanagers').innerHTML = table('tm-table', ['Id', 'Location', '#Slots', '#Running tasks', 'Heap', 'Network memory',
          'Managed memory', '#CPU'], rows, 'No TaskManager has registered');
      });
    }
  };

  /** A log's tail that follows the file while the page is open, with a link to download the whole file. */
  function logPanel(path, title) {
    return {
      frame: '<div class="header"><h2>' + esc(title) + '</h2><div class="actions"><a id="log-download" href="' + path
        + '?download=true" download>Download</a></div></div><pre class="log" id="log-view">Loading…</pre>',
      refresh() {
        return api(path).then((text) => {
          const view = $('log-view');
          const atBottom = view.scrollTop + view.clientHeight >= view.scrollHeight - 20;
          view.textContent = text || '(empty)';
          if (atBottom) { view.scrollTop = view.scrollHeight; }
        }, (error) => { $('log-view').textContent = error.message; });
      }
    };
  }

  function metricsPanel(path) {
    return {
      frame: '<div id="metrics"></div>',
      refresh() {
        return api(path).then((names) => names.length
          ? api(path + '?get=' + encodeURIComponent(names.map((n) => n.id).join(','))) : []).then((values) => {
          const rows = values.map((m) => '<tr>' + td('<code>' + esc(m.id) + '</code>') + td(esc(m.value), true) + '</tr>');
          $('metrics').innerHTML = table('metric-table', ['Metric', '#Value'], rows, 'No metrics');
        });
      }
    };
  }

  function taskManagerView(tmId, tab) {
    const base = '#/taskmanagers/' + encodeURIComponent(tmId);
    const path = 'taskmanagers/' + encodeURIComponent(tmId);
    const panel = tab === 'log' ? logPanel(path + '/log', 'Log') : tab === 'stdout' ? logPanel(path + '/stdout', 'Stdout and stderr')
      : metricsPanel(path + '/metrics');
    return {
      nav: 'taskmanagers',
      mount(content) {
        content.innerHTML = '<h1>TaskManager <code>' + esc(tmId) + '</code></h1>'
          + tabs(base, [['metrics', 'Metrics'], ['log', 'Log'], ['stdout', 'Stdout']], tab) + panel.frame;
      },
      refresh: panel.refresh
    };
  }

  function jobManagerView(tab) {
    const configPanel = {
      frame: '<div id="jm-config"></div>',
      refresh() {
        return api('jobmanager/config').then((config) => {
          const rows = Object.keys(config).map((k) => '<tr>' + td('<code>' + esc(k) + '</code>') + td(esc(config[k])) + '</tr>');
          $('jm-config').innerHTML = table('jm-config-table', ['Key', 'Value'], rows, 'Everything is at its default');
        });
      }
    };
    const panel = tab === 'log' ? logPanel('jobmanager/log', 'Log') : tab === 'stdout' ? logPanel('jobmanager/stdout', 'Stdout and stderr')
      : tab === 'metrics' ? metricsPanel('jobmanager/metrics') : configPanel;
    return {
      nav: 'jobmanager',
      mount(content) {
        content.innerHTML = '<h1>JobManager</h1>' + tabs('#/jobmanager', [['configuration', 'Configuration'],
          ['metrics', 'Metrics'], ['log', 'Log'], ['stdout', 'Stdout']], tab) + panel.frame;
      },
      refresh: panel.refresh
    };
  }

  // ------------------------------------------------------------------ submit

  const submit = {
    nav: 'submit',
    mount(content) {
      content.innerHTML = '<h1>Submit a job</h1><h2>1. Upload a jar</h2>'
        + '<p><input type="file" id="jar-file" accept=".jar"> <button id="upload-jar">Upload</button></p>'
        + '<h2>2. Run an uploaded jar</h2><form class="grid" id="run-form" onsubmit="return false">'
        + '<label for="jar-select">Jar</label><select id="jar-select"></select>'
        + '<label for="entry-class">Entry class</label><input type="text" id="entry-class" list="entry-classes" placeholder="from the jar\'s manifest if empty">'
        + '<datalist id="entry-classes"></datalist>'
        + '<label for="program-args">Arguments</label><input type="text" id="program-args" placeholder="--input /data/in --output /data/out">'
        + '<label for="parallelism">Parallelism</label><input type="number" id="parallelism" min="1" placeholder="the program\'s default">'
        + '<span></span><span><button id="run-jar">Run</button></span></form><div id="notice" hidden></div>';
      $('upload-jar').onclick = () => {
        const file = $('jar-file').files[0];
        if (!file) { showError(new Error('Choose a jar file first')); return; }
        api('jars', { method: 'POST', body: file }).then((answer) => {
          notice('Uploaded ' + file.name + ' as ' + answer.jarId);
          loadJars(answer.jarId);
        }, showError);
      };
      $('jar-select').onchange = () => loadEntryClasses();
      $('run-jar').onclick = () => {
        const jarId = $('jar-select').value;
        if (!jarId) { showError(new Error('Upload a jar first')); return; }
        const body = { programArgs: $('program-args').value.trim() ? $('program-args').value.trim().split(/\s+/) : [] };
        if ($('entry-class').value.trim()) { body.entryClass = $('entry-class').value.trim(); }
        if ($('parallelism').value) { body.parallelism = Number($('parallelism').value); }
        notice('Starting the job…');
        post('jars/' + encodeURIComponent(jarId) + '/run', body).then((answer) => {
          location.hash = '#/jobs/' + answer.jobId;
        }, (error) => { notice(''); showError(error); });
      };
      loadJars();
    },
    refresh() { return Promise.resolve(); }
  };

  function loadJars(selected) {
    api('jars').then((jars) => {
      $('jar-select').innerHTML = jars.map((j) => '<option' + (j === selected ? ' selected' : '') + '>' + esc(j) + '</option>').join('');
      loadEntryClasses();
    }, showError);
  }

  function loadEntryClasses() {
    const jarId = $('jar-select').value;
    if (!jarId) { return; }
    api('jars/' + encodeURIComponent(jarId) + '/entry-classes').then((answer) => {
      $('entry-classes').innerHTML = answer.classes.map((c) => '<option value="' + esc(c) + '">').join('');
      if (answer.mainClass && !$('entry-class').value) { $('entry-class').placeholder = answer.mainClass + ' (the manifest\'s)'; }
    }, () => {});
  }

  // ------------------------------------------------------------------ routing and refresh

  function resolve(hash) {
    const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
    switch (parts[0]) {
      case 'jobs':
        if (parts[1] === 'running') { return jobList(true); }
        if (parts[1] === 'completed') { return jobList(false); }
        if (parts[1]) { return jobView(parts[1], parts[2] || 'overview'); }
        return jobList(true);
      case 'taskmanagers':
        return parts[1] ? taskManagerView(parts[1], parts[2] || 'metrics') : taskManagers;
      case 'jobmanager':
        return jobManagerView(parts[1] || 'configuration');
      case 'submit':
        return submit;
      default:
        return overview;
    }
  }

  function refreshNow() {
    const view = state.view;
    const generation = state.generation;
    return Promise.resolve().then(() => view.refresh()).then(() => {
      if (generation === state.generation) { showError(null); }
    }, (error) => {
      if (generation === state.generation) { showError(error); }
    });
  }

  function route() {
    state.generation++;
    clearInterval(state.timer);
    showError(null);
    state.view = resolve(location.hash);
    document.querySelectorAll('#sidebar a[data-nav]').forEach((a) => {
      a.classList.toggle('active', a.dataset.nav === state.view.nav);
    });
    state.view.mount($('content'));
    refreshNow();
    state.timer = setInterval(refreshNow, state.refreshMillis);
  }

  window.addEventListener('hashchange', route);
  api('config').then((config) => {
    state.refreshMillis = config.refreshIntervalMillis || state.refreshMillis;
    $('version').textContent = 'Eddy ' + config.version;
  }, () => {}).then(route);
})();
