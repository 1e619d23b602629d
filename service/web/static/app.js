// A form marked data-once is sent once per page view: a second click while the first request is
// on its way is ignored. The server does not rely on this (each write carries an idempotency key);
// it only spares the user a second round trip.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-once")) return;
  if (form.dataset.sent) { event.preventDefault(); return; }
  form.dataset.sent = "1";
  form.classList.add("busy");
});
// Coming back to a page from the history cache makes its forms usable again.
window.addEventListener("pageshow", () => {
  for (const form of document.querySelectorAll("form[data-once]")) { delete form.dataset.sent; form.classList.remove("busy"); }
});
