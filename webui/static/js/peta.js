// Maps (Leaflet). Every page that has one works without it: the points are also form fields,
// lists and tables, and with no tile server (ALUR_MAP_TILES_URL empty, or a firewall) the map
// still shows the pins on the regency's box.
(function () {
  "use strict";

  function config(element) {
    var bounds = (element.getAttribute("data-bounds") || "").split(",").map(Number);
    return {
      tiles: element.getAttribute("data-tiles") || "",
      attribution: element.getAttribute("data-attribution") || "",
      box: [[bounds[0], bounds[1]], [bounds[2], bounds[3]]]
    };
  }

  function baseMap(element) {
    var setup = config(element);
    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false });
    if (setup.tiles) {
      L.tileLayer(setup.tiles, { maxZoom: 18, attribution: setup.attribution }).addTo(map);
    }
    // The regency's box: orientation when there are no tiles, the frame when there are.
    L.rectangle(setup.box, { color: "#64748b", weight: 1, fill: false, interactive: false })
      .addTo(map);
    map.fitBounds(setup.box);
    return map;
  }

  function dot(latlng, colour) {
    return L.circleMarker(latlng, { radius: 8, color: "#fff", weight: 2, fillColor: colour || "#1d4ed8",
                                    fillOpacity: 0.9 });
  }

  function pointMap(element) {
    var latlng = [Number(element.getAttribute("data-lat")), Number(element.getAttribute("data-lng"))];
    var map = baseMap(element);
    dot(latlng).addTo(map);
    map.setView(latlng, Number(element.getAttribute("data-zoom") || 15));
  }

  function pickerMap(element) {
    var lat = document.getElementById("f-latitude");
    var lng = document.getElementById("f-longitude");
    if (!lat || !lng) { return; }
    var panel = element.closest("[data-place-picker]");
    var field = lng.closest(".field");
    if (panel && field) { field.after(panel); }
    if (panel) { panel.hidden = false; }
    var map = baseMap(element);
    var marker = null;
    var status = document.getElementById("lokasi-status");

    function show(point, zoom) {
      if (marker) { marker.setLatLng(point); } else { marker = dot(point, "#dc2626").addTo(map); }
      map.setView(point, zoom || Math.max(map.getZoom(), 14));
    }
    function fill(point) {
      lat.value = point.lat.toFixed(6);
      lng.value = point.lng.toFixed(6);
      show(point);
    }
    function typed() {
      var a = parseFloat(lat.value.replace(",", ".")), b = parseFloat(lng.value.replace(",", "."));
      if (isFinite(a) && isFinite(b)) { show(L.latLng(a, b)); }
    }
    map.on("click", function (event) { fill(event.latlng); });
    lat.addEventListener("change", typed);
    lng.addEventListener("change", typed);
    typed();

    var button = document.getElementById("lokasi-saya");
    if (button && navigator.geolocation) {
      button.hidden = false;
      button.addEventListener("click", function () {
        status.textContent = button.getAttribute("data-asking");
        navigator.geolocation.getCurrentPosition(function (found) {
          fill(L.latLng(found.coords.latitude, found.coords.longitude));
          status.textContent = button.getAttribute("data-found");
        }, function () {
          status.textContent = button.getAttribute("data-refused");
        }, { enableHighAccuracy: true, timeout: 15000 });
      });
    }
    var clear = document.getElementById("lokasi-hapus");
    if (clear) {
      clear.addEventListener("click", function () {
        lat.value = ""; lng.value = "";
        if (marker) { map.removeLayer(marker); marker = null; }
        status.textContent = "";
      });
    }
  }

  // The desa list follows the chosen kecamatan (the desa code starts with the kecamatan's).
  function villagesFollowDistrict() {
    var kecamatan = document.getElementById("f-kecamatan");
    var desa = document.getElementById("f-desa");
    if (!kecamatan || !desa) { return; }
    function filter() {
      var prefix = kecamatan.value ? kecamatan.value + "." : "";
      Array.prototype.forEach.call(desa.options, function (option) {
        var keep = !option.value || !prefix || option.value.indexOf(prefix) === 0;
        option.hidden = !keep;
        option.disabled = !keep;
      });
      if (desa.value && prefix && desa.value.indexOf(prefix) !== 0) { desa.value = ""; }
    }
    kecamatan.addEventListener("change", filter);
    desa.addEventListener("change", function () {
      if (desa.value && !kecamatan.value) {
        kecamatan.value = desa.value.split(".").slice(0, 3).join(".");
        filter();
      }
    });
    filter();
  }

  function reportsMap(element) {
    var map = baseMap(element);
    var layer = L.markerClusterGroup ? L.markerClusterGroup() : L.layerGroup();
    map.addLayer(layer);
    var data = document.getElementById(element.getAttribute("data-source"));
    var reports = data ? JSON.parse(data.textContent) : [];
    reports.forEach(function (report) {
      var marker = dot([report.lat, report.lng]);
      var link = document.createElement("a");
      link.href = report.url;
      link.textContent = report.code + " — " + report.title;
      var status = document.createElement("div");
      status.textContent = report.status;
      var box = document.createElement("div");
      box.appendChild(link);
      box.appendChild(status);
      marker.bindPopup(box);
      layer.addLayer(marker);
    });
  }

  function countsMap(element) {
    var map = baseMap(element);
    var data = document.getElementById(element.getAttribute("data-source"));
    var places = data ? JSON.parse(data.textContent) : [];
    var most = Math.max.apply(null, places.map(function (p) { return p.count; }).concat([1]));
    places.forEach(function (place) {
      var circle = L.circleMarker([place.lat, place.lng], {
        radius: 8 + 22 * Math.sqrt(place.count / most), color: "#fff", weight: 2,
        fillColor: place.overdue ? "#dc2626" : "#1d4ed8", fillOpacity: 0.75
      });
      circle.bindTooltip(place.tip);
      circle.addTo(map);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    villagesFollowDistrict();
    if (typeof L === "undefined") { return; }
    var kinds = { point: pointMap, picker: pickerMap, reports: reportsMap, counts: countsMap };
    document.querySelectorAll("[data-map]").forEach(function (element) {
      var draw = kinds[element.getAttribute("data-map")];
      if (draw) { draw(element); }
    });
  });
}());
