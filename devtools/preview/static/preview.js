// The preview page: the top bar's choices, the card stack, and the round trip through
// the preview's backend, which sends each event to the service as Google Docs would.

import { CardRenderer, checkRequired, formInputs } from "./cards.js";
import { renderDocument } from "./document.js";

const $ = (id) => document.getElementById(id);

const state = {
  config: null,
  session: { email: "", locale: "da", docId: "", fileAccess: true, grantedScopes: [] },
  stack: [],
  timeZoneOffsetMs: 0,
  busy: false,
};

const renderer = new CardRenderer({
  onAction: (action, extra) => runAction(action, extra),
  onOpenLink: (url) => toast(`Tilføjelsen åbner et link: ${url}`),
  onBack: () => {
    state.stack.pop();
    showTopCard();
  },
  onUnsupported: (kind) => toast(`Forhåndsvisningen kan ikke vise ${kind}`),
});

async function api(path, body) {
  const response = await fetch(path, body === undefined ? {} : {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error ?? `HTTP ${response.status}`);
  return answer;
}

// -- the sidebar's card stack -------------------------------------------------------------

function showTopCard() {
  const area = $("card-area");
  area.replaceChildren();
  const card = state.stack.at(-1);
  if (card) area.append(renderer.card(card, state.stack.length > 1));
  document.body.dataset.stackDepth = String(state.stack.length);
}

function navigate(navigation) {
  const stack = state.stack;
  if (navigation.pushCard) stack.push(navigation.pushCard);
  else if (navigation.updateCard) stack.splice(Math.max(stack.length - 1, 0), 1, navigation.updateCard);
  else if (navigation.popCard) stack.length = Math.max(stack.length - 1, 1);
  else if (navigation.popToRoot) stack.length = Math.min(stack.length, 1);
  else if (navigation.popToCard) {
    const index = stack.findLastIndex((card) => card.name === navigation.popToCard);
    if (index >= 0) stack.length = index + 1;
  } else if (navigation.endNavigation) toast("Tilføjelsen lukker sidepanelet");
}

/** Apply the service's answer; true when it asks for access to the open document. */
function applyAnswer(answer, fromTrigger) {
  const render = answer.renderActions ?? answer;
  const action = render.action ?? {};
  const navigations = action.navigations ?? [];
  if (fromTrigger && navigations.length) state.stack = [];
  navigations.forEach(navigate);
  showTopCard();
  if (action.notification?.text) toast(action.notification.text);
  if (action.link?.url) toast(`Tilføjelsen åbner et link: ${action.link.url}`);
  return Boolean(render.hostAppAction?.editorAction?.requestFileScopeForActiveDocument);
}

/** Docs asks the teacher; on "Tillad" the file-scope trigger runs, as in Docs. */
function askForFileAccess() {
  const dialog = $("file-scope-dialog");
  dialog.returnValue = "";
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener("close", async () => {
      if (dialog.returnValue === "allow") {
        state.session.fileAccess = true;
        $("file-access").checked = true;
        await send({ trigger: "file-scope-granted" });
      }
      resolve();
    }, { once: true });
  });
}

// -- the round trip -------------------------------------------------------------------------

function setBusy(busy, spinner) {
  state.busy = busy;
  document.body.dataset.busy = String(busy);
  $("spinner").hidden = !(busy && spinner);
  $("sidebar").inert = busy;
}

async function send(request, spinner = true) {
  setBusy(true, spinner);
  let wantsFileAccess = false;
  let wantsScopes = null;
  try {
    const result = await api("/api/send", { ...request, session: state.session });
    showEventLog(result);
    if (result.status !== 200) {
      const reason = result.answer?.reason ?? result.answer?.error ?? result.answer;
      toast(`Tjenesten svarede ${result.status}: ${reason}`);
      return;
    }
    wantsScopes = result.answer?.requesting_google_scopes?.scopes ?? null;
    wantsFileAccess = applyAnswer(result.answer, "trigger" in request);
  } catch (error) {
    toast(`Forhåndsvisningen fik ikke svar: ${error.message}`);
  } finally {
    setBusy(false);
    await refreshDocument();
  }
  if (wantsFileAccess) await askForFileAccess();
  if (wantsScopes && (await askForScopes(wantsScopes))) await send(request, spinner);
}

