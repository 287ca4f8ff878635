// Renders Card-framework JSON (GoogleAppsCardV1Card) the way the Docs sidebar shows it,
// and reads the card's inputs back as the event's formInputs.
// Reference: https://developers.google.com/workspace/add-ons/reference/rpc/google.apps.card.v1

// Material icon names and Google's knownIcon names, drawn as simple line icons (24x24):
// the preview loads no icon font, nothing from outside 127.0.0.1.
const SHAPES = {
  person: ["c12,8,4", "M4 21c0-4.5 3.5-7 8-7s8 2.5 8 7"],
  groups: ["c8,9,3", "c16,9,3", "M2 20c0-3.5 2.5-5.5 6-5.5s6 2 6 5.5", "M12 14.7c1-.2 2.6-.2 4-.2 3.5 0 6 2 6 5.5"],
  description: ["M6 2h8l4 4v16H6z", "M14 2v4h4", "M9 12h6", "M9 16h6"],
  check_circle: ["c12,12,9", "M8 12.5l3 3 5-6"],
  layers: ["M12 3l9 5-9 5-9-5z", "M3 13l9 5 9-5"],
  schedule: ["c12,12,9", "M12 7v5l3 2"],
  email: ["M3 6h18v12H3z", "M3 7l9 6 9-6"],
  star: ["M12 3l2.7 5.6 6.1.8-4.5 4.2 1.1 6.1L12 16.8 6.6 19.7l1.1-6.1-4.5-4.2 6.1-.8z"],
  info: ["c12,12,9", "M12 11v6", "M12 7.5v.5"],
  warning: ["M12 3l10 18H2z", "M12 10v5", "M12 18v.5"],
  edit: ["M4 20h4L20 8l-4-4L4 16z"],
  bookmark: ["M6 3h12v18l-6-5-6 5z"],
  school: ["M2 9l10-5 10 5-10 5z", "M6 11v5c3 3 9 3 12 0v-5"],
  lightbulb: ["M9 18h6", "M10 21h4", "M12 3a6 6 0 0 0-3.5 10.9c.5.4.5 1.1.5 2.1h6c0-1 0-1.7.5-2.1A6 6 0 0 0 12 3z"],
  open_in_new: ["M14 4h6v6", "M20 4l-9 9", "M18 14v6H4V6h6"],
};
const KNOWN_ICONS = {
  PERSON: "person", MULTIPLE_PEOPLE: "groups", DESCRIPTION: "description", CLOCK: "schedule",
  EMAIL: "email", STAR: "star", BOOKMARK: "bookmark", INVITE: "email",
};
const SAFE_COLOR = /^(#[0-9a-f]{3,8}|[a-z]{3,20})$/i;
const SAFE_LINK = /^(https?:|mailto:)/i;
const HTML_TAGS = new Set(["B", "I", "U", "S", "STRIKE", "FONT", "A", "BR"]);

/** Create an element with a class and optional text. */
function el(tag, className = "", text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/** The simple HTML Google allows in card text (b, i, u, s, font color, br, a). */
export function formattedText(html) {
  const parsed = new DOMParser().parseFromString(`<body>${html ?? ""}</body>`, "text/html");
  const out = document.createDocumentFragment();
  copyAllowed(parsed.body, out);
  return out;
}

function copyAllowed(from, to) {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.append(node.textContent);
    } else if (node.nodeType === Node.ELEMENT_NODE && HTML_TAGS.has(node.tagName)) {
      const tag = node.tagName === "FONT" ? "span" : node.tagName.toLowerCase();
      const copy = document.createElement(tag);
      const color = node.getAttribute("color") ?? "";
      if (node.tagName === "FONT" && SAFE_COLOR.test(color)) copy.style.color = color;
      const href = node.getAttribute("href") ?? "";
      if (node.tagName === "A" && SAFE_LINK.test(href)) {
        copy.href = href;
        copy.target = "_blank";
        copy.rel = "noopener noreferrer";
      }
      copyAllowed(node, copy);
      to.append(copy);
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      copyAllowed(node, to); // an unsupported tag: Google shows its text only
    }
  }
}

