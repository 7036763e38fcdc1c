// Small behaviours shared by every page. No inline script anywhere: the Content-Security-Policy forbids it.
(function () {
  "use strict";

  // htmx requests carry the antiforgery token from the page.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name='__RequestVerificationToken']");
    if (token) { event.detail.headers["X-CSRF-TOKEN"] = token.value; }
  });

  // Forms that should not be submitted twice disable their submit buttons once sent.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-once")) { return; }
    if (form.dataset.submitted === "true") { event.preventDefault(); return; }
    window.setTimeout(function () {
      if (event.defaultPrevented) { return; }
      form.dataset.submitted = "true";
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
    }, 0);
  });

  // Local times: <time data-local datetime="..."> shows the reader's own clock.
  function localise(root) {
    (root || document).querySelectorAll("time[data-local]").forEach(function (el) {
      var value = new Date(el.getAttribute("datetime"));
      if (!isNaN(value)) {
        el.title = value.toLocaleString();
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { localise(document); });
  document.addEventListener("htmx:afterSwap", function (event) { localise(event.target); });
})();

// Forms: show the fields that belong to the chosen kind and customer, count characters, confirm deletions.
(function () {
  "use strict";

  // A misery defaults to "My team" until the person chooses visibility themselves.
  function defaultVisibility(form, kind) {
    if (!kind || form.dataset.visibilityTouched === "true") { return; }
    var wanted = form.querySelector("input[name='Form.Visibility'][value='" + (kind.value === "Misery" ? "MyTeam" : "Everyone") + "']");
    if (wanted) { wanted.checked = true; }
  }

  function syncChoices(form) {
    var kind = form.querySelector("input[data-kind-choice]:checked");
    form.querySelectorAll("[data-show-for-kind]").forEach(function (el) {
      var show = kind && kind.value === el.getAttribute("data-show-for-kind");
      el.hidden = !show;
    });
    var customer = form.querySelector("input[data-customer-choice]:checked");
    form.querySelectorAll("[data-show-for-customer]").forEach(function (el) {
      el.hidden = !(customer && customer.value === el.getAttribute("data-show-for-customer"));
    });
  }

  function count(area) {
    var target = document.getElementById(area.getAttribute("data-counter"));
    if (!target) { return; }
    var max = parseInt(area.getAttribute("maxlength") || "0", 10);
    target.textContent = area.value.length.toLocaleString() + (max ? " / " + max.toLocaleString() : "");
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(function (form) {
      if (form.querySelector("[data-kind-choice], [data-customer-choice]")) {
        syncChoices(form);
        form.addEventListener("change", function (event) {
          if (event.target.matches("input[name='Form.Visibility']")) { form.dataset.visibilityTouched = "true"; }
          if (event.target.matches("[data-kind-choice]")) { defaultVisibility(form, event.target); }
          if (event.target.matches("[data-kind-choice], [data-customer-choice]")) { syncChoices(form); }
        });
      }
    });
    document.querySelectorAll("textarea[data-counter]").forEach(function (area) {
      count(area);
      area.addEventListener("input", function () { count(area); });
    });
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
  });
})();

