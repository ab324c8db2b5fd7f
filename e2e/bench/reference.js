// The plain-DOM reference of the table benchmark (table.mjs): what a careful hand-written page does
// with the same list, for the console's figures to be read against. It sends the console's
// `GET /1/keys` (same headers and fetch options), `JSON.parse`s the body, sorts the keys newest
// first (the console's default), keeps one lower-cased search text per key (the fields of the
// console's search: value, description, ACL, indices, referers), and renders a windowed table of the
// console's 8 columns with its stylesheet, row height and roughly its DOM per row.
// No framework and no build step, so there is nothing to tune but the code below.
//
// Credentials come in the fragment (#app=…&key=…&host=…): a fragment never reaches a server.
'use strict';

// As the console's table (src/components/key_table.rs) and its stylesheet's --row.
const ROW_HEIGHT = 56;
// Rows rendered beyond each edge of the view: the console's margin for a table that is not scrolling.
const MARGIN = 1;
const CHIPS_SHOWN = 3;
const REVEAL_FOR_MS = 8000;
const COPIED_FOR_MS = 2000;
const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const params = new URLSearchParams(location.hash.slice(1));
const credentials = { app: params.get('app'), key: params.get('key'), host: params.get('host') };
// The admin key is not left in the address bar or the history.
history.replaceState(null, '', location.pathname);

const search = document.getElementById('search');
const count = document.querySelector('.count');
const refresh = document.getElementById('refresh');
const loading = document.getElementById('loading');
const noMatch = document.getElementById('no-match');
const scroller = document.querySelector('.table-scroll');
const tbody = document.querySelector('table.keys tbody');
const [topSpacer, bottomSpacer] = tbody.children;

let rows = [];
let sorted = [];
let shown = [];
// The rendered rows by index in `rows`: kept while they stay in view, as the console keeps its rows.
let rendered = new Map();
let viewport = 0;
const selected = new Set();

// --- The words and numbers of the console's cells (src/keys/format.rs) ---

const mask = (value) =>
  value.length <= 8 ? '•'.repeat(Math.max(value.length, 8)) : `${value.slice(0, 4)}••••••••${value.slice(-4)}`;

const plural = (n, unit, suffix) => `${n} ${unit}${n === 1 ? '' : 's'} ${suffix}`.trimEnd();

const ago = (elapsedMs) => {
  const s = Math.floor(Math.max(elapsedMs / 1000, 0));
  if (s < MINUTE) return 'just now';
  if (s < HOUR) return `${Math.floor(s / MINUTE)} min ago`;
  if (s < DAY) return `${Math.floor(s / HOUR)} h ago`;
  if (s < 60 * DAY) return plural(Math.floor(s / DAY), 'day', 'ago');
  if (s < 730 * DAY) return plural(Math.floor(s / (30 * DAY)), 'month', 'ago');
  return plural(Math.floor(s / (365 * DAY)), 'year', 'ago');
};

const expiry = (left) => {
  if (left === null) return 'never';
  if (left === 0) return 'expired';
  if (left < MINUTE) return `in ${left} s`;
  if (left < HOUR) return `in ${Math.floor(left / MINUTE)} min ${left % MINUTE} s`;
  if (left < 2 * DAY) return `in ${Math.floor(left / HOUR)} h ${Math.floor((left % HOUR) / MINUTE)} min`;
  return `in ${plural(Math.floor(left / DAY), 'day', '')}`;
};

const secondsLeft = (expiresAtMs, nowMs) =>
  expiresAtMs === null ? null : Math.max(0, Math.ceil((expiresAtMs - nowMs) / 1000));

const utc = (ms) => {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
};

const limit = (n) => n.toLocaleString('en-US');

// `createdAt` in seconds, milliseconds or RFC 3339, as the console reads it (src/algolia/key.rs).
const createdMs = (raw) => {
  if (typeof raw === 'number') return raw < 1e11 ? raw * 1000 : raw;
  if (typeof raw === 'string') return Date.parse(raw);
  return null;
};

// --- Loading ---