/** Google's consent screen, in short: on "Tillad" the same click is sent again. */
async function askForScopes(scopes) {
  const names = scopes.map((scope) => scope.split("/").pop()).join(", ");
  const allowed = window.confirm(`Lærerværelset beder om adgang til: ${names}. Tillad?`);
  if (allowed) {
    state.session.grantedScopes = [...new Set([...state.session.grantedScopes, ...scopes])];
  }
  return allowed;
}

async function runAction(action, extraParameters) {
  if (state.busy) return;
  const root = $("card-area");
  const inputs = formInputs(root, state.timeZoneOffsetMs);
  if (!checkRequired(root, action, inputs)) return; // Google does not call the service
  const parameters = [
    ...(action.parameters ?? []),
    ...Object.entries(extraParameters).map(([key, value]) => ({ key, value })),
  ];
  await send(
    { function: action.function, parameters, formInputs: inputs },
    action.loadIndicator !== "NONE",
  );
}

/** Opening the add-on: Docs calls the homepage trigger and shows its card. */
async function openAddon() {
  state.stack = [];
  showTopCard();
  await send({ trigger: "home" });
}

// -- the document pane ----------------------------------------------------------------------

async function refreshDocument() {
  try {
    const doc = await api(`/api/documents/${encodeURIComponent(state.session.docId)}`);
    $("doc-title").textContent = doc.title;
    document.title = `${doc.title} – Lærerværelset (forhåndsvisning)`;
    $("page").replaceChildren(renderDocument(doc));
    $("page").dataset.revision = doc.revisionId ?? "";
  } catch (error) {
    $("page").textContent = `Dokumentet kunne ikke hentes: ${error.message}`;
  }
}

// -- small parts ----------------------------------------------------------------------------

let toastTimer = 0;

function toast(text) {
  const node = $("toast");
  node.textContent = text;
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { node.hidden = true; }, 6000);
}

function showEventLog(result) {
  $("event-log").textContent =
    `POST ${result.url}  →  ${result.status}\n\n` +
    `Hændelse:\n${JSON.stringify(result.event, null, 2)}\n\n` +
    `Svar:\n${JSON.stringify(result.answer, null, 2)}`;
}

function fillSelect(select, options, value) {
  select.replaceChildren(...options.map((option) => {
    const node = document.createElement("option");
    node.value = option.value;
    node.textContent = option.label;
    return node;
  }));
  select.value = value;
}

async function start() {
  const config = await api("/api/config");
  state.config = config;
  state.timeZoneOffsetMs = config.timeZoneOffsetMs ?? 0;
  state.session.email = config.users[0].email;
  state.session.docId = config.documents[0].id;
  const users = config.users.map((u) => ({ value: u.email, label: `${u.label} – ${u.email}` }));
  fillSelect($("user"), users, state.session.email);
  fillSelect($("locale"), config.locales, state.session.locale);
  const docs = config.documents.map((d) => ({ value: d.id, label: d.title }));
  fillSelect($("document"), docs, state.session.docId);
  fillSelect($("model-mode"), config.modelModes, "ok");
  $("file-access").checked = state.session.fileAccess;

  const reopenOn = (id, apply) => $(id).addEventListener("change", async (event) => {
    apply(event.target);
    await openAddon();
  });
  reopenOn("user", (t) => { state.session.email = t.value; state.session.grantedScopes = []; });
  reopenOn("locale", (t) => { state.session.locale = t.value; });
  reopenOn("document", (t) => { state.session.docId = t.value; });
  reopenOn("file-access", (t) => { state.session.fileAccess = t.checked; });
  $("model-mode").addEventListener("change", async (event) => {
    await api("/api/model", { mode: event.target.value });
    toast(`Sprogmodellen (udviklingsdouble): ${event.target.selectedOptions[0].textContent}`);
  });
  $("reopen").addEventListener("click", openAddon);
  for (const button of $("file-scope-dialog").querySelectorAll("[data-answer]")) {
    button.addEventListener("click", () => $("file-scope-dialog").close(button.dataset.answer));
  }
  $("clear-doc").addEventListener("click", async () => {
    await api(`/api/documents/${encodeURIComponent(state.session.docId)}/clear`, {});
    await refreshDocument();
  });
  await openAddon();
  document.body.dataset.ready = "true";
}

start();
