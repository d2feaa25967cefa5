/* Telegram's sign-in returns its signed answer in the address's #fragment
   (#tgAuthResult=…), which never reaches the server: post it back to this page. */
(function () {
  'use strict'
  const form = document.createElement('form')
  form.method = 'post'
  form.action = window.location.pathname + window.location.search
  for (const [name, value] of new URLSearchParams(window.location.hash.slice(1))) {
    const input = document.createElement('input')
    input.type = 'hidden'
    input.name = name
    input.value = value
    form.appendChild(input)
  }
  history.replaceState(null, '', form.action) // the answer leaves the browser's history
  document.body.appendChild(form)
  form.submit()
})()
