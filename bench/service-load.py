#!/usr/bin/env python3
"""Bounded load run of `neuromix serve` on loopback (standard library only).

N users each sign up, create a session, upload 4 stems of S seconds and start it, all at once;
meanwhile readers page through the dashboard of a user who owns thousands of sessions.
Reports throughput, dashboard latency percentiles while the renders run, and whether every
session completed.  Usage: bench/service-load.py [--users 20] [--seconds 60] [--history 3000]
"""
import argparse, json, math, os, random, shutil, socket, statistics, struct, subprocess, sys, tempfile
import threading, time, urllib.error, urllib.request, uuid, wave, base64

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_stems(folder, seconds, rate=44100):
    """Kick, bass, a vocal-like tone and a guitar-like buzz: 16-bit mono WAV."""
    rnd = random.Random(7)
    n = int(seconds * rate)
    names = ["Kick.wav", "Bass DI.wav", "Lead Vox.wav", "Gtr.wav"]
    signals = [bytearray(), bytearray(), bytearray(), bytearray()]
    two_pi = 2 * math.pi
    for i in range(n):
        t = i / rate
        beat = t % 0.5
        kick = 0.9 * math.sin(two_pi * 55 * beat) * math.exp(-beat / 0.04) if beat < 0.15 else 0.0
        bass = 0.4 * math.sin(two_pi * 82 * t) * (0.6 + 0.4 * math.sin(two_pi * 2 * t))
        vox = 0.3 * math.sin(two_pi * 440 * t + 3 * math.sin(two_pi * 5 * t)) if math.sin(two_pi * 0.5 * t) > -0.3 else 0.0
        gtr = 0.1 * (1 if math.sin(two_pi * 196 * t) >= 0 else -1) + 0.02 * rnd.gauss(0, 1)
        for k, v in enumerate((kick, bass, vox, gtr)):
            signals[k] += struct.pack("<h", int(max(-1, min(1, v)) * 32767))
    paths = []
    for name, data in zip(names, signals):
        path = os.path.join(folder, name)
        with wave.open(path, "wb") as w:
            w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate); w.writeframes(bytes(data))
        paths.append(path)
    return paths


class Api:
    def __init__(self, base, token=None):
        self.base, self.token = base, token

    def call(self, method, path, body=None, headers=None, raw=False):
        h = dict(headers or {})
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        data = body
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode(); h["Content-Type"] = "application/json"
        req = urllib.request.Request(self.base + path, data=data, headers=h, method=method)
        try:
            with urllib.request.urlopen(req, timeout=600) as r:
                payload = r.read()
                return r.status, (payload if raw else json.loads(payload or b"null"))
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(errors="replace")

    def upload(self, path, files):
        boundary = "----nmx" + uuid.uuid4().hex
        parts = []
        for f in files:
            with open(f, "rb") as fh:
                parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                              "Content-Type: audio/wav\r\n\r\n" % (boundary, os.path.basename(f))).encode() + fh.read() + b"\r\n")
        body = b"".join(parts) + ("--%s--\r\n" % boundary).encode()
        return self.call("POST", path, body, {"Content-Type": "multipart/form-data; boundary=" + boundary})


def user(base, name):
    email = "%s-%s@example.com" % (name, uuid.uuid4().hex[:8])
    password = "correct horse battery"
    Api(base).call("POST", "/api/v1/accounts", {"name": name, "email": email, "password": password, "adult": True,
                                                 "acceptedPolicyVersion": "2026-11-01"})
    basic = base64.b64encode(("%s:%s" % (email, password)).encode()).decode()
    status, body = Api(base).call("POST", "/api/v1/tokens", b"", {"Authorization": "Basic " + basic})
    assert status == 201, body
    return Api(base, body["token"])


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(math.ceil(p / 100 * len(values))) - 1)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--history", type=int, default=3000, help="sessions owned by the dashboard user")
    ap.add_argument("--readers", type=int, default=2)
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="neuromix-load-")
    port = free_port()
    base = "http://127.0.0.1:%d" % port
    stems = write_stems(work, args.seconds)
    log = open(os.path.join(work, "server.log"), "w")
    server = subprocess.Popen([os.path.join(ROOT, "bin", "neuromix"), "serve", "--port", str(port), "--data-dir",
                               os.path.join(work, "data"), "--neuromix.accounts.require-email-verification=false",
                               "--neuromix.accounts.login-max-failures-per-address=100000"],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(600):
            try:
                if Api(base).call("GET", "/actuator/health")[0] == 200:
                    break
            except Exception:
                pass
            time.sleep(0.5)
        history = user(base, "archivist")
        t0 = time.time()
        for i in range(args.history):
            history.call("POST", "/api/v1/sessions", {"name": "Old song %05d" % i})
        seeded = time.time() - t0
        users = [user(base, "u%02d" % i) for i in range(args.users)]

        results, latencies, done = {}, [], threading.Event()

        def musician(i, api):
            start = time.time()
            status, body = api.call("POST", "/api/v1/sessions", {"name": "Load song %d" % i, "target": "spotify"})
            sid = body["id"]
            api.upload("/api/v1/sessions/%s/files" % sid, stems)
            api.call("POST", "/api/v1/sessions/%s/start" % sid)
            while True:
                status, body = api.call("GET", "/api/v1/sessions/%s" % sid)
                if body["status"] in ("completed", "failed"):
                    break
                time.sleep(1)
            results[i] = (body["status"], time.time() - start, body.get("integratedLufs"))

        def reader():
            rnd = random.Random()
            while not done.is_set():
                page = rnd.randrange(0, max(1, args.history // 25))
                query = "?page=%d&size=25" % page if rnd.random() < 0.7 else "?q=song%%20%05d&size=25" % rnd.randrange(args.history)
                t = time.time()
                status, _ = history.call("GET", "/api/v1/sessions" + query)
                latencies.append(time.time() - t)
                assert status == 200
                time.sleep(0.05)

        readers = [threading.Thread(target=reader) for _ in range(args.readers)]
        for r in readers:
            r.start()
        t0 = time.time()
        threads = [threading.Thread(target=musician, args=(i, u)) for i, u in enumerate(users)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.time() - t0
        done.set()
        for r in readers:
            r.join()
        status, metrics = Api(base).call("GET", "/actuator/prometheus", raw=True)
        rtf = [l for l in metrics.decode().splitlines() if l.startswith("neuromix_render_realtime_factor_")]
        completed = sum(1 for s in results.values() if s[0] == "completed")
        loudness = [s[2] for s in results.values() if s[2] is not None]
        times = [s[1] for s in results.values()]
        print("users %d, stems 4 x %.0f s each, history %d sessions (seeded in %.1f s)" % (args.users, args.seconds, args.history, seeded))
        print("completed %d/%d sessions in %.1f s wall: %.2f sessions/min, %.1f min of stems mixed per min" % (
            completed, args.users, wall, completed / wall * 60, completed * 4 * args.seconds / wall))
        print("per session (create+upload+queue+mix): median %.1f s, max %.1f s" % (statistics.median(times), max(times)))
        print("mix loudness: %.2f to %.2f LUFS (target -14)" % (min(loudness), max(loudness)))
        print("dashboard reads while rendering: %d, p50 %.1f ms, p95 %.1f ms, max %.1f ms" % (
            len(latencies), 1000 * percentile(latencies, 50), 1000 * percentile(latencies, 95), 1000 * max(latencies)))
        print("\n".join(rtf))
        sys.exit(0 if completed == args.users else 1)
    finally:
        server.terminate()
        server.wait(60)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
