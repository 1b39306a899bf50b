// The API key: asked for once, kept in localStorage. `?key=` in the address (demo links) is taken and removed
// from the address bar so it does not stay on screen.

export function keyFromUrl(storageName) {
  const url = new URL(window.location.href);
  const key = url.searchParams.get('key');
  if (!key) return false;
  localStorage.setItem(storageName, key);
  url.searchParams.delete('key');
  window.history.replaceState(null, '', url);
  return true;
}

export const storedKey = (storageName) => localStorage.getItem(storageName);

export const forgetKey = (storageName) => localStorage.removeItem(storageName);

/** Shows the key dialog and resolves with the key typed in; `problem` explains why it is asked again. */
export function askForKey(storageName, problem) {
  const dialog = document.getElementById('key-dialog');
  const form = dialog.querySelector('form');
  const input = dialog.querySelector('input');
  const error = dialog.querySelector('.key-error');
  error.textContent = problem ?? '';
  error.hidden = !problem;
  input.value = '';
  dialog.showModal();
  input.focus();
  return new Promise((resolve) => {
    const submit = (event) => {
      event.preventDefault();
      const key = input.value.trim();
      if (!key) return;
      form.removeEventListener('submit', submit);
      localStorage.setItem(storageName, key);
      dialog.close();
      resolve(key);
    };
    form.addEventListener('submit', submit);
  });
}
