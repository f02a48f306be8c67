/* Stations directory: progressive enhancements. The list works without this file.
   1. "Nearest first": fill the browser's location into the GET form; the server sorts.
   2. The map: tiles from the configured tile URL, one marker per station. */
(function () {
  "use strict";

  var form = document.getElementById("directory-form");
  var button = form && form.querySelector("[data-locate]");
  var status = form && form.querySelector("[data-locate-status]");
  if (button && "geolocation" in navigator) {
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = button.getAttribute("data-waiting") || "…";
      navigator.geolocation.getCurrentPosition(function (position) {
        // Two decimals (about 1 km) are enough to sort by distance; the form is a GET, so a
        // precise position (often the person's home) would land in the URL and the access log.
        form.querySelector("input[name=lat]").value = position.coords.latitude.toFixed(2);
        form.querySelector("input[name=lng]").value = position.coords.longitude.toFixed(2);
        form.submit();
      }, function () {
        status.textContent = button.getAttribute("data-denied") || "";
      }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 });
    });
  }

  var map = document.getElementById("station-map");
  var data = document.getElementById("station-points");
  if (!map || !data) { return; }
  var points = JSON.parse(data.textContent);
  if (!points.length) { return; }
  var template = map.getAttribute("data-tile-url");
  var width = map.clientWidth, height = map.clientHeight;

  function project(lat, lng, zoom) {
    var scale = 256 * Math.pow(2, zoom);
    var sin = Math.sin(lat * Math.PI / 180);
    return {
      x: (lng + 180) / 360 * scale,
      y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale
    };
  }

  var zoom = 16;
  for (; zoom > 3; zoom--) {
    var xs = [], ys = [];
    points.forEach(function (p) { var q = project(p.lat, p.lng, zoom); xs.push(q.x); ys.push(q.y); });
    if (Math.max.apply(null, xs) - Math.min.apply(null, xs) < width - 48 &&
        Math.max.apply(null, ys) - Math.min.apply(null, ys) < height - 48) { break; }
  }
  var all = points.map(function (p) { return project(p.lat, p.lng, zoom); });
  var cx = (Math.min.apply(null, all.map(function (q) { return q.x; })) + Math.max.apply(null, all.map(function (q) { return q.x; }))) / 2;
  var cy = (Math.min.apply(null, all.map(function (q) { return q.y; })) + Math.max.apply(null, all.map(function (q) { return q.y; }))) / 2;
  var left = cx - width / 2, top = cy - height / 2;
  var subdomains = "abc";
  for (var tx = Math.floor(left / 256); tx <= Math.floor((left + width) / 256); tx++) {
    for (var ty = Math.floor(top / 256); ty <= Math.floor((top + height) / 256); ty++) {
      var img = document.createElement("img");
      img.className = "tile";
      img.alt = "";
      img.src = template.replace("{z}", zoom).replace("{x}", tx).replace("{y}", ty)
        .replace("{s}", subdomains[(tx + ty) % 3]);
      img.style.left = Math.round(tx * 256 - left) + "px";
      img.style.top = Math.round(ty * 256 - top) + "px";
      map.appendChild(img);
    }
  }
  points.forEach(function (p, i) {
    var marker = document.createElement("a");
    marker.className = "marker" + (p.open ? "" : " marker--closed");
    marker.href = p.url;
    marker.title = p.name;
    marker.setAttribute("aria-label", p.name);
    marker.style.left = Math.round(all[i].x - left) + "px";
    marker.style.top = Math.round(all[i].y - top) + "px";
    map.appendChild(marker);
  });
})();
