// Comment form extras; the form works without them: the file counter, previews, geolocation.
(function () {
    "use strict";
    var form = document.querySelector("[data-comment-form]");
    if (!form) {
        return;
    }
    var fileInput = form.querySelector("input[type=file]");
    var counter = form.querySelector("[data-file-count]");
    var previews = form.querySelector("[data-file-previews]");
    var staged = form.querySelectorAll("input[name=staged]").length;
    var max = fileInput ? parseInt(fileInput.closest("fieldset").dataset.maxFiles, 10) || 3 : 0;

    if (fileInput) {
        fileInput.addEventListener("change", function () {
            var files = Array.prototype.slice.call(fileInput.files);
            counter.textContent = staged + files.length;
            previews.innerHTML = "";
            if (staged + files.length > max) {
                var warning = document.createElement("li");
                warning.className = "form-field__errors";
                warning.textContent = "Можно прикрепить не больше " + max + " файлов.";
                previews.appendChild(warning);
            }
            files.forEach(function (file) {
                var item = document.createElement("li");
                item.textContent = file.name;
                previews.appendChild(item);
                if (/^image\//.test(file.type)) {
                    var reader = new FileReader();
                    reader.onload = function () {
                        var img = document.createElement("img");
                        img.src = reader.result;
                        img.alt = "";
                        img.width = 80;
                        item.insertBefore(img, item.firstChild);
                    };
                    reader.readAsDataURL(file);
                }
            });
        });
    }

    var button = form.querySelector("[data-geolocate]");
    var coords = form.querySelector("[data-coords]");
    if (button && "geolocation" in navigator) {
        button.hidden = false;
        button.addEventListener("click", function () {
            coords.textContent = "Определяем местоположение…";
            navigator.geolocation.getCurrentPosition(
                function (position) {
                    // Rounded here too: the page never holds more precision than is stored.
                    var lat = position.coords.latitude.toFixed(2);
                    var lon = position.coords.longitude.toFixed(2);
                    form.querySelector("input[name=latitude]").value = lat;
                    form.querySelector("input[name=longitude]").value = lon;
                    coords.textContent = "Координаты: " + lat + ", " + lon;
                    var place = form.querySelector("input[name=place_name]");
                    if (!place.value) {
                        place.value = "Моё местоположение";
                    }
                },
                function () {
                    coords.textContent = "Не удалось определить местоположение. Напишите название места.";
                },
                {timeout: 10000}
            );
        });
    }
})();
