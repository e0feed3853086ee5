/* conflictlens map page: incidents from /map/incidents.geojson on Leaflet, coloured by event type,
 * sized by fatalities, clustered when dense, over a bundled country outline (offline) and optional
 * base tiles. Every string from the data goes into the page with textContent, never innerHTML. */
(function () {
  "use strict";

  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") {
    return;
  }

  var map = L.map(el, { worldCopyJump: true, minZoom: 2, maxZoom: 18 }).setView([15, 0], 4);
  window.conflictlensMap = map;

  var tiles = el.getAttribute("data-tiles");
  if (tiles) {
    L.tileLayer(tiles, {
      maxZoom: 18,
      attribution: el.getAttribute("data-tiles-attribution") || "",
    }).addTo(map);
  }

  // Country outlines from world-atlas (Natural Earth 1:110m), readable without any tile server.
  map.createPane("outline");
  map.getPane("outline").style.zIndex = 250;
  function loadOutline() {
    var url = el.getAttribute("data-outline");
    if (!url || typeof topojson === "undefined") {
      return Promise.resolve();
    }
    return fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (topo) {
        if (!topo || !topo.objects || !topo.objects.countries) {
          return;
        }
        var countries = topojson.feature(topo, topo.objects.countries);
        L.geoJSON(countries, {
          pane: "outline",
          interactive: false,
          style: {
            color: "#8a8f98",
            weight: 0.8,
            fillColor: tiles ? "#000000" : "#eef0e8",
            fillOpacity: tiles ? 0 : 1,
          },
        }).addTo(map);
        el.setAttribute("data-outline-loaded", String(countries.features.length));
      })
      .catch(function (err) {
        console.warn("country outline not loaded", err);
      });
  }

  function text(tag, value, cls) {
    var node = document.createElement(tag);
    node.textContent = value == null ? "" : String(value);
    if (cls) {
      node.className = cls;
    }
    return node;
  }

  function popup(p) {
    var box = document.createElement("div");
    box.className = "popup";
    var link = document.createElement("a");
    link.href = "/incidents/" + encodeURIComponent(p.id);
    link.textContent = p.sub_event_type + (p.location ? " in " + p.location : "");
    var title = document.createElement("strong");
    title.appendChild(link);
    box.appendChild(title);
    box.appendChild(text("div", (p.date || "date not stated") + " · " + p.event_type));
    var actors = [p.actor1, p.actor2].filter(Boolean).join(" / ");
    if (actors) {
      box.appendChild(text("div", actors));
    }
    var deaths = p.fatalities == null ? 0 : p.fatalities;
    var range = "";
    if (p.fatalities_low != null && p.fatalities_high != null && p.fatalities_low !== p.fatalities_high) {
      range = " (sources: " + p.fatalities_low + "–" + p.fatalities_high + ")";
    }
    box.appendChild(text("div", deaths + " fatalit" + (deaths === 1 ? "y" : "ies") + range));
    box.appendChild(text("div", "grade: " + p.grade + (p.status && p.status.length ? " · " + p.status.join(", ") : ""), "muted"));
    return box;
  }

  var useCluster = typeof L.markerClusterGroup === "function";
  var group = useCluster
    ? L.markerClusterGroup({
        maxClusterRadius: 40,
        showCoverageOnHover: false,
        spiderfyOnMaxZoom: true,
        animate: false,
      })
    : L.featureGroup();

  function loadIncidents() {
    return fetch(el.getAttribute("data-geojson"), { credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) {
          throw new Error("HTTP " + r.status);
        }
        return r.json();
      })
      .then(function (data) {
        var markers = [];
        (data.features || []).forEach(function (f) {
          var c = f.geometry && f.geometry.coordinates;
          if (!c || c.length < 2) {
            return;
          }
          var p = f.properties || {};
          var m = L.circleMarker([c[1], c[0]], {
            radius: p.radius || 6,
            color: "#ffffff",
            weight: 1.5,
            fillColor: p.colour || "#333333",
            fillOpacity: 0.85,
          });
          m.bindPopup(function () { return popup(p); });
          m.bindTooltip(function () { return text("span", p.sub_event_type + (p.location ? ", " + p.location : "")); });
          m.on("add", function () {
            var path = m.getElement && m.getElement();
            if (path) {
              path.setAttribute("data-incident", p.id);
              path.classList.add("incident-marker");
            }
          });
          markers.push(m);
        });
        if (useCluster) {
          group.addLayers(markers);
        } else {
          markers.forEach(function (m) { group.addLayer(m); });
        }
        group.addTo(map);
        if (markers.length) {
          map.fitBounds(group.getBounds().pad(0.2), { maxZoom: 8, animate: false });
        }
        el.setAttribute("data-incidents-loaded", String(markers.length));
      })
      .catch(function (err) {
        console.error("incidents not loaded", err);
        el.setAttribute("data-incidents-loaded", "error");
        var msg = text("p", "Could not load the incidents: " + ((err && err.message) || String(err)), "error");
        el.parentNode.insertBefore(msg, el);
      });
  }

  Promise.all([loadOutline(), loadIncidents()]).then(function () {
    // after the layers are drawn (two frames), so that screenshots and tests see the final map
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        el.setAttribute("data-ready", "1");
      });
    });
  });
})();
