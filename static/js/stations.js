/* Stations directory: progressive enhancements. The list works without this file.
   1. "Nearest first": fill the browser's location into the GET form; the server sorts.
   2. The map (Leaflet, loaded only when a tile URL is configured): tiles from that URL, one
      marker per station opening its card, and upcoming recruitment events as a second layer.
      Points arrive already in the tiles' datum (GCJ-02 for Chinese web maps). */
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

  var box = document.getElementById("station-map");
  var data = document.getElementById("station-points");
  if (!box || !data || !window.L) { return; }
  var points = JSON.parse(data.textContent);
  var eventData = document.getElementById("event-points");
  var events = eventData ? JSON.parse(eventData.textContent) : [];
  if (!points.length && !events.length) { return; }
  var L = window.L;
  var say = function (name) { return box.getAttribute("data-" + name) || ""; };

  // Text only: names and addresses go in with textContent, never as HTML.
  function line(parent, text, tag) {
    var el = document.createElement(tag || "p");
    el.textContent = text;
    parent.appendChild(el);
    return el;
  }
  function link(parent, href, text) {
    if (!/^(\/|https?:|tel:)/.test(href)) { return; }
    var p = document.createElement("p"), a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    p.appendChild(a);
    parent.appendChild(p);
  }
  function stationCard(p) {
    var card = document.createElement("div");
    card.className = "map-popup";
    var title = document.createElement("strong");
    var a = document.createElement("a");
    a.href = p.url;
    a.textContent = p.name;
    title.appendChild(a);
    card.appendChild(title);
    line(card, p.kind + " · " + (p.open ? say("open") : say("closed")));
    if (p.address) { line(card, p.address); }
    if (p.hours) { line(card, say("today") + ": " + p.hours); }
    if (p.phone) { link(card, "tel:" + p.phone, say("call") + " " + p.phone); }
    link(card, p.url, say("details"));
    return card;
  }
  function eventCard(e) {
    var card = document.createElement("div");
    card.className = "map-popup";
    var title = document.createElement("strong");
    title.textContent = e.title;
    card.appendChild(title);
    if (e.starts) { line(card, e.starts); }
    if (e.url) { link(card, e.url, e.title); }
    return card;
  }
  function icon(className) {
    return L.divIcon({ className: className, iconSize: [24, 24], iconAnchor: [12, 24], popupAnchor: [0, -24] });
  }

  var map = L.map(box, { scrollWheelZoom: false });
  L.tileLayer(box.getAttribute("data-tile-url"), { maxZoom: 18, subdomains: "abc" }).addTo(map);
  var stationLayer = L.layerGroup(), eventLayer = L.layerGroup(), bounds = [];
  points.forEach(function (p) {
    L.marker([p.lat, p.lng], {
      icon: icon("marker" + (p.open ? "" : " marker--closed")), title: p.name, alt: p.name,
      keyboard: true
    }).bindPopup(stationCard(p)).addTo(stationLayer);
    bounds.push([p.lat, p.lng]);
  });
  events.forEach(function (e) {
    L.marker([e.lat, e.lng], { icon: icon("marker marker--event"), title: e.title, alt: e.title })
      .bindPopup(eventCard(e)).addTo(eventLayer);
    bounds.push([e.lat, e.lng]);
  });
  stationLayer.addTo(map);
  var overlays = {};
  overlays[say("stations-layer")] = stationLayer;
  if (events.length) {
    eventLayer.addTo(map);
    overlays[say("events-layer")] = eventLayer;
    L.control.layers(null, overlays, { collapsed: false }).addTo(map);
  }
  if (bounds.length === 1) { map.setView(bounds[0], 15); }
  else { map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 }); }
})();
