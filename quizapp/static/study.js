// Keyboard for the study and quiz pages; every page also works without it.
// Ask page: 1-9 pick a choice, Space/Enter show or check the answer.
// Rate page: 1-4 rate (Again, Hard, Good, Easy); Enter takes the highlighted rating.
(function () {
  "use strict";
  var card = document.querySelector("[data-study]");
  if (!card) return;
  var mode = card.getAttribute("data-study");

  function typing(target) {
    return target && (target.tagName === "TEXTAREA" || target.tagName === "SELECT" ||
      (target.tagName === "INPUT" && target.type !== "radio" && target.type !== "checkbox"));
  }

  function submit(form, button) {
    if (form.dataset.sent) return; // a second key press must not send the form twice
    form.dataset.sent = "1";
    if (form.requestSubmit) form.requestSubmit(button || undefined); else form.submit();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    var key = event.key;
    if (mode === "rate") {
      var form = card.querySelector("form[data-rate]");
      if (/^[1-4]$/.test(key) && !typing(event.target)) {
        var button = form.querySelector('button[data-rating="' + key + '"]');
        if (button) { event.preventDefault(); button.focus(); submit(form, button); }
      }
      return;
    }
    if (mode !== "ask" || typing(event.target)) return;
    var askForm = card.querySelector("form[data-submit-keys]");
    if (!askForm) return;
    var radios = askForm.querySelectorAll('input[type="radio"]');
    if (/^[1-9]$/.test(key) && radios.length) {
      var radio = radios[parseInt(key, 10) - 1];
      if (radio) { event.preventDefault(); radio.checked = true; radio.focus(); }
      return;
    }
    if (key === "Enter" || key === " ") {
      if (event.target.tagName === "BUTTON" || event.target.tagName === "A") return; // the browser clicks it
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
