// Regie's own script: no inline scripts anywhere (the CSP forbids them).
document.addEventListener("htmx:responseError", (event) => {
  const target = document.getElementById("htmx-error");
  if (target) {
    target.textContent = "De wijziging is niet opgeslagen. Laad de pagina opnieuw en probeer het nog eens.";
    target.hidden = false;
  }
});
