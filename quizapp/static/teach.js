/* Question editor enhancements: show only the fields the chosen type uses, and a live preview.
   Without scripts the form shows every field and the Preview button renders the same preview. */
(function () {
  "use strict";
  var form = document.getElementById("question-form");
  if (!form) return;
  var labels = JSON.parse(form.getAttribute("data-labels") || "{}");
  var typeSelect = form.querySelector("select[name=type]");
  var typeFields = form.querySelectorAll(".type-field");
  var card = document.querySelector("[data-preview]");
  form.classList.add("js-types");

  function value(name) {
    var el = form.querySelector("[name=" + name + "]");
    return el ? el.value : "";
  }
  function lines(name) {
    return value(name).split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
  }
  function checked(name) {
    var el = form.querySelector("[name=" + name + "]:checked");
    return el ? el.value : "";
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function showFields() {
    var type = typeSelect.value;
    typeFields.forEach(function (field) {
      field.hidden = field.getAttribute("data-types").split(" ").indexOf(type) < 0;
    });
  }

  function renderPreview() {
    if (!card) return;
    var type = typeSelect.value;
    var prompt = value("prompt");
    var blank = /\{\{(.*?)\}\}/;
    var match = prompt.match(blank);
    card.querySelector("[data-preview-type]").textContent = typeSelect.options[typeSelect.selectedIndex].text;
    card.querySelector("[data-preview-prompt]").textContent = prompt.replace(blank, "_____");
    var input = card.querySelector("[data-preview-input]");
    input.textContent = "";
    if (type === "multiple_choice") {
      var list = el("ul", "preview-choices");
      lines("choices").forEach(function (choice) {
        var item = el("li");
        item.appendChild(el("span", "fake-radio"));
        item.appendChild(document.createTextNode(choice));
        list.appendChild(item);
      });
      input.appendChild(list);
    } else if (type === "true_false") {
      var p = el("p", "preview-buttons");
      p.appendChild(el("span", "fake-button", labels["true"]));
      p.appendChild(document.createTextNode(" "));
      p.appendChild(el("span", "fake-button", labels["false"]));
      input.appendChild(p);
    } else if (type === "flashcard") {
      var q = el("p", "preview-buttons");
      q.appendChild(el("span", "fake-button", labels.show));
      input.appendChild(q);
    } else {
      var t = el("p");
      t.appendChild(el("span", "fake-input", labels.type));
      input.appendChild(t);
    }
    var answer = value("answer");
    if (type === "true_false") answer = labels[checked("truth")] || "";
    if (type === "cloze" && !answer && match) answer = match[1];
    card.querySelector("[data-preview-answer]").textContent = answer;
    card.querySelector("[data-preview-explanation]").textContent = value("explanation");
  }

  function update() { showFields(); renderPreview(); }
  form.addEventListener("input", renderPreview);
  form.addEventListener("change", update);
  showFields();
  if (value("prompt")) renderPreview();
})();
