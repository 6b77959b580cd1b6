// NeuroMix pages: uploads with progress, live job progress, the A/B player and the charts.
// Served by the app itself; no third-party code.
(function () {
  'use strict';

  function csrfHeaders() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    var headers = {};
    if (token && header) { headers[header.content] = token.content; }
    return headers;
  }

  // --- uploads: one request per file, each with its own progress bar
  function setUpUploads() {
    var zone = document.getElementById('dropzone');
    if (!zone) { return; }
    var url = zone.dataset.uploadUrl;
    var list = document.getElementById('upload-list');
    var pending = 0;
    var failed = 0;
    var warned = 0;

    function upload(file, kind) {
      var item = document.createElement('li');
      var label = document.createElement('span');
      label.textContent = file.name;
      var bar = document.createElement('progress');
      bar.max = 100; bar.value = 0;
      item.appendChild(label); item.appendChild(bar);
      list.appendChild(item);
      pending++;
      var form = new FormData();
      form.append('file', file);
      form.append('kind', kind);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      // Refusals then come as problem JSON, whose detail is shown beside the file.
      xhr.setRequestHeader('Accept', 'application/json');
      var headers = csrfHeaders();
      Object.keys(headers).forEach(function (h) { xhr.setRequestHeader(h, headers[h]); });
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) {
          bar.value = Math.round(100 * e.loaded / e.total);
          // Sent: the service now decodes the whole file before it accepts it.
          if (e.loaded === e.total) { label.textContent = file.name + ': checking the audio…'; }
        }
      };
      xhr.onload = function () {
        if (xhr.status >= 200 && xhr.status < 300) {
          bar.value = 100;
          label.textContent = file.name;
          try {
            var answer = JSON.parse(xhr.responseText);
            if (answer.warnings && answer.warnings.length) {
              item.className = 'warned';
              label.textContent = file.name + ': ' + answer.warnings.join(' ');
              warned++;
            }
          } catch (ignored) { /* not JSON */ }
        } else {
          failed++;
          item.className = 'failed';
          bar.value = 0; // a refused file shows no full bar
          var detail = 'upload failed (HTTP ' + xhr.status + ')';
          try { detail = JSON.parse(xhr.responseText).detail || detail; } catch (ignored) { /* not JSON */ }
          label.textContent = file.name + ': ' + detail;
        }
        done();
      };
      xhr.onerror = function () { failed++; item.className = 'failed'; label.textContent = file.name + ': network error'; done(); };
      xhr.send(form);
    }

    function done() {
      pending--;
      if (pending === 0 && failed === 0 && warned === 0) { window.location.reload(); }
      if (pending === 0 && (failed > 0 || warned > 0)) {
        var again = document.createElement('li');
        var link = document.createElement('a');
        link.href = window.location.pathname; link.textContent = 'Show the uploaded files';
        again.appendChild(link); list.appendChild(again);
      }
    }

    function uploadAll(files, kind) { Array.prototype.forEach.call(files, function (f) { upload(f, kind); }); }
    document.getElementById('files').addEventListener('change', function (e) { uploadAll(e.target.files, 'stem'); });
    var reference = document.getElementById('reference');
    if (reference) { reference.addEventListener('change', function (e) { uploadAll(e.target.files, 'reference'); }); }
    zone.addEventListener('dragover', function (e) { e.preventDefault(); zone.classList.add('over'); });
    zone.addEventListener('dragleave', function () { zone.classList.remove('over'); });
    zone.addEventListener('drop', function (e) { e.preventDefault(); zone.classList.remove('over'); uploadAll(e.dataTransfer.files, 'stem'); });
  }

  // --- live progress: poll the status until the job ends
  function setUpProgress() {
    var box = document.getElementById('progress');
    if (!box) { return; }
    var bar = document.getElementById('progress-bar');
    bar.style.width = (bar.dataset.progress || 0) + '%'; // set from script: the CSP allows no inline styles
    function poll() {
      fetch(box.dataset.statusUrl, { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (s) {
        // The badge, the bar and the words always tell the same state: a queued job has not begun.
        var queued = s.status === 'queued';
        var percent = queued ? 0 : s.progress;
        document.getElementById('progress-bar').style.width = percent + '%';
        document.getElementById('stage').textContent = queued ? 'waiting in the queue' : (s.stage || s.status);
        document.getElementById('percent').textContent = percent;
        var badge = document.getElementById('status');
        if (badge) { badge.textContent = s.status; badge.className = 'badge ' + s.status; }
        if (s.status === 'completed' || s.status === 'failed') { window.location.reload(); } else { setTimeout(poll, 1000); }
      }).catch(function () { setTimeout(poll, 3000); });
    }
    setTimeout(poll, 1000);
  }

  function reportData() {
    var node = document.getElementById('report-data');
    return node ? JSON.parse(node.textContent) : null;
  }

  // --- player: waveform, play/pause, seek, and the loudness-matched A/B switch
  function setUpPlayer(report) {
    var player = document.getElementById('player');
    if (!player || !report) { return; }
    var canvas = document.getElementById('waveform');
    var mix = document.getElementById('mix-audio');
    var sum = document.getElementById('sum-audio');
    var listeningToMix = true;
    // Equal loudness for A/B: the louder side is turned down by the difference of integrated loudness.
    var offsetNode = document.getElementById('ab-offset');
    var mixLufs = offsetNode ? parseFloat(offsetNode.dataset.mixLufs) : NaN;
    var sumLufs = offsetNode ? parseFloat(offsetNode.dataset.sumLufs) : NaN;
    if (isFinite(mixLufs) && isFinite(sumLufs)) {
      var offsetDb = mixLufs - sumLufs;
      mix.volume = offsetDb > 0 ? Math.pow(10, -offsetDb / 20) : 1;
      sum.volume = offsetDb < 0 ? Math.pow(10, offsetDb / 20) : 1;
    }
    var ctx = canvas.getContext('2d');
    var peaks = report.waveform.minMax;
    var points = report.waveform.points;

    function draw() {
      var w = canvas.width, h = canvas.height, audio = listeningToMix ? mix : sum;
      var played = audio.duration ? audio.currentTime / audio.duration : 0;
      ctx.clearRect(0, 0, w, h);
      for (var i = 0; i < points; i++) {
        var x = i * w / points;
        var lo = peaks[2 * i], hi = peaks[2 * i + 1];
        ctx.fillStyle = i / points < played ? '#3b5bdb' : '#adb5bd';
        ctx.fillRect(x, h / 2 - hi * h / 2, Math.max(1, w / points), Math.max(1, (hi - lo) * h / 2));
      }
      var t = audio.currentTime || 0;
      document.getElementById('time').textContent = Math.floor(t / 60) + ':' + ('0' + Math.floor(t % 60)).slice(-2);
    }
    function active() { return listeningToMix ? mix : sum; }
    document.getElementById('play').addEventListener('click', function () {
      var a = active();
      if (a.paused) { a.play(); this.textContent = 'Pause'; } else { a.pause(); this.textContent = 'Play'; }
    });
    document.getElementById('ab').addEventListener('click', function () {
      var from = active();
      listeningToMix = !listeningToMix;
      var to = active();
      to.currentTime = from.currentTime;
      if (!from.paused) { from.pause(); to.play(); }
      document.getElementById('ab-label').textContent = listeningToMix ? 'the mix' : 'the unprocessed sum';
      document.getElementById('ab-hint').textContent = listeningToMix ? 'switch to unprocessed' : 'switch to the mix';
      this.setAttribute('aria-pressed', String(!listeningToMix));
    });
    canvas.addEventListener('click', function (e) {
      var a = active();
      if (a.duration) { a.currentTime = a.duration * (e.offsetX / canvas.clientWidth); }
    });
    [mix, sum].forEach(function (a) { a.addEventListener('timeupdate', draw); a.addEventListener('loadedmetadata', draw); });
    draw();
  }

  // --- charts on canvas: loudness over time and the spectrum
  function axes(ctx, w, h, yMin, yMax, label) {
    ctx.strokeStyle = '#dee2e6'; ctx.fillStyle = '#667'; ctx.font = '12px sans-serif';
    for (var v = Math.ceil(yMin / 6) * 6; v <= yMax; v += 6) {
      var y = h - 20 - (v - yMin) / (yMax - yMin) * (h - 30);
      ctx.beginPath(); ctx.moveTo(40, y); ctx.lineTo(w, y); ctx.stroke();
      ctx.fillText(String(v), 4, y + 4);
    }
    ctx.fillText(label, 44, 12);
  }

  function line(ctx, values, w, h, yMin, yMax, color) {
    ctx.strokeStyle = color; ctx.lineWidth = 1.5; ctx.beginPath();
    var started = false;
    values.forEach(function (v, i) {
      if (v === null) { started = false; return; }
      var x = 40 + i / Math.max(1, values.length - 1) * (w - 40);
      var y = h - 20 - (Math.max(yMin, Math.min(yMax, v)) - yMin) / (yMax - yMin) * (h - 30);
      if (started) { ctx.lineTo(x, y); } else { ctx.moveTo(x, y); started = true; }
    });
    ctx.stroke();
  }

  function setUpCharts(report) {
    if (!report) { return; }
    var loud = document.getElementById('loudness-chart');
    if (loud) {
      var c = loud.getContext('2d');
      axes(c, loud.width, loud.height, -48, 0, 'LUFS — momentary (grey), short-term (blue), target (red)');
      line(c, report.loudnessOverTime.momentaryLufs, loud.width, loud.height, -48, 0, '#adb5bd');
      line(c, report.loudnessOverTime.shortTermLufs, loud.width, loud.height, -48, 0, '#3b5bdb');
      var n = report.loudnessOverTime.shortTermLufs.length;
      line(c, [report.target.loudnessLufs, report.target.loudnessLufs].concat(new Array(Math.max(0, n - 2)).fill(report.target.loudnessLufs)),
        loud.width, loud.height, -48, 0, '#c92a2a');
    }
    var spec = document.getElementById('spectrum-chart');
    if (spec) {
      var s = spec.getContext('2d');
      var bands = report.spectrum.bandEnergiesDb;
      var top = Math.max.apply(null, bands.filter(function (b) { return b !== null; }).concat([-100]));
      var yMax = Math.ceil(top / 6) * 6, yMin = yMax - 60;
      axes(s, spec.width, spec.height, yMin, yMax, 'dB per 1/3-octave band');
      var bw = (spec.width - 40) / bands.length;
      bands.forEach(function (b, i) {
        if (b === null) { return; }
        var hgt = (Math.max(yMin, b) - yMin) / (yMax - yMin) * (spec.height - 30);
        s.fillStyle = '#3b5bdb';
        s.fillRect(40 + i * bw + 1, spec.height - 20 - hgt, bw - 2, hgt);
        if (i % 3 === 0) {
          var f = report.spectrum.bandCentresHz[i];
          s.fillStyle = '#667'; s.fillText(f >= 1000 ? (f / 1000) + 'k' : String(f), 40 + i * bw, spec.height - 5);
        }
      });
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    setUpUploads();
    setUpProgress();
    var report = reportData();
    setUpPlayer(report);
    setUpCharts(report);
  });
}());
