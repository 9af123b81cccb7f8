/**
 * Stops every form in the document, present or added later, from submitting. A webview page has
 * nowhere to submit to: Enter in a text or number field would navigate the webview's frame to
 * itself and leave it blank. The panel's own 'submit' listeners still run (this one only cancels the
 * navigation), so Enter can apply the field's value; `onSubmit`, if given, is called for each submit.
 */
export function preventFormSubmission(
  onSubmit?: (form: HTMLFormElement, event: SubmitEvent) => void,
  root: Document = document,
): () => void {
  const listener = (event: Event) => {
    event.preventDefault();
    if (onSubmit && event.target instanceof HTMLFormElement) onSubmit(event.target, event as SubmitEvent);
  };
  // Capture phase on the document: runs before any form's own listener, even one that throws.
  root.addEventListener('submit', listener, true);
  return () => root.removeEventListener('submit', listener, true);
}

/** Marks each field of `errors` with its message, clearing the marks shown before. */
export function showErrors(errors: Array<[string, string]>): void {
  document.querySelectorAll<HTMLElement>('.field-error').forEach((el) => (el.textContent = ''));
  document.querySelectorAll<HTMLElement>('[aria-invalid="true"]').forEach((el) => el.removeAttribute('aria-invalid'));
  for (const [id, message] of errors) {
    // A setting without a field of its own (SCE's α, β and A, from the settings) is named below the form.
    const target = document.getElementById(`${id}-error`) ?? document.getElementById('form-error');
    if (target) target.textContent = message;
    document.getElementById(id)?.setAttribute('aria-invalid', 'true');
  }
}
