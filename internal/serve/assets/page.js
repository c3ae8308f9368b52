// The page of « cls serve »: it asks the server for its state every half
// second, swaps in the new state when there is one and reloads the PDF
// when its hash changed. Without this script the page still works: it is
// only not refreshed by itself.
(function () {
  "use strict";
  var etat = document.getElementById("etat");
  var frame = document.getElementById("pdf");
  var empty = document.getElementById("pdf-vide");
  var cut = document.getElementById("coupure");
  var name = document.getElementById("territoire");
  var gen = Number(etat.dataset.gen);
  var sha = etat.dataset.sha || "";

  function showPDF(next) {
    sha = next;
    if (!sha) {
      return;
    }
    frame.src = "/contrat.pdf?v=" + sha.slice(0, 16);
    frame.hidden = false;
    empty.hidden = true;
  }

  function poll() {
    fetch("/etat", { cache: "no-store" })
      .then(function (r) {
        if (!r.ok) {
          throw new Error(String(r.status));
        }
        return r.json();
      })
      .then(function (s) {
        cut.hidden = true;
        // cls.yaml is read by the first build, and may change
        if (s.territoire && name.textContent !== s.territoire) {
          name.textContent = s.territoire;
          document.title = s.territoire + " – Contrat Local de Santé";
        }
        if (s.sha256 && s.sha256 !== sha) {
          showPDF(s.sha256);
        }
        if (s.generation === gen) {
          return null;
        }
        return fetch("/etat.html", { cache: "no-store" })
          .then(function (r) { return r.text(); })
          .then(function (html) {
            etat.innerHTML = html;
            gen = s.generation;
          });
      })
      .catch(function () {
        cut.hidden = false;
      })
      .then(function () {
        setTimeout(poll, 500);
      });
  }

  // an action takes a few seconds: say so, and do not send it twice
  Array.prototype.forEach.call(document.querySelectorAll("form.action"), function (f) {
    f.addEventListener("submit", function () {
      var b = f.querySelector("button");
      b.disabled = true;
      b.textContent = "En cours…";
    });
  });

  setTimeout(poll, 500);
})();
