// The door's check-in screen for a phone (#/workshops/{id}/checkin), pretix-style: a QR code read
// by the camera (the browser's BarcodeDetector, or jsQR loaded only when needed) or a code typed,
// the answer shown big in green with the name or red with the reason, ready for the next at once.
"use strict";
(function (W) {
  var jsQrLoading = null;
  function loadJsQr() {
    if (window.jsQR) { return Promise.resolve(); }
    if (!jsQrLoading) {
      jsQrLoading = new Promise(function (resolve, reject) {
        var script = W.el("script", { src: "/api/assets/jsQR.js" });
        script.addEventListener("load", resolve);
        script.addEventListener("error", function () { jsQrLoading = null; reject(new Error("jsQR")); });
        document.head.appendChild(script);
      });
    }
    return jsQrLoading;
  }

  // A function that reads the QR code in the video's current frame (its text or null).
  async function qrReader(video) {
    if ("BarcodeDetector" in window) {
      try {
        var formats = await window.BarcodeDetector.getSupportedFormats();
        if (formats.indexOf("qr_code") >= 0) {
          var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
          return async function () {
            var codes = await detector.detect(video);
            return codes.length ? codes[0].rawValue : null;
          };
        }
      } catch (e) { /* fall back to jsQR */ }
    }
    await loadJsQr();
    var canvas = document.createElement("canvas");
    var context = canvas.getContext("2d", { willReadFrequently: true });
    return async function () {
      var scale = Math.min(1, 640 / video.videoWidth);
      var width = Math.round(video.videoWidth * scale);
      var height = Math.round(video.videoHeight * scale);
      if (!width || !height) { return null; }
      canvas.width = width;
      canvas.height = height;
      context.drawImage(video, 0, 0, width, height);
      var found = window.jsQR(context.getImageData(0, 0, width, height).data, width, height, { inversionAttempts: "attemptBoth" });
      return found ? found.data : null;
    };
  }

  async function renderCheckIn(main, match, params, renderId) {
    var id = match[1];
    var path = "/api/staff/workshops/" + encodeURIComponent(id);
    var h = W.heading(main, "workshopsCheckInTitle");
    var loading = W.el("p", { class: "hint", text: W.t("loading") });
    main.appendChild(loading);
    var results = await Promise.all([W.workshops.load(id, params), W.api("GET", path + "/attendees?format=json")]);
    if (W.stale(renderId)) { return; }
    loading.remove();
    var found = results[0];
    var attendees = results[1].status === 200 ? results[1].body : [];
    if (!found.workshop) { W.showProblem(main, found.result); return; }
    var w = found.workshop;
    h.textContent = W.t("workshopsCheckInTitle") + ": " + w.title;

    var count = W.el("p", { id: "checkin-count" });
    function showCount() {
      var seated = attendees.filter(function (a) { return a.status === "confirmed" || a.status === "checked_in"; }).length;
      var checkedIn = attendees.filter(function (a) { return a.status === "checked_in"; }).length;
      count.textContent = W.t("workshopsCheckInCount", { checkedIn: W.number(checkedIn), seats: W.number(seated) });
    }
    showCount();
    var scan = W.el("div", { class: "scan", id: "scan-result", role: "status", "aria-live": "polite", "aria-atomic": "true", text: W.t("workshopsReady") });

    // Typed codes: always there, sent as typed (the server reads dashes, spaces and case).
    var input = W.el("input", { type: "text", autocomplete: "off", autocapitalize: "characters", spellcheck: "false", enterkeyhint: "go", maxlength: "64" });
    var form = W.el("form", { novalidate: true, class: "card", "aria-labelledby": "typed-title" },
      W.el("h3", { id: "typed-title", text: W.t("workshopsTyped") }),
      W.field("code", "workshopsCode", input, "workshopsCodeHint"),
      W.el("div", { class: "actions" }, W.el("button", { type: "submit", id: "check-in", text: W.t("workshopsCheckIn") })));

    // The camera.
    var video = W.el("video", { id: "camera-video", playsinline: true, muted: true, autoplay: true, hidden: true, "aria-label": W.t("workshopsVideo") });
    video.muted = true;
    var cameraButton = W.el("button", { type: "button", id: "camera", class: "secondary", text: W.t("workshopsCameraStart") });
    var cameraState = W.el("p", { class: "hint", id: "camera-state", role: "status", text: W.t("workshopsCameraOff") });
    var camera = W.el("section", { class: "card", "aria-labelledby": "camera-title" },
      W.el("h3", { id: "camera-title", text: W.t("workshopsCamera") }), W.el("div", { class: "actions" }, cameraButton), cameraState, video);

    var toList = W.el("button", { type: "button", class: "secondary", text: W.t("workshopsToAttendees") });
    toList.addEventListener("click", function () { W.go(W.workshops.detailHash(w)); });
    main.append(W.el("p", { class: "hint", text: w.venue + " · " + W.workshops.when(w) }), count, scan, form, camera, W.el("div", { class: "actions" }, toList));

    var busy = false;
    function show(ok, text) {
      scan.className = "scan " + (ok ? "ok" : "bad");
      scan.textContent = text;
    }
    async function refresh() {
      var again = await W.api("GET", path + "/attendees?format=json");
      if (again.status === 200) { attendees = again.body; showCount(); }
    }
    async function checkIn(code, fromCamera) {
      if (busy) { return; }
      var compact = code.replace(/[\s-]/g, "");
      if (!compact) { input.focus(); return; }
      function ready() {
        input.value = "";
        if (!fromCamera) { input.focus(); }
      }
      if (!/^[0-9A-Za-z]{20}$/.test(compact)) { show(false, W.t("workshopsBadCode")); ready(); return; }
      busy = true;
      try {
        var result = await W.api("POST", path + "/checkins", { confirmationCode: code });
        if (W.stale(renderId)) { return; }
        ready();
        if (result.status === 200) {
          // The answer names the person: green at once; the count catches up in the background.
          show(true, result.body.fullName ? W.t("workshopsOk", { name: result.body.fullName }) : W.t("workshopsOkNoName"));
          refresh();
        } else if (result.status === 409) {
          var type = (result.body && result.body.type) || "";
          var who = result.body && result.body.fullName ? result.body.fullName : "";
          if (/already-checked-in$/.test(type)) {
            show(false, W.t("workshopsAlready") + (who ? ": " + who : "") + (result.body.checkedInAt ? " · " + W.dateTime(result.body.checkedInAt) : ""));
          } else {
            show(false, W.t(/not-confirmed$/.test(type) ? "workshopsNotConfirmed" : "workshopsCheckInFailed", { reason: result.body && result.body.detail }) + (who ? ": " + who : ""));
          }
        } else if (result.status === 404) {
          show(false, W.t("workshopsNotHere"));
        } else if (result.status === 400) {
          show(false, W.t("workshopsBadCode"));
        } else {
          show(false, W.t("workshopsCheckInFailed", { reason: result.status === 429 ? W.t("tooMany") : (result.body && (result.body.detail || result.body.title)) || W.t("failed") }));
        }
      } finally {
        busy = false;
      }
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); checkIn(input.value, false); });

    // Scanning: a frame every 150 ms; a code still in view is not sent again until it has been out of view for 3 s.
    var stream = null;
    var timer = null;
    var last = { code: null, at: 0 };
    function stop() {
      clearTimeout(timer);
      timer = null;
      window.removeEventListener("hashchange", stop);
      if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
      video.srcObject = null;
      video.hidden = true;
      cameraButton.textContent = W.t("workshopsCameraStart");
      cameraState.textContent = W.t("workshopsCameraOff");
    }
    async function start() {
      if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { cameraState.textContent = W.t("workshopsCameraNone"); return; }
      cameraButton.disabled = true;
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      } catch (e) {
        cameraButton.disabled = false;
        cameraState.textContent = W.t("workshopsCameraNone");
        return;
      }
      cameraButton.disabled = false;
      if (W.stale(renderId) || !document.body.contains(video)) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; return; }
      window.addEventListener("hashchange", stop);
      video.srcObject = stream;
      video.hidden = false;
      cameraButton.textContent = W.t("workshopsCameraStop");
      cameraState.textContent = W.t("workshopsCameraOn");
      try { await video.play(); } catch (e) { /* autoplay starts it */ }
      var read;
      try { read = await qrReader(video); } catch (e) { stop(); cameraState.textContent = W.t("workshopsDecoderNone"); return; }
      var tick = async function () {
        timer = null;
        if (!stream) { return; }
        // The screen was left or drawn again (another language): the camera goes off with it.
        if (W.stale(renderId) || !document.body.contains(video)) { stop(); return; }
        if (!busy && video.readyState >= 2) {
          var text = null;
          try { text = await read(); } catch (e) { text = null; }
          if (text && stream) {
            var now = Date.now();
            if (text !== last.code || now - last.at > 3000) { checkIn(text, true); }
            last = { code: text, at: now };
          }
        }
        if (stream) { timer = setTimeout(tick, 150); }
      };
      tick();
    }
    cameraButton.addEventListener("click", function () { if (stream) { stop(); } else { start(); } });
  }

  W.route({ pattern: /^workshops\/([a-z0-9-]{3,64})\/checkin$/, roles: W.workshops.roles, render: renderCheckIn });
})(window.Workspace);