const toRow = (key, readAtMs) => {
  const row = {
    value: key.value,
    description: key.description ?? '',
    acl: key.acl ?? [],
    indexes: key.indexes ?? [],
    referers: key.referers ?? [],
    maxQueries: key.maxQueriesPerIPPerHour ?? 0,
    maxHits: key.maxHitsPerQuery ?? 0,
    createdAtMs: createdMs(key.createdAt),
    expiresAtMs: key.validity > 0 ? readAtMs + key.validity * 1000 : null,
  };
  // A separator no typed search contains, so a search never matches across two fields.
  row.search = [row.value, row.description, ...row.acl, ...row.indexes, ...row.referers].join('\n').toLowerCase();
  return row;
};

async function load() {
  refresh.disabled = true;
  refresh.textContent = 'Refreshing…';
  try {
    const response = await fetch(`${credentials.host}/1/keys`, {
      headers: { 'x-algolia-application-id': credentials.app, 'x-algolia-api-key': credentials.key },
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`GET /1/keys answered ${response.status}: ${text}`);
    const readAtMs = Date.now();
    rows = JSON.parse(text).keys.map((key) => toRow(key, readAtMs));
    // Oldest first, then reversed, as the console sorts: keys created at the same time keep its order.
    const created = (i) => rows[i].createdAtMs ?? 0;
    sorted = rows.map((_, i) => i).sort((a, b) => created(a) - created(b)).reverse();
    // A new load renders every row afresh, as the console does.
    rendered = new Map();
    loading.hidden = true;
    document.getElementById('error')?.remove();
    filter();
  } catch (failure) {
    // Made when needed: the stylesheet's `display: flex` for banners would show a hidden one.
    document.getElementById('error')?.remove();
    const banner = h('div', { id: 'error', class: 'banner error', role: 'alert' },
      h('p', {}, `The keys could not be loaded: ${failure.message}`));
    document.querySelector('.toolbar').after(banner);
    // Thrown on, so the benchmark sees the page fail.
    throw failure;
  } finally {
    refresh.disabled = false;
    refresh.textContent = 'Refresh';
  }
}

// --- Search and the window of rows ---

function filter() {
  const needle = search.value.trim().toLowerCase();
  shown = needle ? sorted.filter((i) => rows[i].search.includes(needle)) : sorted;
  // A new search starts at the top; setting scrollTop forces a layout, so only when scrolled.
  if (scroller.scrollTop > 0) scroller.scrollTop = 0;
  render();
}

function render() {
  count.textContent = `${shown.length} of ${rows.length} keys`;
  noMatch.hidden = shown.length > 0;
  if (scroller.hidden !== (shown.length === 0)) {
    scroller.hidden = shown.length === 0;
    if (!scroller.hidden) measure();
  }
  const top = Math.floor(scroller.scrollTop / ROW_HEIGHT);
  const end = Math.min(shown.length, top + Math.ceil(viewport / ROW_HEIGHT) + MARGIN);
  const start = Math.min(Math.max(top - MARGIN, 0), end);
  topSpacer.style.height = `${start * ROW_HEIGHT}px`;
  bottomSpacer.style.height = `${(shown.length - end) * ROW_HEIGHT}px`;

  const next = new Map();
  const trs = [];
  for (let position = start; position < end; position++) {
    const index = shown[position];
    const tr = rendered.get(index) ?? rowElement(index);
    placeRow(tr, position);
    next.set(index, tr);
    trs.push(tr);
  }
  rendered = next;
  // Rows that stay where they were are left alone: a keystroke that keeps the rows in view costs
  // no DOM change but the count.
  const children = tbody.children;
  const same = children.length === trs.length + 2 && trs.every((tr, i) => children[i + 1] === tr);
  if (!same) tbody.replaceChildren(topSpacer, ...trs, bottomSpacer);
}

// The window's height bounds the view, as in the console.
function measure() {
  viewport = Math.min(scroller.clientHeight, innerHeight);
}

function placeRow(tr, position) {
  const pos = String(position);
  if (tr.dataset.pos === pos) return;
  tr.dataset.pos = pos;
  tr.setAttribute('aria-rowindex', String(position + 2));
  tr.tabIndex = position === 0 ? 0 : -1;
}

// --- One row: the console's cells (src/components/key_table.rs, key_cells.rs, key_value.rs) ---

function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}