/** An image only if it is served locally; anything else would leave 127.0.0.1. */
function image(url, alt, className) {
  if (/^(data:|\/|http:\/\/127\.0\.0\.1[:/])/.test(url ?? "")) {
    const img = el("img", className);
    img.src = url;
    img.alt = alt ?? "";
    return img;
  }
  const placeholder = el("span", `${className} image-placeholder`, alt || "billede");
  placeholder.title = `Eksternt billede vises ikke i forhåndsvisningen: ${url}`;
  return placeholder;
}

function icon(spec) {
  if (!spec) return null;
  if (spec.iconUrl) return image(spec.iconUrl, spec.altText, "w-icon");
  const name = spec.materialIcon?.name ?? KNOWN_ICONS[spec.knownIcon] ?? spec.knownIcon ?? "";
  const svgNs = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(svgNs, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", "w-icon");
  svg.setAttribute("aria-hidden", "true");
  svg.dataset.icon = name;
  for (const shape of SHAPES[name] ?? ["c12,12,3"]) {
    const circle = shape.startsWith("c");
    const node = document.createElementNS(svgNs, circle ? "circle" : "path");
    if (circle) {
      const [cx, cy, r] = shape.slice(1).split(",");
      node.setAttribute("cx", cx);
      node.setAttribute("cy", cy);
      node.setAttribute("r", r);
    } else {
      node.setAttribute("d", shape);
    }
    svg.append(node);
  }
  return svg;
}

/** Renders cards and wires their clicks to ``handlers``. */
export class CardRenderer {
  /**
   * @param {object} handlers onAction(action, extraParameters), onOpenLink(url), onBack()
   */
  constructor(handlers) {
    this.handlers = handlers;
  }

  /** The card as a DOM element; ``canGoBack`` shows the back arrow. */
  card(card, canGoBack) {
    const root = el("article", "card");
    root.dataset.cardName = card.name ?? "";
    root.append(this.header(card.header ?? {}, canGoBack));
    const body = el("div", "card-body");
    for (const section of card.sections ?? []) body.append(this.section(section));
    root.append(body);
    const footer = card.fixedFooter;
    if (footer) {
      const bar = el("footer", "card-footer");
      if (footer.secondaryButton) bar.append(this.button(footer.secondaryButton, "OUTLINED"));
      if (footer.primaryButton) bar.append(this.button(footer.primaryButton, "FILLED"));
      root.append(bar);
    }
    return root;
  }

  header(header, canGoBack) {
    const bar = el("header", "card-header");
    if (canGoBack) {
      const back = el("button", "card-back", "←");
      back.type = "button";
      back.setAttribute("aria-label", "Tilbage");
      back.addEventListener("click", () => this.handlers.onBack());
      bar.append(back);
    }
    if (header.imageUrl) {
      const kind = header.imageType === "CIRCLE" ? "header-image circle" : "header-image";
      bar.append(image(header.imageUrl, header.imageAltText, kind));
    }
    const titles = el("div", "card-titles");
    // The header is plain text: Google applies no HTML formatting there.
    titles.append(el("h2", "card-title", header.title ?? ""));
    if (header.subtitle) titles.append(el("div", "card-subtitle", header.subtitle));
    bar.append(titles);
    return bar;
  }

  section(section) {
    const node = el("section", "card-section");
    if (section.header) {
      const title = el("h3", "section-header");
      title.append(formattedText(section.header));
      node.append(title);
    }
    const widgets = (section.widgets ?? []).map((w) => this.widget(w));
    const shown = section.collapsible ? section.uncollapsibleWidgetsCount ?? 0 : widgets.length;
    widgets.forEach((widget, index) => {
      if (index >= shown) widget.classList.add("collapsed");
      node.append(widget);
    });
    if (shown < widgets.length) {
      const toggle = el("button", "section-toggle", "Vis mere ▾");
      toggle.type = "button";
      toggle.addEventListener("click", () => {
        const open = node.classList.toggle("expanded");
        toggle.textContent = open ? "Vis mindre ▴" : "Vis mere ▾";
      });
      node.append(toggle);
    }
    return node;
  }

  widget(widget) {
    const kinds = {
      textParagraph: (w) => this.textParagraph(w),
      decoratedText: (w) => this.decoratedText(w),
      textInput: (w) => this.textInput(w),
      selectionInput: (w) => this.selectionInput(w),
      dateTimePicker: (w) => this.dateTimePicker(w),
      buttonList: (w) => this.buttonList(w),
      divider: () => el("hr", "w-divider"),
      grid: (w) => this.grid(w),
      image: (w) => this.image(w),
      columns: (w) => this.columns(w),
      chipList: (w) => this.chipList(w),
    };
    const kind = Object.keys(widget).find((key) => key in kinds);
    const node = kind
      ? kinds[kind](widget[kind])
      : el("div", "w-unknown", `Widget vises ikke i forhåndsvisningen: ${Object.keys(widget)}`);
    node.classList.add("widget");
    node.dataset.widget = kind ?? "unknown";
    return node;
  }

  textParagraph(w) {
    const node = el("div", "w-text");
    node.append(formattedText(w.text));
    return node;
  }

  decoratedText(w) {
    const node = el("div", "w-decorated");
    const start = icon(w.startIcon ?? w.icon);
    if (start) node.append(start);
    const texts = el("div", "decorated-texts");
    for (const [key, className] of [["topLabel", "top"], ["text", "main"], ["bottomLabel", "bottom"]]) {
      if (!w[key]) continue;
      const line = el("div", `decorated-${className}`);
      line.append(formattedText(w[key]));
      texts.append(line);
    }
    if (w.wrapText === false) texts.classList.add("nowrap");
    node.append(texts);
    if (w.button) node.append(this.button(w.button, "BORDERLESS"));
    if (w.switchControl) node.append(this.switchControl(w.switchControl));
    const end = icon(w.endIcon);
    if (end) node.append(end);
    if (w.onClick) this.clickable(node, w.onClick);
    return node;
  }

  switchControl(control) {
    const label = el("label", "decorated-switch");
    const input = el("input");
    input.type = "checkbox";
    input.name = control.name ?? "";
    input.value = control.value ?? "";
    input.checked = Boolean(control.selected);
    input.dataset.formName = control.name ?? "";
    input.dataset.formKind = "check";
    if (control.controlType !== "CHECKBOX") label.classList.add("switch");
    label.append(input, el("span", "switch-track"));
    return label;
  }

  textInput(w) {
    const node = el("div", "w-textinput field");
    node.dataset.widgetName = w.name ?? "";
    const multiline = w.type === "MULTIPLE_LINE";
    const input = el(multiline ? "textarea" : "input", "field-input");
    if (multiline) input.rows = 3;
    else input.type = "text";
    input.name = w.name ?? "";
    input.id = `field-${w.name}`;
    input.value = w.value ?? "";
    input.dataset.formName = w.name ?? "";
    input.dataset.formKind = "text";
    const label = el("label", "field-label", w.label ?? "");
    label.htmlFor = input.id;
    node.append(label, input);
    if (w.hintText) node.append(el("div", "field-hint", w.hintText));
    const limit = w.validation?.characterLimit;
    if (limit) {
      const counter = el("div", "field-counter");
      const update = () => {
        counter.textContent = `${input.value.length}/${limit}`;
        node.classList.toggle("over-limit", input.value.length > limit);
      };
      input.addEventListener("input", update);
      update();
      node.append(counter);
    }
    return node;
  }

  selectionInput(w) {
    const node = el("div", `w-selection selection-${(w.type ?? "DROPDOWN").toLowerCase()}`);
    node.dataset.widgetName = w.name ?? "";
    const items = w.items ?? [];
    if (!w.type || w.type === "DROPDOWN") {
      node.classList.add("field");
      const select = el("select", "field-input");
      select.name = w.name ?? "";
      select.id = `field-${w.name}`;
      select.dataset.formName = w.name ?? "";
      select.dataset.formKind = "select";
      for (const item of items) {
        const option = el("option", "", item.text ?? "");
        option.value = item.value ?? "";
        option.selected = Boolean(item.selected);
        select.append(option);
      }
      const label = el("label", "field-label", w.label ?? "");
      label.htmlFor = select.id;
      node.append(label, select);
      return node;
    }
    const group = el("fieldset", "choices");
    group.append(el("legend", "choices-label", w.label ?? ""));
    const radio = w.type === "RADIO_BUTTON";
    for (const item of items) {
      const choice = el("label", `choice choice-${w.type.toLowerCase()}`);
      const input = el("input");
      input.type = radio ? "radio" : "checkbox";
      input.name = w.name ?? "";
      input.value = item.value ?? "";
      input.checked = Boolean(item.selected);
      input.dataset.formName = w.name ?? "";
      input.dataset.formKind = "check";
      choice.append(input);
      if (w.type === "SWITCH") choice.append(el("span", "switch-track"));
      choice.append(el("span", "choice-text", item.text ?? ""));
      if (item.bottomText) choice.append(el("span", "choice-bottom", item.bottomText));
      group.append(choice);
    }
    const max = w.multiSelectMaxSelectedItems;
    if (w.type === "MULTI_SELECT" && max) {
      group.addEventListener("change", () => {
        const boxes = [...group.querySelectorAll("input")];
        const full = boxes.filter((b) => b.checked).length >= max;
        for (const box of boxes) box.disabled = full && !box.checked;
      });
    }
    node.append(group);
    return node;
  }

  dateTimePicker(w) {
    const node = el("div", "w-datetime field");
    node.dataset.widgetName = w.name ?? "";
    const type = w.type ?? "DATE_AND_TIME";
    const input = el("input", "field-input");
    input.type = { DATE_ONLY: "date", TIME_ONLY: "time" }[type] ?? "datetime-local";
    input.name = w.name ?? "";
    input.id = `field-${w.name}`;
    input.dataset.formName = w.name ?? "";
    input.dataset.formKind = type;
    if (w.valueMsEpoch !== undefined) {
      // The picker shows the value in the user's zone; UTC for a date alone.
      const shift = type === "DATE_ONLY" ? 0 : (w.timezoneOffsetDate ?? 0) * 60000;
      const iso = new Date(Number(w.valueMsEpoch) + shift).toISOString();
      input.value = { date: iso.slice(0, 10), time: iso.slice(11, 16) }[input.type] ?? iso.slice(0, 16);
    }
    const label = el("label", "field-label", w.label ?? "");
    label.htmlFor = input.id;
    node.append(label, input);
    return node;
  }

  buttonList(w) {
    const node = el("div", "w-buttons");
    for (const button of w.buttons ?? []) node.append(this.button(button, "OUTLINED"));
    return node;
  }

  button(button, defaultType) {
    const type = button.type ?? (button.color ? "FILLED" : defaultType);
    const node = el("button", `btn btn-${type.toLowerCase()}`);
    node.type = "button";
    const start = button.icon ? icon(button.icon) : null;
    if (start) node.append(start);
    node.append(button.text ?? button.altText ?? "");
    if (button.altText) node.title = button.altText;
    const color = button.color;
    if (color && type === "FILLED") {
      const channel = (c) => Math.round((c ?? 0) * 255);
      node.style.background = `rgb(${channel(color.red)}, ${channel(color.green)}, ${channel(color.blue)})`;
    }
    node.disabled = Boolean(button.disabled);
    if (button.onClick) this.clickable(node, button.onClick);
    return node;
  }

  grid(w) {
    const node = el("div", "w-grid");
    if (w.title) node.append(el("div", "grid-title", w.title));
    const cells = el("div", "grid-items");
    cells.style.gridTemplateColumns = `repeat(${w.columnCount ?? 2}, 1fr)`;
    if (w.borderStyle?.type === "STROKE") cells.classList.add("stroked");
    for (const item of w.items ?? []) {
      const cell = el("div", "grid-item");
      if (item.image) cell.append(image(item.image.imageUri, item.image.altText, "grid-image"));
      if (item.title) cell.append(el("div", "grid-item-title", item.title));
      if (item.subtitle) cell.append(el("div", "grid-item-subtitle", item.subtitle));
      // Apps Script names the clicked item in this parameter; the service uses no grid yet.
      if (w.onClick) this.clickable(cell, w.onClick, { grid_item_identifier: item.id ?? "" });
      cells.append(cell);
    }
    node.append(cells);
    return node;
  }

  image(w) {
    const node = el("div", "w-image");
    node.append(image(w.imageUrl, w.altText, "image"));
    if (w.onClick) this.clickable(node, w.onClick);
    return node;
  }

  columns(w) {
    const node = el("div", "w-columns");
    for (const column of w.columnItems ?? []) {
      const cell = el("div", "column");
      for (const widget of column.widgets ?? []) cell.append(this.widget(widget));
      node.append(cell);
    }
    return node;
  }

  chipList(w) {
    const node = el("div", "w-chips");
    for (const chip of w.chips ?? []) {
      const button = this.button({ text: chip.label, onClick: chip.onClick }, "OUTLINED");
      button.classList.add("chip");
      node.append(button);
    }
    return node;
  }

  /** Make ``node`` run ``onClick`` (an action or a link) when clicked or activated. */
  clickable(node, onClick, extraParameters = {}) {
    node.classList.add("clickable");
    if (node.tagName !== "BUTTON") {
      node.tabIndex = 0;
      node.setAttribute("role", "button");
    }
    const run = (event) => {
      event.stopPropagation();
      if (onClick.action) this.handlers.onAction(onClick.action, extraParameters);
      else if (onClick.openLink) this.handlers.onOpenLink(onClick.openLink.url);
      else this.handlers.onUnsupported(Object.keys(onClick).join(", "));
    };
    node.addEventListener("click", run);
    node.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && node.tagName !== "BUTTON") run(event);
    });
  }
}

