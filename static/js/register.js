/* The register at the door, made quick and sturdy on a tablet.

   Without this script the register is a set of plain forms. With it:
   - the search box narrows the list as you type;
   - a tap shows at once, and goes into a queue kept in the browser's storage, each with an
     id made here, so the server applies it once however often it is sent;
   - the queue is sent in order whenever the server can be reached (retrying on a timer, as
     tablets' browsers have no background sync), and survives a reload;
   - every few seconds the page asks what other tablets did, and redraws only those rows.
   The same script serves a drop-in's register (bookings; adults and children) and a
   performance's door (guest tickets; guests and hosts): the page says which in its data-party
   and data-numbers attributes. */
(function () {
  "use strict";

  var root = document.getElementById("register");
  var form = document.getElementById("register-form");
  if (!root || !form || !window.fetch || !window.JSON) {
    return;
  }

  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, other, count) { return count === 1 ? one : other; };
  var interpolate = window.interpolate || function (text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_m, name) { return values[name]; });
  };

  var POLL_EVERY = 4000;
  var TIMEOUT = 10000;
  var BATCH = 50;
  var queueKey = "sanctuary.register." + root.dataset.session;
  // What a check-in names ("booking" or "ticket"), and the two numbers a check-in counts.
  var partyField = root.dataset.party || "booking";
  var NUMBERS = (root.dataset.numbers || "adults children").split(" ");
  // What a walk-in is called on this register until the server's row replaces it.
  var walkInName = root.dataset.walkInName || gettext("Walk-in");
  var walkInUndo = root.dataset.walkInUndo || gettext("Undo walk-in");
  var bookingsList = document.getElementById("register-bookings");
  var walkInsList = document.getElementById("register-walk-ins");
  var walkInForm = document.getElementById("register-walk-in");
  var totalsBox = document.getElementById("register-totals");
  var status = document.getElementById("register-sync");
  var search = document.getElementById("register-q");
  var none = document.getElementById("register-none");
  var notFound = document.getElementById("register-not-found");
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;

  var queue = load(queueKey, []);
  var settled = []; // sent and answered, counted until the next redraw from the server
  var answeredIds = {}; // taps this page has seen answered, never to be taken up again
  var notices = document.getElementById("register-notices");
  var sending = false;
  var offline = false;
  var signedOut = false;
  var stuck = false; // the server refused the batch: only a reload can help
  var retryDelay = 2000;
  var retryTimer = null;
  var after = root.dataset.after;
  var since = root.dataset.since;
  var station = load("sanctuary.station", null);
  if (!station) {
    station = newId().slice(0, 8);
    save("sanctuary.station", station);
  }

  function load(key, fallback) {
    try {
      var value = window.localStorage.getItem(key);
      return value ? JSON.parse(value) : fallback;
    } catch (error) {
      return fallback;
    }
  }

  function save(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      // Private browsing or a full disk: the queue still lives as long as the page.
    }
  }

  function newId() {
    // A version 4 UUID. crypto.randomUUID needs https; getRandomValues works everywhere.
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function number(value) {
    var parsed = parseInt(value, 10);
    return isNaN(parsed) ? 0 : parsed;
  }

  function inKey(name) {
    return "in" + name.charAt(0).toUpperCase() + name.slice(1);
  }

  function sum(values) {
    return NUMBERS.reduce(function (total, name) { return total + number(values[name]); }, 0);
  }

  // The booked party on a row, and the people checked in on it.
  function party(row) {
    return sum(row.dataset);
  }

  function partyIn(row) {
    return NUMBERS.reduce(function (total, name) { return total + number(row.dataset[inKey(name)]); }, 0);
  }

  // Sets what a row shows as checked in: the tap's numbers, or the party's own.
  function setIn(row, values) {
    NUMBERS.forEach(function (name) { row.dataset[inKey(name)] = values[name]; });
  }

  // Taps: shown at once, queued, sent ------------------------------------------------------

  function tap(fields, row, delta) {
    var one = Object.assign({ id: newId(), at: Date.now(), row: row, delta: delta }, fields);
    queue.push(one);
    keepQueue();
    show(one);
    drawTotals();
    flush();
    return one;
  }

  /* The same register open in two tabs shares one stored queue: before writing it, take up
     what the other tab has queued, so that neither writes over the other's taps. A tap sent
     by both is applied once (the server knows it by its id). */
  function takeUpOthers() {
    var known = {};
    queue.forEach(function (one) { known[one.id] = true; });
    var added = load(queueKey, []).filter(function (one) {
      return !known[one.id] && !answeredIds[one.id];
    });
    if (!added.length) {
      return false;
    }
    queue = queue.concat(added).sort(function (a, b) { return a.at - b.at; });
    added.forEach(show);
    return true;
  }

  function keepQueue() {
    takeUpOthers();
    save(queueKey, queue);
  }

  window.addEventListener("storage", function (event) {
    if (event.key === queueKey && takeUpOthers()) {
      drawTotals();
      flush();
    }
  });

  function inText(count) {
    return "✓ " + interpolate(ngettext("%(count)s in", "%(count)s in", count), { count: count }, true);
  }

  function undoButton(label) {
    var button = document.createElement("button");
    button.type = "submit";
    button.name = "undo";
    button.className = "register-undo";
    button.textContent = label;
    return button;
  }

  function pendingNote(row) {
    if (!row.querySelector(".register-pending")) {
      var note = document.createElement("p");
      note.className = "register-pending";
      note.textContent = gettext("Waiting to sync");
      row.querySelector(".register-row__act").appendChild(note);
    }
  }

  function checkInButton(row) {
    var button = document.createElement("button");
    button.type = "submit";
    button.name = "check_in";
    button.value = row.dataset.party;
    button.className = "button register-check-in";
    button.textContent = gettext("Check in");
    return button;
  }

  // How a queued tap looks on its row until the server has answered.
  function show(one) {
    var row = document.getElementById(one.row);
    if (one.kind === "walk_in") {
      row = document.createElement("li");
      row.id = one.row;
      row.className = "register-row register-row--walk-in is-in is-pending";
      row.dataset.search = (one.first_name || "").toLowerCase();
      row.dataset.pendingTap = one.id;
      setIn(row, one);
      var who = document.createElement("div");
      who.className = "register-row__who";
      var name = document.createElement("span");
      name.className = "register-row__name";
      name.dir = "auto";
      name.textContent = one.first_name || walkInName;
      who.appendChild(name);
      who.appendChild(undoButton(walkInUndo));
      var act = document.createElement("div");
      act.className = "register-row__act";
      act.innerHTML = '<p class="register-in"></p>';
      act.firstChild.textContent = inText(sum(one));
      row.appendChild(who);
      row.appendChild(act);
      pendingNote(row);
      walkInsList.appendChild(row);
      return;
    }
    if (!row) {
      return;
    }
    row.classList.add("is-pending");
    if (one.kind === "check_in") {
      row.classList.add("is-in");
      row.dataset.pendingTap = one.id;
      setIn(row, row.dataset);
      row.querySelector(".register-row__act").innerHTML = '<p class="register-in"></p>';
      row.querySelector(".register-in").textContent = inText(party(row));
      var shownUndo = row.querySelector(".register-undo");
      if (shownUndo) {
        shownUndo.remove(); // checked in from another tab too: one undo button
      }
      row.querySelector(".register-row__who").appendChild(undoButton(gettext("Undo check-in")));
    } else if (one.kind === "undo") {
      row.classList.remove("is-in");
      var act2 = row.querySelector(".register-row__act");
      act2.innerHTML = '<p class="register-in"></p>';
      act2.firstChild.textContent = gettext("Undone");
      if (row.dataset.party) {
        // The family can be checked in again, even before the undo reaches the server.
        delete row.dataset.checkIn;
        delete row.dataset.pendingTap;
        act2.appendChild(checkInButton(row));
      }
      var undo = row.querySelector(".register-undo");
      if (undo) {
        undo.remove();
      }
    } else if (one.kind === "adjust") {
      setIn(row, one);
      var shown = row.querySelector(".register-in");
      if (shown) {
        shown.textContent = inText(sum(one));
      }
      var details = row.querySelector(".register-adjust");
      if (details) {
        details.open = false;
      }
    }
    pendingNote(row);
  }

  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || !button.name) {
      return;
    }
    event.preventDefault();
    var row = button.closest(".register-row");
    var confirmed = row.dataset.status === "confirmed";
    var walkIn = !row.dataset.party;
    var target = row.dataset.checkIn || row.dataset.pendingTap || "";
    var inPeople = partyIn(row);
    if (button.name === "check_in") {
      var booked = party(row);
      var checkIn = { kind: "check_in" };
      checkIn[partyField] = number(row.dataset.party);
      tap(checkIn, row.id, { arrived: booked, walk_ins: 0, expected: confirmed ? -booked : 0 });
      if (search) {
        // Ready for the next name; the tapped row keeps showing what happened.
        search.focus();
        search.select();
      }
    } else if (button.name === "undo" && target) {
      tap({ kind: "undo", target: target }, row.id, walkIn
        ? { arrived: 0, walk_ins: -inPeople, expected: 0 }
        : { arrived: -inPeople, walk_ins: 0, expected: confirmed ? party(row) : 0 });
    } else if (button.name === "adjust" && target) {
      var numbers = { kind: "adjust", target: target };
      NUMBERS.forEach(function (name) {
        numbers[name] = number(row.querySelector("[name^=" + name + "-]").value);
      });
      if (sum(numbers) < 1) {
        return;
      }
      var change = sum(numbers) - inPeople;
      tap(numbers, row.id,
        walkIn ? { arrived: 0, walk_ins: change, expected: 0 } : { arrived: change, walk_ins: 0, expected: 0 });
    }
  });

  // Enter in a "Change numbers" box saves that row's numbers.
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !event.target.closest(".register-adjust")) {
      return;
    }
    event.preventDefault();
    var save = event.target.closest(".register-adjust").querySelector("[name=adjust]");
    if (save) {
      save.click();
    }
  });

  if (walkInForm) {
    walkInForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var add = walkInForm.querySelector("[name=walk_in]");
      if (add.disabled) {
        return;
      }
      // A second tap straight after the first is a double tap, not a second group.
      add.disabled = true;
      window.setTimeout(function () { add.disabled = false; }, 1500);
      var id = newId();
      var walkIn = { id: id, kind: "walk_in", first_name: walkInForm.elements.first_name.value.trim() };
      var tooMany = false;
      NUMBERS.forEach(function (name) {
        walkIn[name] = number(walkInForm.elements[name].value);
        tooMany = tooMany || walkIn[name] > 30;
      });
      if (sum(walkIn) < 1 || tooMany) {
        walkInForm.elements[NUMBERS[0]].focus();
        return;
      }
      tap(walkIn, "p-" + id, { arrived: 0, walk_ins: sum(walkIn), expected: 0 });
      walkInForm.reset();
    });
  }

  function flush() {
    if (sending || !queue.length) {
      drawStatus();
      return;
    }
    window.clearTimeout(retryTimer);
    sending = true;
    var batch = queue.slice(0, BATCH);
    var body = {
      station: station,
      sent_at: Date.now(),
      taps: batch.map(function (one) {
        return {
          id: one.id, kind: one.kind, booking: one.booking, ticket: one.ticket, target: one.target,
          adults: one.adults, children: one.children, guests: one.guests, hosts: one.hosts,
          first_name: one.first_name, at: one.at
        };
      })
    };
    request(root.dataset.syncUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body)
    }).then(function (answer) {
      sending = false;
      if (answer.status === 401) {
        signedOut = true;
        drawStatus();
        return;
      }
      if (answer.status >= 400 && answer.status < 500) {
        // Not the connection: the page is out of date (a new sign-in, another day).
        stuck = true;
        drawStatus();
        return;
      }
      if (answer.status !== 200) {
        throw new Error("status " + answer.status);
      }
      offline = false;
      signedOut = false;
      stuck = false;
      retryDelay = 2000;
      var answered = {};
      answer.body.results.forEach(function (result) {
        answered[result.id] = result;
      });
      queue = queue.filter(function (one) {
        var result = answered[one.id];
        if (!result) {
          return true;
        }
        if (result.outcome !== "applied") {
          notify(result.message);
        }
        settled.push(one);
        answeredIds[one.id] = true;
        return false;
      });
      keepQueue();
      poll();
      if (queue.length) {
        flush();
      }
    }).catch(function () {
      sending = false;
      offline = true;
      drawStatus();
      retryTimer = window.setTimeout(function () {
        retryTimer = null;
        flush();
      }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    });
  }

  function request(url, options) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = window.setTimeout(function () {
      if (controller) {
        controller.abort();
      }
    }, TIMEOUT);
    options.credentials = "same-origin";
    options.headers = Object.assign({ Accept: "application/json" }, options.headers || {});
    if (controller) {
      options.signal = controller.signal;
    }
    return window.fetch(url, options).then(function (response) {
      window.clearTimeout(timer);
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") !== 0) {
        return { status: response.status === 200 ? 502 : response.status, body: null };
      }
      return response.json().then(function (body) {
        return { status: response.status, body: body };
      });
    }, function (error) {
      window.clearTimeout(timer);
      throw error;
    });
  }

  // What other tablets did --------------------------------------------------------------------

  function pendingRows() {
    var rows = {};
    queue.forEach(function (one) {
      rows[one.row] = true;
    });
    return rows;
  }

  var polling = false;
  var pollAgain = false;
  var lastTotals = null;

  function poll() {
    if (polling) {
      pollAgain = true; // what it brings may be older than what was just sent
      return;
    }
    if (document.visibilityState === "hidden") {
      return;
    }
    polling = true;
    pollAgain = false;
    var answered = settled.slice();
    var url = root.dataset.changesUrl + "?after=" + encodeURIComponent(after) + "&since=" + encodeURIComponent(since);
    request(url, { method: "GET" }).then(function (answer) {
      polling = false;
      if (answer.status === 401) {
        signedOut = true;
        drawStatus();
        return;
      }
      if (answer.status !== 200) {
        throw new Error("status " + answer.status);
      }
      offline = false;
      signedOut = false;
      var changes = answer.body;
      after = changes.after;
      since = changes.since;
      var busy = pendingRows();
      changes.rows.forEach(function (row) {
        if (!busy[row.id]) {
          place(row.id, row.html);
        }
      });
      changes.gone.forEach(function (id) {
        var row = document.getElementById(id);
        if (row && !busy[id]) {
          row.remove();
        }
      });
      settled = settled.filter(function (one) {
        return answered.indexOf(one) === -1;
      });
      // A walk-in's stand-in row gives way to the server's once the server has it.
      Array.prototype.forEach.call(walkInsList.querySelectorAll("[id^=p-]"), function (row) {
        if (!busy[row.id] && !settled.some(function (one) { return one.row === row.id; })) {
          row.remove();
        }
      });
      if (changes.totals !== lastTotals) {
        // Replaced only when it changed: it is a live region, read out on every change.
        lastTotals = changes.totals;
        totalsBox.innerHTML = changes.totals;
      }
      drawTotals();
      if (changes.closed && !queue.length) {
        window.location.reload();
        return;
      }
      filter();
      if (pollAgain) {
        poll();
      }
    }).catch(function () {
      polling = false;
      offline = true;
      drawStatus();
    });
  }

  // Put a row from the server in its place: where it was, or in name order if it is new.
  function place(id, html) {
    var holder = document.createElement("ul");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    var old = document.getElementById(id);
    if (row.hasAttribute("data-gone")) {
      if (old) {
        old.remove();
      }
      return;
    }
    if (old) {
      var openDetails = old.querySelector("details[open]");
      if (openDetails && old.contains(document.activeElement)) {
        return; // someone is typing new numbers into it
      }
      old.replaceWith(row);
      return;
    }
    var list = id.indexOf("w-") === 0 ? walkInsList : bookingsList;
    var before = null;
    if (list === bookingsList) {
      before = Array.prototype.find.call(list.children, function (other) {
        return (other.dataset.sort || "") > (row.dataset.sort || "");
      }) || null;
    }
    list.insertBefore(row, before);
  }

  // What the server said about a tap that was not done as asked ("already checked in…").
  function notify(text) {
    if (!notices) {
      return;
    }
    var note = document.createElement("p");
    note.className = "register-notice";
    note.textContent = text;
    notices.appendChild(note);
    window.setTimeout(function () { note.remove(); }, 15000);
  }

  // Totals: the server's, plus what is still on its way ------------------------------------------

  function drawTotals() {
    var delta = { arrived: 0, walk_ins: 0, expected: 0 };
    queue.concat(settled).forEach(function (one) {
      delta.arrived += one.delta.arrived;
      delta.walk_ins += one.delta.walk_ins;
      delta.expected += one.delta.expected;
    });
    var cells = {};
    Array.prototype.forEach.call(totalsBox.querySelectorAll("[data-total]"), function (cell) {
      if (!cell.dataset.server) {
        cell.dataset.server = cell.textContent.trim();
      }
      cells[cell.dataset.total] = cell;
    });
    function set(name, value) {
      if (cells[name]) {
        cells[name].textContent = value;
      }
    }
    var server = function (name) { return cells[name] ? number(cells[name].dataset.server) : 0; };
    set("arrived", server("arrived") + delta.arrived);
    set("walk_ins", server("walk_ins") + delta.walk_ins);
    set("on_site", server("on_site") + delta.arrived + delta.walk_ins);
    var left = server("places_left") - delta.arrived - delta.walk_ins - delta.expected;
    set("places_left", left);
    var warning = totalsBox.querySelector(".register-warning");
    if (warning) {
      warning.hidden = left >= 0;
      if (left < 0 && number(warning.dataset.over) !== -left) {
        warning.dataset.over = -left;
        warning.textContent = interpolate(ngettext(
          "Over capacity by %(count)s person, counting booked people still to come. Keep welcoming people and tell the team leader.",
          "Over capacity by %(count)s people, counting booked people still to come. Keep welcoming people and tell the team leader.",
          -left), { count: -left }, true);
      }
    }
    drawStatus();
  }

  function drawStatus() {
    if (signedOut || stuck) {
      status.hidden = false;
      status.dataset.state = "signed-out";
      status.textContent = signedOut
        ? gettext("You have been signed out. Sign in again: what is waiting stays on this tablet and is sent then.")
        : gettext("What is waiting could not be sent. Reload the page: nothing waiting is lost.");
      var link = document.createElement("a");
      link.href = signedOut ? root.dataset.loginUrl : window.location.pathname;
      link.textContent = signedOut ? gettext("Sign in") : gettext("Reload");
      status.appendChild(document.createTextNode(" "));
      status.appendChild(link);
      return;
    }
    var waiting = queue.length;
    if (!waiting && !offline) {
      status.hidden = true;
      return;
    }
    status.hidden = false;
    status.dataset.state = offline ? "offline" : "sending";
    var text = waiting ? interpolate(ngettext("%(count)s waiting to sync", "%(count)s waiting to sync", waiting), { count: waiting }, true) : "";
    if (offline) {
      text = (text ? text + ". " : "") + gettext("No connection: taps are kept on this tablet and sent when it is back.");
    }
    status.textContent = text;
  }

  // Search as you type ------------------------------------------------------------------------------

  function compact(text) {
    return text.toLowerCase().replace(/[\s-]+/g, "");
  }

  function filter() {
    if (!search) {
      return;
    }
    var wanted = search.value.trim().toLowerCase();
    var wantedCompact = compact(wanted);
    var shown = 0;
    Array.prototype.forEach.call(form.querySelectorAll(".register-row"), function (row) {
      var hay = row.dataset.search || "";
      var match = !wanted || hay.indexOf(wanted) !== -1 || compact(hay).indexOf(wantedCompact) !== -1;
      row.hidden = !match;
      if (match && row.dataset.party) {
        shown += 1;
      }
    });
    var anyBooking = !!bookingsList.querySelector(".register-row");
    if (none) {
      none.hidden = anyBooking;
    }
    if (notFound) {
      notFound.hidden = !anyBooking || shown > 0;
    }
  }

  if (search) {
    search.addEventListener("input", filter);
    search.form.addEventListener("submit", function (event) {
      event.preventDefault();
      filter();
    });
  }

  // Start: show what is still queued from before a reload, then send it. ----------------------

  if (navigator.serviceWorker && root.dataset.workerUrl) {
    navigator.serviceWorker.register(root.dataset.workerUrl).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      var files = Array.prototype.map.call(
        document.querySelectorAll("script[src], link[rel=stylesheet][href]"),
        function (element) { return element.src || element.href; });
      registration.active.postMessage({ keep: [window.location.href].concat(files) });
    }).catch(function () {
      // Plain http away from this computer has no service workers: the page works without.
    });
  }

  queue.forEach(show);
  drawTotals();
  filter();
  flush();
  window.setInterval(function () {
    if (queue.length && !sending && !retryTimer && !stuck) {
      flush();
    }
    poll();
  }, POLL_EVERY);
  window.addEventListener("online", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      flush();
      poll();
    }
  });
}());
