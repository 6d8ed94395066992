/* A background generation's progress page: ask the server how far the job is, move the bar, and
   open the page again when it is done (which shows the draft, or why there is none).
   Without scripts the page has a Refresh link. */
(function () {
  "use strict";
  var box = document.querySelector("[data-generation-job]");
  if (!box) return;
  var bar = document.getElementById("job-progress");
  var percent = document.getElementById("job-percent");
  function poll() {
    fetch(box.getAttribute("data-generation-job"), {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (!job) { setTimeout(poll, 3000); return; }
        bar.value = job.percent;
        bar.textContent = job.percent + " %";
        percent.textContent = job.percent;
        if (job.state === "finished" || job.state === "failed") {
          window.location.assign(job.url);
        } else {
          setTimeout(poll, 1000);
        }
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 500);
})();
