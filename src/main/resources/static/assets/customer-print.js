// The printable 360's button: the browser's own print dialog.
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('.print-now').forEach(b => b.addEventListener('click', () => window.print()));
});
