// Keyboard for the study and quiz pages; every page also works without it.
// Ask page: 1-9 pick a choice, Space/Enter show or check the answer.
// Rate page: 1-4 rate (Again, Hard, Good, Easy); Space/Enter take the highlighted rating.
// Both: a button with data-key="x" is pressed by the key x (- bury, @ suspend, * flag, u undo);
// ? opens or closes the list of shortcuts. A click on the page outside any control gives the
// focus back to where the keys work, so the shortcuts keep working after a stray click.
(function () {
  "use strict";
  var card = document.querySelector("[data-study]");
  if (!card) return;
  var mode = card.getAttribute("data-study");
  var help = document.querySelector("[data-shortcuts]");

  function typing(target) {
    return target && (target.tagName === "TEXTAREA" || target.tagName === "SELECT" ||
      (target.tagName === "INPUT" && target.type !== "radio" && target.type !== "checkbox"));
  }

  function interactive(target) {
    return target && target.closest && target.closest("a, button, input, textarea, select, summary, label, details[open]");
  }

  function submit(form, button) {
    if (form.dataset.sent) return; // a second key press must not send the form twice
    form.dataset.sent = "1";
    if (form.requestSubmit) form.requestSubmit(button || undefined); else form.submit();
  }

  function home() {
    // Where the keys act: the highlighted rating, or the answer's first control.
    return card.querySelector("[autofocus]") || card.querySelector("form[data-submit-keys] input, form[data-submit-keys] button");
  }

  document.addEventListener("click", function (event) {
    if (interactive(event.target)) return;
    var target = home();
    if (target) target.focus({ preventScroll: true });
  });

  document.addEventListener("keydown", function (event) {
    if (!card.isConnected) return; // the page was taken over by offline study (offline-study.js)
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    var key = event.key;
    if (typing(event.target)) return;
    if (key === "?" && help) {
      event.preventDefault();
      help.open = !help.open;
      if (help.open) help.querySelector("summary").focus();
      return;
    }
    if (key === "Escape" && help && help.open) { help.open = false; return; }
    var shortcut = key.length === 1 && key !== " " && document.querySelector('[data-key="' + (key === '"' ? '\\"' : key) + '"]');
    if (shortcut) { event.preventDefault(); shortcut.click(); return; }
    if (mode === "rate") {
      var form = card.querySelector("form[data-rate]");
      var button = null;
      if (/^[1-4]$/.test(key)) button = form.querySelector('button[data-rating="' + key + '"]');
      else if ((key === "Enter" || key === " ") && !interactive(event.target)) button = home();
      if (button) { event.preventDefault(); button.focus(); submit(form, button); }
      return;
    }
    if (mode !== "ask") return;
    var askForm = card.querySelector("form[data-submit-keys]");
    if (!askForm) return;
    var radios = askForm.querySelectorAll('input[type="radio"]');
    if (/^[1-9]$/.test(key) && radios.length) {
      var radio = radios[parseInt(key, 10) - 1];
      if (radio) { event.preventDefault(); radio.checked = true; radio.focus(); }
      return;
    }
    if (key === "Enter" || key === " ") {
      if (event.target.tagName === "BUTTON" || event.target.tagName === "A" || event.target.tagName === "SUMMARY") return; // the browser clicks it
      if (radios.length && !askForm.querySelector('input[type="radio"]:checked')) {
        if (key === " ") return; // Space on a radio selects it
      }
      event.preventDefault();
      submit(askForm);
    }
  });
  // Tells scripts driving the page (and its tests) that keys now work on this page.
  document.documentElement.setAttribute("data-keys-ready", mode);
})();
