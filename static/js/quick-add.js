// Quick-add forms: buttons that fill a number field with a common value (e.g. 30 minutes).
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-minutes]");
  if (!button) return;
  const input = document.getElementById(button.dataset.target);
  if (input) {
    input.value = button.dataset.minutes;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }
});
