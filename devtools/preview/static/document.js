// Renders a Docs API document (the JSON of documents.get) the way Google Docs shows it:
// named styles, bullets and numbering from the document's lists, bold/italic/underline runs.
// Reference: https://developers.google.com/docs/api/reference/rest/v1/documents

const TAGS = {
  TITLE: "h1", HEADING_1: "h1", HEADING_2: "h2", HEADING_3: "h3",
  HEADING_4: "h4", HEADING_5: "h5", HEADING_6: "h6",
};
const ALIGN = { START: "left", CENTER: "center", END: "right", JUSTIFIED: "justify" };

function pt(dimension) {
  return dimension?.magnitude ?? 0;
}

function roman(n) {
  const table = [[1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"],
    [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]];
  let out = "";
  for (const [value, letters] of table) {
    while (n >= value) {
      out += letters;
      n -= value;
    }
  }
  return out;
}

function alpha(n) {
  let out = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(97 + ((n - 1) % 26)) + out;
  return out;
}

function counterText(n, glyphType) {
  switch (glyphType) {
    case "ZERO_DECIMAL": return String(n).padStart(2, "0");
    case "ALPHA": return alpha(n);
    case "UPPER_ALPHA": return alpha(n).toUpperCase();
    case "ROMAN": return roman(n);
    case "UPPER_ROMAN": return roman(n).toUpperCase();
    case "NONE": return "";
    default: return String(n);
  }
}

/** Numbering state of every list in the document: Docs continues a list across gaps. */
class ListCounters {
  constructor(lists) {
    this.lists = lists ?? {};
    this.counters = {};
  }

  glyph(bullet) {
    const levels = this.lists[bullet.listId]?.listProperties?.nestingLevels ?? [];
    const level = bullet.nestingLevel ?? 0;
    const props = levels[level] ?? {};
    const counters = (this.counters[bullet.listId] ??= []);
    counters[level] = (counters[level] ?? (props.startNumber ?? 1) - 1) + 1;
    counters.length = level + 1; // a deeper level starts again after this item
    if (props.glyphSymbol) return props.glyphSymbol;
    return (props.glyphFormat ?? "%0.").replace(/%(\d)/g, (_, n) =>
      counterText(counters[n] ?? levels[n]?.startNumber ?? 1, levels[n]?.glyphType));
  }
}

function run(element) {
  const textRun = element.textRun;
  if (!textRun) {
    if (element.horizontalRule) return document.createElement("hr");
    if (element.inlineObjectElement) {
      const placeholder = document.createElement("span");
      placeholder.className = "doc-object";
      placeholder.textContent = "[billede]";
      return placeholder;
    }
    return null;
  }
  const style = textRun.textStyle ?? {};
  const text = textRun.content.replace(/\n$/, "");
  if (!text) return null;
  const node = document.createElement(style.link?.url ? "a" : "span");
  node.textContent = text;
  if (style.link?.url) {
    node.href = style.link.url;
    node.target = "_blank";
    node.rel = "noopener noreferrer";
  }
  if (style.bold) node.style.fontWeight = "700";
  if (style.italic) node.style.fontStyle = "italic";
  const lines = [style.underline && "underline", style.strikethrough && "line-through"];
  if (lines.some(Boolean)) node.style.textDecoration = lines.filter(Boolean).join(" ");
  if (style.smallCaps) node.style.fontVariant = "small-caps";
  if (style.fontSize) node.style.fontSize = `${pt(style.fontSize)}pt`;
  if (style.baselineOffset === "SUPERSCRIPT") node.style.verticalAlign = "super";
  if (style.baselineOffset === "SUBSCRIPT") node.style.verticalAlign = "sub";
  const rgb = style.foregroundColor?.color?.rgbColor;
  if (rgb) {
    const channel = (c) => Math.round((c ?? 0) * 255);
    node.style.color = `rgb(${channel(rgb.red)}, ${channel(rgb.green)}, ${channel(rgb.blue)})`;
  }
  return node;
}

function paragraph(item, counters) {
  const para = item.paragraph;
  const style = para.paragraphStyle ?? {};
  const named = style.namedStyleType ?? "NORMAL_TEXT";
  const node = document.createElement(TAGS[named] ?? "p");
  node.className = `doc-p doc-${named.toLowerCase().replace("_", "-")}`;
  if (ALIGN[style.alignment]) node.style.textAlign = ALIGN[style.alignment];
  if (style.spaceAbove) node.style.marginTop = `${pt(style.spaceAbove)}pt`;
  if (style.spaceBelow) node.style.marginBottom = `${pt(style.spaceBelow)}pt`;
  const start = pt(style.indentStart);
  const first = style.indentFirstLine ? pt(style.indentFirstLine) : start;
  if (start) node.style.paddingLeft = `${start}pt`;
  if (para.bullet) {
    node.setAttribute("role", "listitem");
    node.dataset.level = String(para.bullet.nestingLevel ?? 0);
    // Docs puts the glyph at indentFirstLine and the text at indentStart.
    node.style.textIndent = `${first - start}pt`;
    const glyph = document.createElement("span");
    glyph.className = "doc-glyph";
    glyph.style.width = `${Math.max(start - first, 12)}pt`;
    glyph.textContent = counters.glyph(para.bullet);
    node.append(glyph);
  } else if (first !== start) {
    node.style.textIndent = `${first - start}pt`;
  }
  const runs = (para.elements ?? []).map(run).filter(Boolean);
  if (runs.length) node.append(...runs);
  else node.append(document.createElement("br")); // an empty paragraph keeps its line
  return node;
}

function table(item, counters) {
  const node = document.createElement("table");
  node.className = "doc-table";
  for (const row of item.table.tableRows ?? []) {
    const tr = document.createElement("tr");
    for (const cell of row.tableCells ?? []) {
      const td = document.createElement("td");
      td.append(content(cell.content ?? [], counters));
      tr.append(td);
    }
    node.append(tr);
  }
  return node;
}

function content(items, counters) {
  const out = document.createDocumentFragment();
  let list = null;
  for (const item of items) {
    if (item.paragraph) {
      const node = paragraph(item, counters);
      const listId = item.paragraph.bullet?.listId;
      if (!listId) list = null;
      else if (list?.dataset.listId !== listId) {
        list = document.createElement("div");
        list.className = "doc-list";
        list.setAttribute("role", "list");
        list.dataset.listId = listId;
        out.append(list);
      }
      (list ?? out).append(node);
    } else if (item.table) {
      list = null;
      out.append(table(item, counters));
    }
  }
  return out;
}

/** The document's body as DOM nodes; an empty document gets a faint hint. */
export function renderDocument(doc) {
  const items = doc.body?.content ?? [];
  const counters = new ListCounters(doc.lists);
  const out = content(items, counters);
  const paragraphs = items.filter((i) => i.paragraph);
  const empty = paragraphs.length <= 1 && !paragraphs.some((p) =>
    (p.paragraph.elements ?? []).some((e) => (e.textRun?.content ?? "").trim()));
  if (empty) {
    const hint = document.createElement("p");
    hint.className = "doc-empty-hint";
    hint.textContent = "Dokumentet er tomt. Vælg en skabelon i sidepanelet til højre.";
    out.append(hint);
  }
  return out;
}
