/* Progressive enhancement of the public site. Everything works without this file:
 * forms submit, links navigate. With it (and htmx):
 * - facet checkboxes and the sort order apply as soon as they change;
 * - after htmx replaces the listing, the open/closed state of the filter panels is kept,
 *   focus stays where it was (or moves to the result count if its element is gone),
 *   and the new result count is read out in the page's aria-live region;
 * - the language links follow the URL that htmx pushed;
 * - the territory field becomes an autocomplete (ARIA 1.2 combobox).
 */
(function () {
  "use strict";

  var WIDE = window.matchMedia("(min-width: 64em)");
  var detailsState = null;
  var focusedId = "";
  var lastTrigger = null;

  function announce(text) {
    var region = document.getElementById("live-region");
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = text.replace(/\s+/g, " ").trim();
    }, 60);
  }

  function resultHeading() {
    return document.getElementById("results-heading");
  }

  /* ---------------------------------------------------------------- live filtering */

  function liveForm(element) {
    var form = element && element.form;
    return form && form.hasAttribute("data-live-form") ? form : null;
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!target.matches('input[type="checkbox"], input[type="radio"], select')) return;
    var form = liveForm(target);
    if (form && window.htmx) {
      lastTrigger = target;
      if (form.requestSubmit) form.requestSubmit();
      else form.dispatchEvent(new Event("submit", { cancelable: true, bubbles: true }));
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-show-results]");
    if (!link) return;
    event.preventDefault();
    var panel = link.closest("[data-filters-panel]");
    if (panel && !WIDE.matches) panel.open = false;
    var heading = resultHeading();
    if (heading) {
      heading.focus({ preventScroll: true });
      heading.scrollIntoView({ block: "start" });
    }
  });

  function setUpPanels(root) {
    root.querySelectorAll("[data-filters-panel]").forEach(function (panel) {
      if (WIDE.matches) panel.open = true;
    });
  }

  WIDE.addEventListener("change", function () {
    if (WIDE.matches) setUpPanels(document);
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    lastTrigger = event.detail.elt || lastTrigger;
    var results = document.querySelector(".listing-results");
    if (results) results.setAttribute("aria-busy", "true");
  });

  document.addEventListener("htmx:afterRequest", function () {
    var results = document.querySelector(".listing-results");
    if (results) results.removeAttribute("aria-busy");
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var listing = document.getElementById("listing");
    if (!listing || event.detail.target !== listing) return;
    detailsState = {};
    listing.querySelectorAll("details[id]").forEach(function (details) {
      detailsState[details.id] = details.open;
    });
    focusedId = document.activeElement && listing.contains(document.activeElement)
      ? document.activeElement.id
      : "";
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var listing = document.getElementById("listing");
    if (!listing || !listing.contains(event.target) && event.target !== listing) return;
    if (detailsState) {
      Object.keys(detailsState).forEach(function (id) {
        var details = document.getElementById(id);
        if (details && details.tagName === "DETAILS") details.open = detailsState[id];
      });
      detailsState = null;
    }
    setUpPanels(listing);
    var heading = resultHeading();
    var active = document.activeElement;
    var lost = !active || active === document.body || !document.body.contains(active);
    // htmx puts the focus back on the element with the same id, but cannot when that
    // element was inside a panel that was still closed at that moment: try again.
    var previous = lost && focusedId ? document.getElementById(focusedId) : null;
    if (previous) {
      previous.focus({ preventScroll: true });
      lost = document.activeElement !== previous;
    }
    focusedId = "";
    if (heading && lost) {
      var fromPagination = lastTrigger && lastTrigger.closest && lastTrigger.closest(".pagination");
      heading.focus({ preventScroll: !fromPagination });
      if (fromPagination) heading.scrollIntoView({ block: "start" });
    }
    if (heading) announce(heading.textContent);
    lastTrigger = null;
  });

  /* ---------------------------------------------------------------- history and languages */

  function updateLanguageLinks() {
    var prefix = /^\/([a-z]{2})(\/|$)/;
    var path = window.location.pathname;
    var match = path.match(prefix);
    var bare = match && match[1] !== "fr" ? path.slice(match[1].length + 1) || "/" : path;
    document.querySelectorAll("a[data-language]").forEach(function (link) {
      var code = link.getAttribute("data-language");
      var target = code === (document.documentElement.getAttribute("data-default-language") || "fr")
        ? bare
        : "/" + code + bare;
      link.setAttribute("href", target + window.location.search);
    });
  }

  document.addEventListener("htmx:pushedIntoHistory", updateLanguageLinks);
  document.addEventListener("htmx:historyRestore", function () {
    updateLanguageLinks();
    var heading = resultHeading();
    if (heading) announce(heading.textContent);
  });

  /* ---------------------------------------------------------------- territory autocomplete */

  function enhanceTerritory(field) {
    if (field.hasAttribute("data-enhanced")) return;
    var input = field.querySelector("input[name=territory]");
    if (!input || !window.fetch) return;
    field.setAttribute("data-enhanced", "");
    var form = input.form;
    var url = field.getAttribute("data-autocomplete-url");
    var help = field.querySelector(".help");
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = "territory";
    hidden.value = input.value;
    input.removeAttribute("name");
    input.removeAttribute("maxlength");
    var chosenLabel = input.getAttribute("data-label") || input.value;
    input.value = chosenLabel;
    field.appendChild(hidden);
    if (help && help.getAttribute("data-help-js")) help.textContent = help.getAttribute("data-help-js");

    var list = document.createElement("ul");
    list.id = input.id + "-options";
    list.className = "autocomplete-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-labelledby", field.querySelector("label").id || (function () {
      var label = field.querySelector("label");
      label.id = input.id + "-label";
      return label.id;
    })());
    list.hidden = true;
    field.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    var timer = null;
    var active = -1;
    var request = 0;

    function options() {
      return list.querySelectorAll('[role="option"]');
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var all = options();
      if (!all.length) return;
      active = (index + all.length) % all.length;
      all.forEach(function (option, position) {
        option.setAttribute("aria-selected", position === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }

    function choose(option) {
      chosenLabel = option.getAttribute("data-label");
      input.value = chosenLabel;
      hidden.value = option.getAttribute("data-value");
      close();
      if (form && form.requestSubmit) form.requestSubmit();
    }

    function render(results) {
      list.textContent = "";
      results.forEach(function (result, index) {
        var option = document.createElement("li");
        option.id = list.id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-value", result.level + "-" + result.code);
        option.setAttribute("data-label", result.label);
        option.textContent = result.label;
        var small = document.createElement("small");
        small.textContent = result.level_label;
        option.appendChild(small);
        list.appendChild(option);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      var open = results.length > 0;
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      var template = results.length === 0
        ? field.getAttribute("data-no-result")
        : results.length === 1
          ? field.getAttribute("data-results-one")
          : field.getAttribute("data-results-many");
      announce((template || "").replace("{count}", String(results.length)));
    }

    function search() {
      var query = input.value.trim();
      if (query.length < 2) {
        close();
        return;
      }
      var number = ++request;
      fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (number === request) render(data.results || []); })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 180);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) search();
        else highlight(active + 1);
      } else if (event.key === "ArrowUp") {
        if (open) {
          event.preventDefault();
          highlight(active - 1);
        }
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          choose(options()[active]);
        } else if (input.value.trim() === "") {
          hidden.value = "";
        } else if (input.value !== chosenLabel) {
          hidden.value = input.value.trim();
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("change", function () {
      if (input.value.trim() === "" && hidden.value) {
        hidden.value = "";
        if (form && form.requestSubmit) form.requestSubmit();
      }
    });

    list.addEventListener("mousedown", function (event) {
      event.preventDefault(); // keep the focus in the field
    });
    list.addEventListener("click", function (event) {
      var option = event.target.closest('[role="option"]');
      if (option) choose(option);
    });
    input.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });
  }

  /* ---------------------------------------------------------------- start */

  function start(root) {
    root.querySelectorAll("[data-territory-field]").forEach(enhanceTerritory);
    setUpPanels(root);
  }

  document.addEventListener("htmx:load", function (event) {
    start(event.target);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { start(document); });
  } else {
    start(document);
  }
})();
