/* global document, HTMLInputElement */
// Progressive enhancement of GOV.UK radios with conditionally revealed fields: only the chosen
// option's fields are shown. Without JavaScript every option's fields show (each has its own names).
// Unlike GOV.UK Frontend's Radios component it sets no aria-expanded on the inputs: ARIA does not
// allow it on a radio (axe-core aria-allowed-attr); aria-controls (a global attribute) stays.
for (const group of document.querySelectorAll('[data-module="govuk-radios"]')) {
  const inputs = [...group.querySelectorAll('input[type=radio][data-aria-controls]')];
  const sync = () => {
    for (const input of inputs) {
      const target = document.getElementById(input.getAttribute('aria-controls'));
      if (target && target.classList.contains('govuk-radios__conditional')) target.classList.toggle('govuk-radios__conditional--hidden', !input.checked);
    }
  };
  for (const input of inputs) {
    input.setAttribute('aria-controls', input.getAttribute('data-aria-controls'));
    input.removeAttribute('data-aria-controls');
  }
  if (inputs.length > 0) {
    sync();
    // A radio elsewhere with the same name (another group) can uncheck one here.
    document.addEventListener('change', (event) => event.target instanceof HTMLInputElement && event.target.type === 'radio' && sync());
  }
}
