// The imports page: a file over the upload limit is refused here, with the page's own sentence, before it is sent;
// the server would refuse it only after reading 25 MB of it, by dropping the connection.
document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('import-form');
  const file = document.getElementById('im-file');
  const notice = document.getElementById('import-too-large');
  if (!form || !file || !notice) {
    return;
  }
  const limit = Number(file.dataset.maxBytes);
  const tooLarge = () => limit > 0 && file.files.length > 0 && file.files[0].size > limit;
  const show = () => {
    notice.hidden = !tooLarge();
  };
  file.addEventListener('change', show);
  form.addEventListener('submit', event => {
    show();
    if (tooLarge()) {
      event.preventDefault();
      file.focus();
    }
  });
});
