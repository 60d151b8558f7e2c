// "Add another" for Django formsets: clone the empty row, numbered after the last one.
document.querySelectorAll("[data-formset]").forEach((fieldset) => {
  const prefix = fieldset.dataset.formset;
  const total = fieldset.querySelector(`#id_${prefix}-TOTAL_FORMS`);
  const template = fieldset.querySelector("template[data-empty-row]");
  fieldset.querySelector("[data-add-row]").addEventListener("click", () => {
    const html = template.innerHTML.replaceAll("__prefix__", total.value);
    fieldset.querySelector("[data-rows]").insertAdjacentHTML("beforeend", html);
    total.value = Number(total.value) + 1;
  });
});
