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
    var otherName = 'the unprocessed sum';
    function match(otherLufs) {
      mix.volume = 1; sum.volume = 1;
      if (!isFinite(mixLufs) || !isFinite(otherLufs)) { return null; }
      var offsetDb = mixLufs - otherLufs;
      mix.volume = offsetDb > 0 ? Math.pow(10, -offsetDb / 20) : 1;
      sum.volume = offsetDb < 0 ? Math.pow(10, offsetDb / 20) : 1;
      return offsetDb;
    }
    match(offsetNode ? parseFloat(offsetNode.dataset.sumLufs) : NaN);
    var other = document.getElementById('ab-other');
    if (other) {
      other.addEventListener('change', function () {
        var option = other.options[other.selectedIndex];
        var wasPlaying = !sum.paused;
        sum.pause();
        sum.src = option.value;
        otherName = option.textContent;
        var offsetDb = match(parseFloat(option.dataset.lufs));
        otherPeaks = null;
        if (option.dataset.report) {
          fetch(option.dataset.report, { credentials: 'same-origin' }).then(function (r) { return r.ok ? r.json() : null; })
            .then(function (other) { otherPeaks = other && other.waveform ? other.waveform : null; draw(); })
            .catch(function () { draw(); });
        } else {
          otherPeaks = report.unprocessedWaveform || null;
          draw();
        }
        offsetNode.textContent = offsetDb === null ? 'A/B: ' + otherName + ' was not measured, so the two are played as they are.'
          : Math.abs(offsetDb) < 0.05 ? 'A/B at equal loudness: both sides are played as they are.'
          : 'A/B at equal loudness: ' + (offsetDb > 0 ? 'this mix' : otherName) + ' is played ' + Math.abs(offsetDb).toFixed(1)
            + ' dB quieter (this mix ' + mixLufs.toFixed(1) + ' LUFS, ' + otherName + ' ' + parseFloat(option.dataset.lufs).toFixed(1) + ' LUFS).';
        if (listeningToMix) {
          document.getElementById('ab-hint').textContent = 'switch to ' + otherName;
        } else {
          document.getElementById('ab-label').textContent = otherName;
          sum.currentTime = mix.currentTime;
          if (wasPlaying) { sum.play(); }
        }
      });
    }
    var ctx = canvas.getContext('2d');
    var otherPeaks = report.unprocessedWaveform || null;
    var axisSeconds = 0;

    // Both sides, each in its own lane and drawn at the volume it is played at (so equal loudness
    // shows as well as it is heard): this mix above, the comparison below; the one heard is coloured.
    function lane(waveform, top, height, volume, heard, played, label, share) {
      var w = canvas.width * share, points = waveform.points, peaks = waveform.minMax, middle = top + height / 2;
      for (var i = 0; i < points; i++) {
        var lo = peaks[2 * i] * volume, hi = peaks[2 * i + 1] * volume;
        ctx.fillStyle = heard && i / points < played ? '#3b5bdb' : heard ? '#91a7ff' : '#ced4da';
        ctx.fillRect(i * w / points, middle - hi * height / 2, Math.max(1, w / points), Math.max(1, (hi - lo) * height / 2));
      }
      ctx.fillStyle = '#495057'; ctx.font = '12px sans-serif';
      ctx.fillText(label, 4, top + 13);
    }
    window.neuromixPlayer = { otherWaveform: function () { return otherPeaks; } }; // for the browser test

    function draw() {
      var w = canvas.width, h = canvas.height, audio = listeningToMix ? mix : sum;
      var played = audio.duration ? audio.currentTime / audio.duration : 0;
      ctx.clearRect(0, 0, w, h);
      // One time axis for both: each lane is as wide as its file is long against the longer one.
      var mixSeconds = isFinite(mix.duration) ? mix.duration : report.loudness.durationSeconds;
      var otherSeconds = isFinite(sum.duration) ? sum.duration : mixSeconds;
      var longest = Math.max(mixSeconds || 1, otherPeaks ? otherSeconds || 1 : 0);
      axisSeconds = longest;
      if (otherPeaks) {
        lane(report.waveform, 0, h / 2 - 2, mix.volume, listeningToMix, played, 'this mix', (mixSeconds || longest) / longest);
        lane(otherPeaks, h / 2 + 2, h / 2 - 2, sum.volume, !listeningToMix, played, otherName, (otherSeconds || longest) / longest);
      } else {
        lane(report.waveform, 0, h, mix.volume, true, played, 'this mix', 1);
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
      document.getElementById('ab-label').textContent = listeningToMix ? 'the mix' : otherName;
      document.getElementById('ab-hint').textContent = listeningToMix ? 'switch to ' + otherName : 'switch to the mix';
      this.setAttribute('aria-pressed', String(!listeningToMix));
    });
    canvas.addEventListener('click', function (e) {
      var a = active();
      var seconds = (axisSeconds || a.duration) * (e.offsetX / canvas.clientWidth);
      if (a.duration) { a.currentTime = Math.min(a.duration, seconds); }
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

  // Seconds along the bottom: a tick every 5, 10, 15, 30, 60 or 120 s, whichever gives at most ten.
  function timeAxis(ctx, w, h, seconds) {
    if (!(seconds > 0)) { return; }
    var steps = [5, 10, 15, 30, 60, 120, 300];
    var step = steps.filter(function (s) { return seconds / s <= 10; })[0] || 600;
    ctx.fillStyle = '#667'; ctx.strokeStyle = '#dee2e6'; ctx.font = '12px sans-serif';
    for (var t = 0; t <= seconds; t += step) {
      var x = 40 + t / seconds * (w - 40);
      ctx.beginPath(); ctx.moveTo(x, h - 20); ctx.lineTo(x, h - 15); ctx.stroke();
      ctx.fillText(Math.floor(t / 60) + ':' + ('0' + Math.floor(t % 60)).slice(-2), Math.min(x - 10, w - 30), h - 3);
    }
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
      timeAxis(c, loud.width, loud.height, n * report.loudnessOverTime.stepSeconds);
    }
    var spec = document.getElementById('spectrum-chart');
    if (spec) {
      var s = spec.getContext('2d');
      var bands = report.spectrum.bandEnergiesDb;
      var top = Math.max.apply(null, bands.filter(function (b) { return b !== null; }).concat([-100]));
      var yMax = Math.ceil(top / 6) * 6, yMin = yMax - 60;
      axes(s, spec.width, spec.height, yMin, yMax, 'dB per 1/3-octave band');
      var bw = (spec.width - 40) / bands.length;
      var sum = report.unprocessedSpectrumDb;
      if (sum && sum.length === bands.length) {
        // The unprocessed sum's bands, moved by the loudness difference, as a line over the mix's bars.
        var shift = (report.loudness.integratedLufs || 0) - (report.unprocessedSumLufs || 0);
        s.fillStyle = '#667'; s.fillText('unprocessed sum at equal loudness (grey line)', 300, 12);
        line(s, sum.map(function (v) { return v === null ? null : v + shift; }), spec.width - bw, spec.height, yMin, yMax, '#868e96');
      }
      var ref = report.referenceSpectrumDb;
      if (ref && ref.length === bands.length) {
        // The reference track's bands at the mix's loudness, as a second line.
        var refShift = (report.loudness.integratedLufs || 0) - (report.referenceLufs || 0);
        s.fillStyle = '#d9480f'; s.fillText('reference track at equal loudness (orange line)', 600, 12);
        line(s, ref.map(function (v) { return v === null ? null : v + refShift; }), spec.width - bw, spec.height, yMin, yMax, '#e8590c');
      }
      bands.forEach(function (b, i) {
        if (b === null) { return; }
        var hgt = (Math.max(yMin, b) - yMin) / (yMax - yMin) * (spec.height - 30);
        s.fillStyle = 'rgba(59, 91, 219, 0.75)';
        s.fillRect(40 + i * bw + 1, spec.height - 20 - hgt, bw - 2, hgt);
        if (i % 3 === 0) {
          var f = report.spectrum.bandCentresHz[i];
          s.fillStyle = '#667'; s.fillText(f >= 1000 ? (f / 1000) + 'k' : String(f), 40 + i * bw, spec.height - 5);
        }
      });
    }
  }


  // The EQ curve of a strip: the magnitude of every band, designed as the renderer designs them
  // (the Audio EQ Cookbook's biquads at 48 kHz; a 24 dB/octave filter is two Butterworth
  // sections), with a point per band that can be changed: drag it (frequency across, gain up and
  // down), turn the mouse wheel on it for its Q, double-click an empty spot for a new band.
  var EQ_RATE_HZ = 48000, EQ_RANGE_DB = 18, BUTTERWORTH_4 = [0.54119610014619701, 1.3065629648763766];

  function biquad(type, hz, q, gainDb) {
    var w0 = 2 * Math.PI * Math.min(hz, EQ_RATE_HZ * 0.49) / EQ_RATE_HZ, cos = Math.cos(w0), alpha = Math.sin(w0) / (2 * q);
    var a = Math.pow(10, gainDb / 40), s = 2 * Math.sqrt(a) * alpha, c;
    switch (type) {
      case 'lowPass': c = [(1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha]; break;
      case 'highPass': c = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha]; break;
      case 'bandPass': c = [alpha, 0, -alpha, 1 + alpha, -2 * cos, 1 - alpha]; break;
      case 'notch': c = [1, -2 * cos, 1, 1 + alpha, -2 * cos, 1 - alpha]; break;
      case 'lowShelf': c = [a * ((a + 1) - (a - 1) * cos + s), 2 * a * ((a - 1) - (a + 1) * cos), a * ((a + 1) - (a - 1) * cos - s),
        (a + 1) + (a - 1) * cos + s, -2 * ((a - 1) + (a + 1) * cos), (a + 1) + (a - 1) * cos - s]; break;
      case 'highShelf': c = [a * ((a + 1) + (a - 1) * cos + s), -2 * a * ((a - 1) + (a + 1) * cos), a * ((a + 1) + (a - 1) * cos - s),
        (a + 1) - (a - 1) * cos + s, 2 * ((a - 1) - (a + 1) * cos), (a + 1) - (a - 1) * cos - s]; break;
      default: c = [1 + alpha * a, -2 * cos, 1 - alpha * a, 1 + alpha / a, -2 * cos, 1 - alpha / a]; // peaking
    }
    return [c[0] / c[3], c[1] / c[3], c[2] / c[3], c[4] / c[3], c[5] / c[3]];
  }

  function sectionDb(c, hz) {
    var w = 2 * Math.PI * hz / EQ_RATE_HZ, c1 = Math.cos(w), s1 = Math.sin(w), c2 = Math.cos(2 * w), s2 = Math.sin(2 * w);
    var nr = c[0] + c[1] * c1 + c[2] * c2, ni = -(c[1] * s1 + c[2] * s2);
    var dr = 1 + c[3] * c1 + c[4] * c2, di = -(c[3] * s1 + c[4] * s2);
    return 10 * Math.log10((nr * nr + ni * ni) / (dr * dr + di * di));
  }

  function bandDb(band, hz) {
    if (band.slope === 24 && (band.type === 'highPass' || band.type === 'lowPass')) {
      return sectionDb(biquad(band.type, band.hz, BUTTERWORTH_4[0], 0), hz) + sectionDb(biquad(band.type, band.hz, BUTTERWORTH_4[1], 0), hz);
    }
    return sectionDb(biquad(band.type, band.hz, band.q, band.gainDb), hz);
  }

  // For the browser test (against the renderer's filters) and for anyone curious: bands are
  // {type, hz, q, gainDb, slope}.
  window.neuromixEq = {
    responseDb: function (bands, hz) { return bands.reduce(function (sum, b) { return sum + bandDb(b, hz); }, 0); }
  };

  function setUpEqCurves(form) {
    var curves = [];
    Array.prototype.forEach.call(form.querySelectorAll('canvas.eq-curve'), function (canvas) {
      var cell = canvas.parentNode, ctx2d = canvas.getContext('2d'), dragging = null;
      var w = canvas.width, h = canvas.height;
      function field(name) { return form.elements[name]; }
      function number(name, fallback) { var f = field(name); var v = f ? parseFloat(f.value) : NaN; return isFinite(v) ? v : fallback; }
      function bands() {
        var list = [];
        Array.prototype.forEach.call(cell.querySelectorAll('.band[data-prefix]'), function (row) {
          var prefix = row.dataset.prefix, editable = !!field(prefix + '-hz');
          var removed = field(prefix + '-remove') && field(prefix + '-remove').checked;
          var hz = editable ? number(prefix + '-hz', NaN) : parseFloat(row.dataset.hz);
          if (!isFinite(hz) || removed) { return; }
          list.push({ prefix: prefix, editable: editable, type: row.dataset.type, slope: parseInt(row.dataset.slope, 10) || 12, hz: hz,
            q: editable ? number(prefix + '-q', 1) : parseFloat(row.dataset.q) || 0.7071,
            gainDb: editable ? number(prefix + '-db', 0) : 0 });
        });
        return list;
      }
      function x(hz) { return Math.log(hz / 20) / Math.log(1000) * w; }
      function hzAt(px) { return 20 * Math.pow(1000, px / w); }
      function y(db) { return h / 2 - db * (h / 2) / EQ_RANGE_DB; }
      function dbAt(py) { return (h / 2 - py) * EQ_RANGE_DB / (h / 2); }
      function hasGain(b) { return b.type === 'peaking' || b.type === 'lowShelf' || b.type === 'highShelf'; }
      function draw() {
        var list = bands();
        ctx2d.clearRect(0, 0, w, h);
        ctx2d.strokeStyle = '#dee2e6'; ctx2d.fillStyle = '#868e96'; ctx2d.font = '10px sans-serif'; ctx2d.lineWidth = 1;
        [100, 1000, 10000].forEach(function (f) { ctx2d.beginPath(); ctx2d.moveTo(x(f), 0); ctx2d.lineTo(x(f), h); ctx2d.stroke();
          ctx2d.fillText(f >= 1000 ? f / 1000 + 'k' : f, x(f) + 2, h - 2); });
        [-12, -6, 0, 6, 12].forEach(function (d) { ctx2d.beginPath(); ctx2d.moveTo(0, y(d)); ctx2d.lineTo(w, y(d)); ctx2d.stroke(); });
        ctx2d.strokeStyle = '#1c7ed6'; ctx2d.lineWidth = 2; ctx2d.beginPath();
        for (var px = 0; px <= w; px += 2) {
          var d = window.neuromixEq.responseDb(list, hzAt(px));
          var py = Math.max(0, Math.min(h, y(d)));
          if (px === 0) { ctx2d.moveTo(px, py); } else { ctx2d.lineTo(px, py); }
        }
        ctx2d.stroke();
        list.forEach(function (b) {
          ctx2d.beginPath();
          ctx2d.arc(x(b.hz), y(hasGain(b) ? b.gainDb : 0), b.editable && hasGain(b) ? 5 : 3, 0, 2 * Math.PI);
          ctx2d.fillStyle = b.editable && hasGain(b) ? '#e8590c' : '#868e96';
          ctx2d.fill();
        });
      }
      function nearest(event, radius) {
        var r = canvas.getBoundingClientRect(), px = (event.clientX - r.left) * w / r.width, py = (event.clientY - r.top) * h / r.height;
        var best = null, bestDistance = radius;
        bands().forEach(function (b) {
          if (!b.editable || !hasGain(b)) { return; }
          var distance = Math.hypot(x(b.hz) - px, y(b.gainDb) - py);
          if (distance <= bestDistance) { best = b; bestDistance = distance; }
        });
        return { band: best, px: px, py: py };
      }
      function set(name, value) {
        var f = field(name);
        f.value = value;
        f.dispatchEvent(new Event('input', { bubbles: true }));
      }
      canvas.addEventListener('pointerdown', function (e) {
        var hit = nearest(e, 12);
        if (hit.band) { dragging = hit.band.prefix; canvas.setPointerCapture(e.pointerId); e.preventDefault(); }
      });
      canvas.addEventListener('pointermove', function (e) {
        if (!dragging) { return; }
        var hit = nearest(e, 0);
        set(dragging + '-hz', String(Math.round(Math.max(20, Math.min(20000, hzAt(hit.px))))));
        set(dragging + '-db', String(Math.round(Math.max(-EQ_RANGE_DB, Math.min(EQ_RANGE_DB, dbAt(hit.py))) * 10) / 10));
      });
      function release() {
        if (dragging) { field(dragging + '-hz').dispatchEvent(new Event('change', { bubbles: true })); }
        dragging = null;
      }
      canvas.addEventListener('pointerup', release);
      canvas.addEventListener('pointercancel', release);
      canvas.addEventListener('wheel', function (e) {
        var hit = nearest(e, 14);
        if (!hit.band) { return; }
        e.preventDefault();
        var q = Math.max(0.1, Math.min(10, hit.band.q * (e.deltaY < 0 ? 1.1 : 1 / 1.1)));
        set(hit.band.prefix + '-q', String(Math.round(q * 100) / 100));
      }, { passive: false });
      canvas.addEventListener('dblclick', function (e) {
        var hit = nearest(e, 0);
        var free = Array.prototype.filter.call(cell.querySelectorAll('.band[data-prefix]'), function (row) {
          var f = field(row.dataset.prefix + '-hz');
          return f && row.closest('details') && !f.value;
        })[0];
        if (!free) { return; }
        free.closest('details').open = true;
        set(free.dataset.prefix + '-q', '1');
        set(free.dataset.prefix + '-db', String(Math.round(Math.max(-EQ_RANGE_DB, Math.min(EQ_RANGE_DB, dbAt(hit.py))) * 10) / 10));
        set(free.dataset.prefix + '-hz', String(Math.round(Math.max(20, Math.min(20000, hzAt(hit.px))))));
      });
      curves.push(draw);
      draw();
    });
    form.addEventListener('input', function () { curves.forEach(function (draw) { draw(); }); });
    form.addEventListener('change', function () { curves.forEach(function (draw) { draw(); }); });
  }


  // --- the mixer: faders and pan knobs tied to the form's fields, and the live preview.
  // The preview plays every track's kept source (after the AI's gate and EQ) through WebAudio:
  // compressor -> fader -> pan -> master, and a post-fader send into a reverb. Every change of the
  // form goes into the graph at once; Render then makes the exact revision from the same fields.
  function setUpMixer() {
    var form = document.getElementById('revise');
    if (!form) { return; }
    Array.prototype.forEach.call(form.querySelectorAll('input[type=range][data-for]'), function (slider) {
      var field = form.elements[slider.dataset.for];
      slider.addEventListener('input', function () {
        field.value = slider.value;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      });
      field.addEventListener('input', function () { if (isFinite(parseFloat(field.value))) { slider.value = field.value; } });
    });
    setUpEqCurves(form);
    setUpPreview(form);
  }

  function setUpPreview(form) {
    var box = document.getElementById('preview');
    if (!box || !window.AudioContext) { return; }
    var count = parseInt(box.dataset.tracks, 10);
    var status = document.getElementById('preview-status');
    var playButton = document.getElementById('preview-play');
    var ctx = null, tracks = [], master = null, limiter = null, analyser = null, reverbReturn = null;
    var leftAnalyser = null, rightAnalyser = null, meterFrame = 0;
    var sources = [], startedAt = 0, startOffset = 0, duration = 0, windowStart = 0;
    var preview = { ready: false, playing: false };
    window.neuromixPreview = preview; // the level meter below, for people and for the browser test

    function db(v) { return Math.pow(10, v / 20); }
    function value(name) { var f = form.elements[name]; var v = f ? parseFloat(f.value) : NaN; return v; }
    function checked(name) { var f = form.elements[name]; return !!(f && f.checked); }

    // The EQ the render will add to track i's kept source (which holds the first render's EQ): the
    // form's bands against the first render's, as RevisionPlans computes it — a first-render band
    // no longer there is undone (its gain inverted), a band not in the first render is added.
    function same(a, b) { return a.type === b.type && a.hz === b.hz && a.q === b.q && a.gainDb === b.gainDb && a.slope === b.slope; }
    function kept(text, exact, decimals) {
      var v = parseFloat(text), scale = Math.pow(10, decimals);
      return !isFinite(v) || Math.round(exact * scale) / scale === v ? exact : v;
    }
    function editedBands(i) {
      var canvas = form.querySelector('canvas.eq-curve[data-track="' + i + '"]');
      if (!canvas || !canvas.dataset.eq) { return null; }
      // Parsed once per strip: apply() runs on every fader move.
      var data = canvas.parsedEq || (canvas.parsedEq = JSON.parse(canvas.dataset.eq)), list = [];
      Array.prototype.forEach.call(canvas.parentNode.querySelectorAll('.band[data-prefix]'), function (row) {
        var prefix = row.dataset.prefix, hzField = form.elements[prefix + '-hz'];
        if (prefix.indexOf('eqNew') === 0) {
          var hz = value(prefix + '-hz'), db = value(prefix + '-db'), q = value(prefix + '-q');
          if (isFinite(hz) && isFinite(db) && db !== 0) { list.push({ type: 'peaking', hz: hz, q: isFinite(q) ? q : 1, gainDb: db, slope: 12 }); }
          return;
        }
        var band = data.current[parseInt(prefix.split('-')[1], 10)];
        if (!band) { return; }
        if (!hzField) { list.push(band); return; } // a filter: fixed
        if (checked(prefix + '-remove')) { return; }
        list.push({ type: band.type, slope: band.slope, hz: kept(hzField.value, band.hz, 0),
          gainDb: kept(form.elements[prefix + '-db'].value, band.gainDb, 1), q: kept(form.elements[prefix + '-q'].value, band.q, 2) });
      });
      var unmatched = list.slice(), difference = [];
      data.base.forEach(function (band) {
        for (var k = 0; k < unmatched.length; k++) { if (same(unmatched[k], band)) { unmatched.splice(k, 1); return; } }
        if (band.type === 'peaking' || band.type === 'lowShelf' || band.type === 'highShelf') {
          difference.push({ type: band.type, hz: band.hz, q: band.q, gainDb: -band.gainDb, slope: band.slope });
        }
      });
      return difference.concat(unmatched);
    }
    function updateEq(t, i) {
      var bands = editedBands(i) || [], key = JSON.stringify(bands);
      if (key === t.eqKey) { return; }
      t.eqKey = key;
      t.eqIn.disconnect();
      t.eqNodes.forEach(function (node) { node.disconnect(); });
      t.eqNodes = [];
      bands.forEach(function (band) {
        var sections = band.slope === 24 && (band.type === 'highPass' || band.type === 'lowPass')
          ? [biquad(band.type, band.hz, BUTTERWORTH_4[0], 0), biquad(band.type, band.hz, BUTTERWORTH_4[1], 0)]
          : [biquad(band.type, band.hz, band.q, band.gainDb)];
        sections.forEach(function (c) { t.eqNodes.push(ctx.createIIRFilter([c[0], c[1], c[2]], [1, c[3], c[4]])); });
      });
      var last = t.eqIn;
      t.eqNodes.forEach(function (node) { last.connect(node); last = node; });
      last.connect(t.eqOut);
    }
    preview.eqBands = function (i) { return editedBands(i); };

    function apply() {
      if (!ctx) { return; }
      var now = ctx.currentTime;
      var solo = Array.prototype.some.call(form.querySelectorAll('.solo'), function (s) { return s.checked; });
      tracks.forEach(function (t, i) {
        if (!t) { return; }
        var soloed = form.querySelector('.solo[data-track="' + i + '"]').checked;
        var on = !checked('mute' + i) && (!solo || soloed);
        var gain = value('gain' + i);
        t.fader.gain.setTargetAtTime(on && isFinite(gain) ? db(Math.max(-60, Math.min(24, gain))) : 0, now, 0.003);
        var pan = value('pan' + i);
        t.pan.pan.setTargetAtTime(isFinite(pan) ? Math.max(-1, Math.min(1, pan)) : 0, now, 0.003);
        var send = value('send' + i);
        t.send.gain.setTargetAtTime(isFinite(send) ? db(send) : 0, now, 0.003);
        var threshold = value('compDb' + i), ratio = value('compRatio' + i);
        var compress = isFinite(threshold) && isFinite(ratio);
        t.comp.threshold.setValueAtTime(compress ? Math.max(-100, Math.min(0, threshold)) : 0, now);
        t.comp.ratio.setValueAtTime(compress ? Math.max(1, Math.min(20, ratio)) : 1, now);
        updateEq(t, i);
      });
      if (reverbReturn) {
        var back = value('reverbReturn');
        reverbReturn.gain.setTargetAtTime(isFinite(back) ? db(back) : 0, now, 0.003);
      }
    }

    // A reverb of the plan's decay: stereo noise decaying by 60 dB over that time.
    function impulse(seconds) {
      var length = Math.max(1, Math.round(ctx.sampleRate * seconds));
      var ir = ctx.createBuffer(2, length, ctx.sampleRate);
      for (var c = 0; c < 2; c++) {
        var data = ir.getChannelData(c);
        for (var i = 0; i < length; i++) { data[i] = (Math.random() * 2 - 1) * Math.pow(10, -3 * i / length); }
      }
      return ir;
    }

    // The master gain that brings the preview near the plan's target (RMS of the sum, unweighted).
    function levelMaster() {
      var power = 0;
      tracks.forEach(function (t, i) {
        if (!t) { return; }
        var gain = value('gain' + i);
        power += t.meanSquare * Math.pow(db(isFinite(gain) ? gain : 0), 2);
      });
      var level = power > 0 ? 10 * Math.log10(power) - 0.691 : -70;
      var target = parseFloat(box.dataset.targetLufs);
      master.gain.value = db(Math.max(-24, Math.min(24, (isFinite(target) ? target : -14) - level)));
    }

    // Loads an excerpt of every track (the server's PREVIEW_SECONDS, from the loop's start): a whole
    // song of many tracks would not fit in a browser tab's memory. Loading again loads another part.
    function load() {
      document.getElementById('preview-load').disabled = true;
      playButton.disabled = true;
      if (ctx) { stop(); ctx.close(); }
      tracks = []; duration = 0; reverbReturn = null; preview.ready = false;
      windowStart = Math.max(0, Math.floor(parseFloat(document.getElementById('loop-start').value) || 0));
      status.textContent = 'Loading ' + count + ' tracks…';
      ctx = new AudioContext({ sampleRate: 48000 });
      master = ctx.createGain();
      limiter = ctx.createDynamicsCompressor();
      limiter.threshold.value = -1; limiter.knee.value = 0; limiter.ratio.value = 20; limiter.attack.value = 0.001; limiter.release.value = 0.1;
      analyser = ctx.createAnalyser();
      analyser.fftSize = 1024;
      master.connect(limiter); limiter.connect(analyser); analyser.connect(ctx.destination);
      // The correlation meter reads the two channels of what is played.
      var splitter = ctx.createChannelSplitter(2);
      leftAnalyser = ctx.createAnalyser(); rightAnalyser = ctx.createAnalyser();
      leftAnalyser.fftSize = rightAnalyser.fftSize = 4096;
      limiter.connect(splitter); splitter.connect(leftAnalyser, 0); splitter.connect(rightAnalyser, 1);
      var reverb = null;
      var decay = parseFloat(box.dataset.reverbSeconds);
      if (isFinite(decay)) {
        reverb = ctx.createConvolver();
        reverb.buffer = impulse(decay);
        reverbReturn = ctx.createGain();
        reverb.connect(reverbReturn); reverbReturn.connect(master);
      }
      var loads = [];
      for (var i = 0; i < count; i++) {
        loads.push(fetch(box.dataset.url + i + '.opus?from=' + windowStart, { credentials: 'same-origin' }).then(function (r) {
          if (!r.ok) { return null; } // muted at the first render: no source to preview
          return r.arrayBuffer().then(function (bytes) { return ctx.decodeAudioData(bytes); });
        }));
      }
      Promise.all(loads).then(function (buffers) {
        buffers.forEach(function (buffer, i) {
          if (!buffer) { tracks.push(null); return; }
          var t = { buffer: buffer, eqIn: ctx.createGain(), eqOut: ctx.createGain(), eqNodes: [], eqKey: '',
            comp: ctx.createDynamicsCompressor(), fader: ctx.createGain(), pan: ctx.createStereoPanner(), send: ctx.createGain() };
          t.eqIn.connect(t.eqOut); t.eqOut.connect(t.comp);
          t.comp.knee.value = 6; t.comp.attack.value = 0.01; t.comp.release.value = 0.12;
          t.comp.connect(t.fader); t.fader.connect(t.pan); t.pan.connect(master);
          if (reverb) { t.fader.connect(t.send); t.send.connect(reverb); }
          var sum = 0, n = 0;
          for (var c = 0; c < buffer.numberOfChannels; c++) {
            var data = buffer.getChannelData(c);
            for (var k = 0; k < data.length; k += 16) { sum += data[k] * data[k]; n++; }
          }
          t.meanSquare = n ? sum / n * (buffer.numberOfChannels === 1 ? 2 : 1) : 0;
          duration = Math.max(duration, buffer.duration);
          tracks.push(t);
        });
        levelMaster();
        apply();
        preview.ready = true;
        playButton.disabled = false;
        document.getElementById('preview-load').disabled = false;
        document.getElementById('preview-load').textContent = 'Load the part from the loop start';
        status.textContent = 'Ready: ' + tracks.filter(Boolean).length + ' tracks, ' + duration.toFixed(1) + ' s from '
          + Math.floor(windowStart / 60) + ':' + ('0' + windowStart % 60).slice(-2) + '.';
      }).catch(function (e) {
        document.getElementById('preview-load').disabled = false;
        status.textContent = 'The preview could not load: ' + e.message;
      });
    }

    function stop() {
      sources.forEach(function (s) { try { s.stop(); } catch (ignored) { /* not started */ } });
      sources = [];
      preview.playing = false;
      playButton.textContent = 'Play';
    }

    function play() {
      stop();
      // Times on the page are the song's; the loaded excerpt starts at windowStart.
      var loop = document.getElementById('loop').checked;
      var from = Math.min(duration, Math.max(0, (parseFloat(document.getElementById('loop-start').value) || 0) - windowStart));
      var to = parseFloat(document.getElementById('loop-end').value) - windowStart;
      if (!isFinite(to) || to <= from || to > duration) { to = duration; }
      var when = ctx.currentTime + 0.05;
      tracks.forEach(function (t) {
        if (!t) { return; }
        var source = ctx.createBufferSource();
        source.buffer = t.buffer;
        source.loop = loop;
        source.loopStart = from;
        source.loopEnd = to;
        source.connect(t.eqIn);
        source.start(when, from);
        sources.push(source);
      });
      startedAt = when; startOffset = from;
      preview.playing = true;
      playButton.textContent = 'Stop';
      ctx.resume();
      meters();
    }

    // Each strip's compressor gain reduction and the master's left/right correlation, while playing.
    function meters() {
      cancelAnimationFrame(meterFrame);
      tracks.forEach(function (t, i) {
        var label = document.getElementById('gr' + i);
        if (!t || !label) { return; }
        var compress = isFinite(value('compDb' + i)) && isFinite(value('compRatio' + i));
        var reduction = preview.reductionDb(i);
        label.textContent = compress ? 'gain reduction ' + reduction.toFixed(1) + ' dB' : 'no compressor';
        label.style.setProperty('--reduction', Math.min(1, -reduction / 20));
      });
      var r = preview.correlation();
      var text = document.getElementById('correlation');
      if (text) { text.textContent = isFinite(r) ? 'Correlation ' + (r >= 0 ? '+' : '') + r.toFixed(2) + (r < 0 ? ': out of phase, it will thin out in mono' : '') : 'Correlation –'; }
      var meter = document.getElementById('correlation-meter');
      if (meter && isFinite(r)) { meter.value = r; }
      if (preview.playing) { meterFrame = requestAnimationFrame(meters); }
    }

    // The level the preview plays now (dBFS RMS over the last 1024 samples), as a meter would show it.
    preview.levelDb = function () {
      if (!analyser) { return -Infinity; }
      var data = new Float32Array(analyser.fftSize);
      analyser.getFloatTimeDomainData(data);
      var sum = 0;
      for (var i = 0; i < data.length; i++) { sum += data[i] * data[i]; }
      return 10 * Math.log10(sum / data.length + 1e-12);
    };
    preview.play = function () { if (preview.ready) { play(); } };
    // The compressor's gain reduction on track i now (dB, 0 or less), as WebAudio reports it.
    preview.reductionDb = function (i) {
      var t = tracks[i];
      if (!t) { return 0; }
      var r = t.comp.reduction;
      return typeof r === 'number' ? r : (r && typeof r.value === 'number' ? r.value : 0);
    };
    // Pearson correlation of left and right over the last 4096 samples: +1 mono, 0 wide, −1 out of phase.
    preview.correlation = function () {
      if (!leftAnalyser) { return NaN; }
      var l = new Float32Array(leftAnalyser.fftSize), r = new Float32Array(rightAnalyser.fftSize);
      leftAnalyser.getFloatTimeDomainData(l); rightAnalyser.getFloatTimeDomainData(r);
      var lr = 0, ll = 0, rr = 0;
      for (var i = 0; i < l.length; i++) { lr += l[i] * r[i]; ll += l[i] * l[i]; rr += r[i] * r[i]; }
      return ll > 1e-12 && rr > 1e-12 ? lr / Math.sqrt(ll * rr) : NaN;
    };

    document.getElementById('preview-load').addEventListener('click', load);
    playButton.addEventListener('click', function () { if (preview.playing) { stop(); } else { play(); } });
    form.addEventListener('input', apply);
    form.addEventListener('change', apply);
  }

  document.addEventListener('DOMContentLoaded', function () {
    setUpUploads();
    setUpProgress();
    var report = reportData();
    setUpPlayer(report);
    setUpCharts(report);
    setUpMixer();
  });
}());
