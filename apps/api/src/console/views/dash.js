/* global document */
// Progressive enhancement: the DASH score and its level update as answers are chosen. Without
// JavaScript the "Work out the score" button asks the server instead.
const form = document.querySelector('[data-dash-form]');
if (form) {
  const high = Number(form.dataset.dashHigh);
  const medium = Number(form.dataset.dashMedium);
  const update = () => {
    const score = form.querySelectorAll('input[type=radio][value=yes]:checked').length;
    document.querySelector('[data-dash-score]').textContent = String(score);
    document.querySelector('[data-dash-answered]').textContent = String(form.querySelectorAll('input[type=radio]:checked').length);
    document.querySelector('[data-dash-level]').textContent = score >= high ? 'High' : score >= medium ? 'Medium' : 'Standard';
  };
  form.addEventListener('change', update);
}
