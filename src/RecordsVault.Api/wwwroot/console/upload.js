// Progressive enhancement of the upload form: the same multipart post, sent with a progress bar.
// Without JavaScript the form posts as it is and the page reloads when the upload is done.
document.querySelectorAll('form[data-upload]').forEach(function (form) {
  var bar = form.querySelector('progress');
  var status = form.querySelector('[data-upload-status]');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    bar.hidden = false;
    bar.value = 0;
    status.textContent = 'Uploading…';
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) {
        bar.value = Math.round((e.loaded / e.total) * 100);
        status.textContent = 'Uploading: ' + bar.value + '%';
      }
    });
    xhr.addEventListener('load', function () {
      if (xhr.status >= 200 && xhr.status < 300) {
        window.location.assign(xhr.responseURL);
        return;
      }
      var page = new DOMParser().parseFromString(xhr.responseText, 'text/html');
      var alert = page.querySelector('[role=alert]');
      status.textContent = 'Not uploaded: ' + (alert ? alert.textContent : 'the vault answered ' + xhr.status + '.');
      bar.hidden = true;
    });
    xhr.addEventListener('error', function () {
      status.textContent = 'Not uploaded: the connection failed. Nothing was stored; try again.';
      bar.hidden = true;
    });
    xhr.send(new FormData(form));
  });
});