// Search-as-you-type pickers: a combobox input, a listbox of options from the server, hidden id fields.
(function () {
  "use strict";

  function pickerOf(el) { return el.closest("[data-picker]"); }
  function options(picker) { return Array.prototype.slice.call(picker.querySelectorAll("[data-pick]")); }
  function close(picker) {
    var list = picker.querySelector("[role=listbox]");
    var input = picker.querySelector("[role=combobox]");
    if (list) { list.innerHTML = ""; }
    if (input) { input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); }
  }

  function choose(option) {
    var picker = pickerOf(option);
    var input = picker.querySelector("[role=combobox]");
    if (picker.hasAttribute("data-multiple")) {
      document.dispatchEvent(new CustomEvent("sc:pick", { detail: { picker: picker, option: option } }));
    } else {
      picker.querySelectorAll("input[data-pick-field]").forEach(function (field) { field.value = ""; });
      var field = picker.querySelector("input[data-pick-field='" + option.getAttribute("data-pick-kind") + "']");
      if (field) { field.value = option.getAttribute("data-pick-id"); }
      input.value = option.getAttribute("data-pick-label");
    }
    close(picker);
    input.focus();
  }

  document.addEventListener("click", function (event) {
    var option = event.target.closest("[data-pick]");
    if (option) { event.preventDefault(); choose(option); }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var picker = pickerOf(event.target);
    if (!picker) { return; }
    var input = picker.querySelector("[role=combobox]");
    var any = options(picker).length > 0;
    input.setAttribute("aria-expanded", any ? "true" : "false");
    options(picker).forEach(function (option, index) { option.id = input.id + "-option-" + index; });
  });

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches("[data-picker] [role=combobox]")) { return; }
    var picker = pickerOf(input);
    if (!picker.hasAttribute("data-multiple")) {
      // The typed text no longer names the picked colleague or team.
      picker.querySelectorAll("input[data-pick-field]").forEach(function (field) { field.value = ""; });
    }
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var picker = target.closest && target.closest("[data-picker]");
    if (!picker) { return; }
    var list = options(picker);
    var input = picker.querySelector("[role=combobox]");
    var index = list.indexOf(target);
    if (event.key === "ArrowDown" && list.length) {
      event.preventDefault();
      var next = list[Math.min(index + 1, list.length - 1)];
      next.focus();
      input.setAttribute("aria-activedescendant", next.id);
    } else if (event.key === "ArrowUp" && index >= 0) {
      event.preventDefault();
      if (index === 0) { input.focus(); } else { list[index - 1].focus(); }
    } else if ((event.key === "Enter" || event.key === " ") && index >= 0) {
      event.preventDefault();
      choose(target);
    } else if (event.key === "Enter" && target === input) {
      // Enter in the search box picks the first match rather than sending the form.
      event.preventDefault();
      if (list.length) { choose(list[0]); }
    } else if (event.key === "Escape") {
      close(picker);
      input.focus();
    }
  });
})();

// Pickers that collect several people as removable chips, each with its own hidden field.
(function () {
  "use strict";
  document.addEventListener("sc:pick", function (event) {
    var picker = event.detail.picker;
    var option = event.detail.option;
    var chips = picker.querySelector("[data-chips]");
    var field = picker.getAttribute("data-field");
    var max = parseInt(picker.getAttribute("data-max") || "5", 10);
    var id = option.getAttribute("data-pick-id");
    var input = picker.querySelector("[role=combobox]");
    input.value = "";
    if (chips.querySelector("input[value='" + id + "']")) { return; }
    if (chips.querySelectorAll("[data-chip]").length >= max) {
      input.setAttribute("placeholder", "Up to " + max + " colleagues at once");
      return;
    }
    var chip = document.createElement("span");
    chip.className = "badge rounded-pill text-bg-light border chip";
    chip.setAttribute("data-chip", "");
    chip.appendChild(document.createTextNode(option.getAttribute("data-pick-label") + " "));
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = field;
    hidden.value = id;
    chip.appendChild(hidden);
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "btn-close btn-close-sm ms-1";
    remove.setAttribute("data-chip-remove", "");
    remove.setAttribute("aria-label", "Remove " + option.getAttribute("data-pick-label"));
    chip.appendChild(remove);
    chips.appendChild(chip);
  });

  document.addEventListener("click", function (event) {
    var remove = event.target.closest("[data-chip-remove]");
    if (!remove) { return; }
    var picker = remove.closest("[data-picker]");
    remove.closest("[data-chip]").remove();
    if (picker) { picker.querySelector("[role=combobox]").focus(); }
  });
})();

// The print button of the print-friendly review.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
  });
})();
