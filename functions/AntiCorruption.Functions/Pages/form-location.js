// The place of the incident on the tip form (/api/form): the coordinates a reporter types or
// pastes, read as map apps copy them, or the phone's position taken only when the reporter presses
// the button, and the line saying what will be sent. Its own file because it stands apart from the
// rest of the form: the one part that touches the phone's position, with its own parsing and its
// own warnings. Loaded before form.js, which adds these texts to its own and starts it once its
// helpers exist (window.TipFormLocation); served from this app like form.js.
(function () {
  "use strict";
  // The texts of the place's fields and messages, filled in by form.js's language switch like the rest.
  var texts = {
    th: {
      locationLegend: "ตำแหน่งสถานที่เกิดเหตุบนแผนที่ (ถ้าต้องการ)", location: "พิกัดสถานที่เกิดเหตุ (ละติจูด, ลองจิจูด)",
      locationHint: "คัดลอกพิกัดจากแอปแผนที่มาวาง เช่น 13.7563, 100.5018",
      locationWarning: "ช่องนี้คือสถานที่เกิดเหตุ ไม่ใช่ที่ที่ท่านอยู่ตอนนี้ ปุ่มด้านล่างจะส่งตำแหน่งปัจจุบันของโทรศัพท์เป็นสถานที่เกิดเหตุ กดเฉพาะเมื่อท่านยืนอยู่ ณ สถานที่เกิดเหตุเท่านั้น หากท่านอยู่ที่อื่น เช่น ที่บ้านหรือที่ทำงาน อย่ากดปุ่มนี้ เพราะตำแหน่งของท่านอาจเปิดเผยว่าท่านเป็นใคร ให้พิมพ์พิกัดของสถานที่เกิดเหตุแทน",
      locationHere: "ฉันอยู่ ณ สถานที่เกิดเหตุ: ใช้ตำแหน่งของโทรศัพท์", locationRemove: "ลบตำแหน่ง ไม่ส่ง",
      locationNone: "จะไม่ส่งตำแหน่งใด ๆ", locationSent: "ตำแหน่งที่จะส่งเป็นสถานที่เกิดเหตุ: {p}", accuracy: "คลาดเคลื่อนได้ประมาณ {m} เมตร",
      locationUnread: "ยังอ่านพิกัดนี้ไม่ได้ จึงยังไม่มีตำแหน่งที่จะส่ง", locating: "กำลังหาตำแหน่งของโทรศัพท์…",
      locationDenied: "ไม่ได้รับอนุญาตให้ใช้ตำแหน่งของโทรศัพท์ ท่านพิมพ์พิกัดของสถานที่เกิดเหตุแทนได้",
      locationFailed: "หาตำแหน่งของโทรศัพท์ไม่ได้ ท่านพิมพ์พิกัดของสถานที่เกิดเหตุแทนได้",
      badLocation: "พิกัดไม่ถูกต้อง ใส่ละติจูดและลองจิจูดคั่นด้วยจุลภาค เช่น 13.7563, 100.5018"
    },
    en: {
      locationLegend: "Place where it happened, on a map (optional)", location: "Coordinates of the place (latitude, longitude)",
      locationHint: "Copy the coordinates from a map app and paste them here, e.g. 13.7563, 100.5018",
      locationWarning: "This is the place where it happened, not where you are now. The button below sends your phone's current position as that place: press it only while you are standing there. If you are anywhere else, at home or at work for instance, do not press it, because your own position could reveal who you are; type the place's coordinates instead.",
      locationHere: "I am at the place where it happened: use my phone's position", locationRemove: "Remove the position (send none)",
      locationNone: "No position will be sent.", locationSent: "This position will be sent as the place where it happened: {p}", accuracy: "accurate to about {m} m",
      locationUnread: "These coordinates cannot be read yet, so there is no position to send.", locating: "Finding the phone's position…",
      locationDenied: "The phone's position was not allowed. You can type the place's coordinates instead.",
      locationFailed: "The phone's position could not be found. You can type the place's coordinates instead.",
      badLocation: "Enter the latitude and longitude separated by a comma, e.g. 13.7563, 100.5018."
    }
  };

  // Started by form.js with its helpers (the element by id, the text in the chosen language, Thai
  // digits read as digits); gives back the place to send (read) and the line that shows it (show).
  function start(form) {
    var $ = form.$, t = form.t, digits = form.digits;
    // Coordinates as map apps copy them: "13.7563, 100.5018" (or with a space or semicolon between,
    // in brackets, with N/S/E/W, or in degrees, minutes and seconds: 13°45'22.7"N 100°30'06.5"E).
    // Kept to 5 decimals (about a metre): what is shown is what is sent.
    var coordinate = "([-+]?\\d+(?:\\.\\d+)?)\\s*°?\\s*(?:(\\d+(?:\\.\\d+)?)\\s*'\\s*(?:(\\d+(?:\\.\\d+)?)\\s*\"\\s*)?)?([NSEWnsew])?";
    var coordinates = new RegExp("^\\(?\\s*" + coordinate + "\\s*(?:[,;]\\s*|\\s+)" + coordinate + "\\s*\\)?$");
    function round5(x) { return Math.round(x * 1e5) / 1e5; }
    function degrees(m, i) {
      if ((m[i + 1] && +m[i + 1] >= 60) || (m[i + 2] && +m[i + 2] >= 60)) return NaN;
      var value = Math.abs(+m[i]) + (m[i + 1] ? m[i + 1] / 60 : 0) + (m[i + 2] ? m[i + 2] / 3600 : 0);
      return m[i].charAt(0) === "-" || /[SWsw]/.test(m[i + 3] || "") ? -value : value;
    }
    function parseCoordinates(text) {
      var m = coordinates.exec(digits(text).trim().replace(/[\u2032\u2019]/g, "'").replace(/[\u2033\u201D]|''/g, '"'));
      if (!m) return null;
      var first = degrees(m, 1), second = degrees(m, 5);
      var swapped = /[EWew]/.test(m[4] || "") || /[NSns]/.test(m[8] || "");
      var latitude = swapped ? second : first, longitude = swapped ? first : second;
      if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) return null;
      return { latitude: round5(latitude), longitude: round5(longitude) };
    }
    // The place of the incident: null when none is given, false when the text cannot be read.
    function readLocation() {
      var text = $("location").value;
      return text.trim() ? parseCoordinates(text) || false : null;
    }

    // The place of the incident from the phone: asked for only when the button is pressed, never
    // on its own, and shown before it is sent; "remove" takes it back out.
    var located = null, locationTimer = 0;
    function showLocation() {
      var place = readLocation();
      $("location-sent").textContent = place
        ? t("locationSent").replace("{p}", place.latitude.toFixed(5) + ", " + place.longitude.toFixed(5)) + (located ? " (" + t("accuracy").replace("{m}", Math.round(located.accuracy)) + ")" : "")
        : place === false ? t("locationUnread") : t("locationNone");
      $("location-remove").hidden = place === null;
    }
    function locationError(key) {
      $("location-error").textContent = t(key); $("location-error").hidden = false;
      $("location").setAttribute("aria-invalid", "true");
    }
    function clearLocationError() {
      $("location-error").hidden = true; $("location-error").textContent = "";
      $("location").removeAttribute("aria-invalid");
    }
    // Shown once typing pauses, not on leaving the field: a line appearing as the field loses focus
    // would move the send button away from under the pointer that is pressing it.
    $("location").addEventListener("input", function () { located = null; clearTimeout(locationTimer); locationTimer = setTimeout(showLocation, 600); });
    if (!navigator.geolocation || !window.isSecureContext) $("location-here").hidden = true;
    $("location-here").addEventListener("click", function () {
      var button = $("location-here");
      clearLocationError();
      button.disabled = true;
      $("location-sent").textContent = t("locating");
      navigator.geolocation.getCurrentPosition(function (position) {
        button.disabled = false;
        $("location").value = round5(position.coords.latitude) + ", " + round5(position.coords.longitude);
        located = { accuracy: position.coords.accuracy };
        showLocation();
      }, function (error) {
        button.disabled = false;
        locationError(error.code === 1 ? "locationDenied" : "locationFailed");
        showLocation();
      }, { enableHighAccuracy: true, timeout: 30000, maximumAge: 0 });
    });
    $("location-remove").addEventListener("click", function () {
      $("location").value = ""; located = null;
      clearLocationError(); showLocation();
      $("location").focus();
    });
    return { read: readLocation, show: showLocation };
  }

  window.TipFormLocation = { texts: texts, start: start };
})();