function rowElement(index) {
  const row = rows[index];
  const description = row.description || '(no description)';
  const indices = row.indexes.length ? row.indexes.join(', ') : 'all indices';
  const referers = row.referers.length ? row.referers.join(', ') : 'any referer';
  const rate = row.maxQueries ? `${limit(row.maxQueries)} queries/h per IP` : 'no rate limit';
  const hits = row.maxHits ? `${limit(row.maxHits)} hits per query` : 'no hit limit';

  const checkbox = h('input', { type: 'checkbox', 'aria-label': `Select ${description}` });
  checkbox.checked = selected.has(row.value);

  const allAcl = row.acl.join(', ');
  const chips = row.acl.slice(0, CHIPS_SHOWN).map((name) => h('li', { class: 'chip', title: name }, name));
  if (row.acl.length > CHIPS_SHOWN) {
    chips.push(h('li', { class: 'chip more', title: allAcl }, `+${row.acl.length - CHIPS_SHOWN}`));
  }

  let created;
  if (row.createdAtMs === null) {
    created = h('span', { class: 'muted' }, 'unknown');
  } else {
    const exact = utc(row.createdAtMs);
    created = h('time', { class: 'has-tip', tabindex: '0', datetime: exact, 'data-tip': exact, title: exact },
      ago(Date.now() - row.createdAtMs));
  }
  const expires = h('span', { class: 'expiry', title: row.expiresAtMs === null ? undefined : utc(row.expiresAtMs) });
  showExpiry(expires, row, Date.now());

  return h('tr', {},
    h('td', {}, checkbox),
    h('td', {}, h('span', { class: 'key-value' },
      h('code', { class: 'key-text' }, mask(row.value)),
      h('button', { type: 'button', class: 'small', 'aria-pressed': 'false' }, 'Reveal'),
      h('button', { type: 'button', class: 'small' }, 'Copy'))),
    h('td', { class: 'description' }, h('a', { href: `#key-${index}` }, description)),
    h('td', {}, h('ul', { class: 'chips', 'aria-label': `ACL: ${allAcl}` }, ...chips)),
    h('td', { class: 'two-lines' }, h('span', { title: indices }, indices), h('span', { title: referers }, referers)),
    h('td', { class: 'two-lines' }, h('span', {}, rate), h('span', {}, hits)),
    h('td', {}, created),
    h('td', {}, expires));
}

function showExpiry(span, row, nowMs) {
  const left = secondsLeft(row.expiresAtMs, nowMs);
  const text = expiry(left);
  if (span.textContent !== text) span.textContent = text;
  span.classList.toggle('expired', left === 0);
  span.classList.toggle('soon', left !== null && left > 0 && left < DAY);
}

const rowOf = (tr) => rows[shown[Number(tr.dataset.pos)]];

// --- What the rows do: select, reveal, copy; one listener for all, as Leptos delegates events ---

const remask = new WeakMap();

function reveal(tr, button, on) {
  clearTimeout(remask.get(tr));
  const code = tr.querySelector('code.key-text');
  const row = rowOf(tr);
  code.textContent = on ? row.value : mask(row.value);
  code.classList.toggle('revealed', on);
  button.setAttribute('aria-pressed', String(on));
  button.textContent = on ? 'Hide' : 'Reveal';
  if (on) remask.set(tr, setTimeout(() => reveal(tr, button, false), REVEAL_FOR_MS));
}

tbody.addEventListener('click', (event) => {
  const button = event.target.closest('button');
  if (!button) return;
  const tr = button.closest('tr');
  if (button.hasAttribute('aria-pressed')) {
    reveal(tr, button, button.getAttribute('aria-pressed') !== 'true');
  } else {
    // As the console: a copy the browser refuses says nothing.
    navigator.clipboard.writeText(rowOf(tr).value).then(() => {
      button.textContent = 'Copied';
      setTimeout(() => { button.textContent = 'Copy'; }, COPIED_FOR_MS);
    }, () => {});
  }
});

tbody.addEventListener('change', (event) => {
  const value = rowOf(event.target.closest('tr')).value;
  if (event.target.checked) selected.add(value);
  else selected.delete(value);
});

// The countdowns tick every second, as the console's clock does; only the rendered rows have any.
setInterval(() => {
  const now = Date.now();
  for (const [index, tr] of rendered) showExpiry(tr.querySelector('.expiry'), rows[index], now);
}, 1000);

search.addEventListener('input', filter);
scroller.addEventListener('scroll', render);
addEventListener('resize', () => {
  measure();
  render();
});
refresh.addEventListener('click', load);

load();
