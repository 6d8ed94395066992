// The time-zone field: the list works without this script (a text input with a datalist);
// here, an account still on the default UTC gets the browser's own zone filled in, to save.
// On the sign-up page, the hidden timezone field carries the browser's zone to the new account.
(function () {
  "use strict";
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  var hidden = document.querySelector('input[type="hidden"][name="timezone"]');
  if (hidden && zone) hidden.value = zone;
  var input = document.querySelector("input[data-browser-zone]");
  if (!input) return;
  if (!zone || input.value !== "UTC" || zone === "UTC") return;
  var known = Array.prototype.some.call(input.list ? input.list.options : [], function (o) { return o.value === zone; });
  if (!known) return;
  input.value = zone;
  var note = document.getElementById(input.getAttribute("data-browser-zone"));
  if (note) note.hidden = false;
})();