/**
 * The card's inputs as Google sends them in ``commonEventObject.formInputs``:
 * ``{name: {stringInputs: {value: [...]}}}``; empty inputs and unticked boxes are left out.
 */
export function formInputs(root, timeZoneOffsetMs) {
  const inputs = {};
  const add = (name, value) => {
    inputs[name] ??= { stringInputs: { value: [] } };
    inputs[name].stringInputs.value.push(value);
  };
  for (const input of root.querySelectorAll("[data-form-name]")) {
    const name = input.dataset.formName;
    const kind = input.dataset.formKind;
    if (!name || input.value === "") continue;
    if (kind === "text" || kind === "select") add(name, input.value);
    else if (kind === "check" && input.checked) add(name, input.value);
    else if (kind === "DATE_ONLY") {
      inputs[name] = { dateInput: { msSinceEpoch: String(Date.parse(`${input.value}T00:00:00Z`)) } };
    } else if (kind === "TIME_ONLY") {
      const [hours, minutes] = input.value.split(":").map(Number);
      inputs[name] = { timeInput: { hours, minutes } };
    } else if (kind === "DATE_AND_TIME") {
      const ms = Date.parse(`${input.value}Z`) - timeZoneOffsetMs; // typed in the user's zone
      inputs[name] = { dateTimeInput: { msSinceEpoch: String(ms), hasDate: true, hasTime: true } };
    }
  }
  return inputs;
}

/** Mark the required widgets that are empty; true when every one has a value. */
export function checkRequired(root, action, inputs) {
  const names = action.allWidgetsAreRequired
    ? [...root.querySelectorAll("[data-widget-name]")].map((w) => w.dataset.widgetName)
    : action.requiredWidgets ?? [];
  let complete = true;
  for (const widget of root.querySelectorAll(".widget.invalid")) {
    widget.classList.remove("invalid");
    widget.querySelector(".field-required")?.remove();
  }
  for (const name of names) {
    if (name in inputs) continue;
    complete = false;
    const widget = root.querySelector(`[data-widget-name="${CSS.escape(name)}"]`);
    if (!widget) continue;
    widget.classList.add("invalid");
    widget.append(el("div", "field-required", "Skal udfyldes"));
  }
  return complete;
}
