#!/usr/bin/env bash
# What each feature of the console costs in the release bundle: prints a table of KB of brotli
# (quality 11, as served) of the whole dist/, every file, for the whole console, for each page cut
# out alone, and for what is left when every page is cut (framework, router, session, client, serde,
# layout), down to a floor where the app renders nothing.
# Each figure is a real release build (the build of scripts/build.sh) of a scratch copy of the last
# commit (git archive HEAD) with one page's arm in src/lib.rs replaced by nothing, so LTO and
# wasm-opt drop exactly the code that only this page uses: a page's cost is the whole console's
# size minus that build's. A page that costs next to nothing can show a little below zero (the
# not-found page's -0.0): any change to the wasm moves brotli's matches a little.
# Thirteen release builds: about 16 minutes on 2 cores, first run or not. The standard library and the
# dependencies compile once, in one target directory that every variant and every run shares; what
# each variant redoes (this crate, the LTO link, wasm-opt, brotli 11) takes 30-100 s.
# Usage: feature-cost.sh   (CARGO_TARGET_DIR overrides that directory, default target/feature-cost;
# a relative one is taken from the repository's root)
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
repo=$PWD

# Trunk uses the wasm-opt it finds first on PATH: binaryen 132 from npm (scripts/build.sh). The
# scratch copy has no node_modules, so the repository's own is put on PATH.
if [ ! -x e2e/node_modules/.bin/wasm-opt ]; then
    echo "feature-cost: e2e/node_modules/.bin/wasm-opt is missing: run make setup first" >&2
    exit 1
fi
export PATH="$repo/e2e/node_modules/.bin:$PATH"
# One target directory for all variants and runs: the standard library and the dependencies compile
# once, and each variant recompiles only this crate. Outside the scratch copy, which goes at exit.
mkdir -p "${CARGO_TARGET_DIR:=target/feature-cost}"
CARGO_TARGET_DIR=$(cd "$CARGO_TARGET_DIR" && pwd)
export CARGO_TARGET_DIR

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git archive HEAD | tar -x -C "$scratch"
cd "$scratch"
# The build's post-build hook minifies the loader with terser, from the repository's npm packages.
ln -s "$repo/e2e/node_modules" e2e/node_modules
original=$(< src/lib.rs)

# The cuts: each replaces one arm of the page match in src/lib.rs (`App` or `keys_page`) with an
# arm that renders nothing, and binds what the arm held to `_`.
declare -A cut_from cut_to
cut() { cut_from[$1]=$2 cut_to[$1]=$3; }
cut connect 'Part::Connect => view! { <ConnectPage adding=false /> }.into_any()' 'Part::Connect => ().into_any()'
cut add 'Part::AddApp => view! { <ConnectPage adding=true /> }.into_any()' 'Part::AddApp => ().into_any()'
cut not_found 'Part::NotFound => view! { <NotFound /> }.into_any()' 'Part::NotFound => ().into_any()'
cut keys 'Page::Keys(_) => view! { <KeysPage /> }.into_any()' 'Page::Keys(_) => ().into_any()'
cut detail 'Page::Key(hash) => view! { <KeyDetailPage hash=hash /> }.into_any()' 'Page::Key(_) => ().into_any()'
cut edit 'Page::EditKey(hash) => view! { <EditKeyPage hash=hash /> }.into_any()' 'Page::EditKey(_) => ().into_any()'
cut new 'Page::NewKey { from } => view! { <NewKeyPage from=from /> }.into_any()' 'Page::NewKey { .. } => ().into_any()'
cut restore 'Page::Restore => view! { <RestorePage /> }.into_any()' 'Page::Restore => ().into_any()'
cut secured 'Page::Secured => view! { <SecuredPage /> }.into_any()' 'Page::Secured => ().into_any()'
cut compare 'Page::Compare { with } => view! { <ComparePage with=with /> }.into_any()' 'Page::Compare { .. } => ().into_any()'
cut copy 'Page::Copy { to, keys } => view! { <CopyPage to=to keys=keys /> }.into_any()' 'Page::Copy { .. } => ().into_any()'
cut export 'Page::Export { keys } => view! { <ExportPage keys=keys /> }.into_any()' 'Page::Export { .. } => ().into_any()'
cut import 'Page::Import => view! { <ImportPage /> }.into_any()' 'Page::Import => ().into_any()'
# The floor: the application layout goes too, so every address renders nothing, yet App still
# restores the session and starts the unsaved-changes guard and the router.
cut layout 'Part::App(app_id) => app_view(app_id, page),' 'Part::App(_) => ().into_any(),'
pages=(connect add not_found keys detail edit new restore secured compare copy export import)

# src/lib.rs as committed with the named cuts made. Fails when a cut's text is not there, or is
# there more than once, so that no figure is ever printed for a cut that did not happen.
edit_lib() {
    local text=$original name
    if (($#)); then
        # What the cut pages alone used is now dead or unused: not an error here.
        text=$'#![allow(dead_code, unused)]\n'$text
    fi
    for name in "$@"; do
        if [[ $text != *"${cut_from[$name]}"* ]]; then
            printf 'feature-cost: cannot cut %s: this is no longer in src/lib.rs:\n  %s\n' \
                "$name" "${cut_from[$name]}" >&2
            exit 1
        fi
        text=${text/"${cut_from[$name]}"/"${cut_to[$name]}"}
        if [[ $text == *"${cut_from[$name]}"* ]]; then
            printf 'feature-cost: cannot cut %s: this is in src/lib.rs more than once:\n  %s\n' \
                "$name" "${cut_from[$name]}" >&2
            exit 1
        fi
    done
    printf '%s\n' "$text" > src/lib.rs
}

# The release build (scripts/build.sh), then the brotli size of all of dist/ in bytes, from the
# `.br` files scripts/compress.mjs writes: the same figure as scripts/sizes.mjs's brotli total.
declare -A size
measure() {
    local variant=$1 start=$SECONDS
    shift
    edit_lib "$@"
    printf 'feature-cost: building %s... ' "$variant" >&2
    rm -rf dist
    # scripts/build.sh itself, so that every flag of the real build applies here too.
    bash scripts/build.sh / > build.log 2>&1 || {
        echo "failed:" >&2
        cat build.log >&2
        exit 1
    }
    size[$variant]=$(stat -c %s dist/*.br | awk '{ total += $1 } END { print total }')
    echo "$((SECONDS - start)) s" >&2
}

measure whole
measure connect connect add
for page in not_found keys detail restore secured compare copy; do
    measure "$page" "$page"
done
measure form new edit
measure files export import
measure all_pages "${pages[@]}"
measure floor "${pages[@]}" layout

kb() { awk -v bytes="$1" 'BEGIN { printf "%.1f", bytes / 1024 }'; }
row() { printf '%-66s %9s %7s\n' "$@"; }
# A feature's row: what it adds to the given build (default the whole console), and its share.
cost() {
    local label=$1 bytes=$(($3 - $2))
    row "$label" "$(kb "$bytes")" "$(awk -v a="$bytes" -v b="${size[whole]}" 'BEGIN { printf "%.1f%%", 100 * a / b }')"
}
row feature 'brotli KB' share
row 'whole console' "$(kb "${size[whole]}")" ''
cost 'connect page (connect, add an application)' "${size[connect]}" "${size[whole]}"
cost 'not-found page' "${size[not_found]}" "${size[whole]}"
cost 'keys page (table, tray, bulk delete)' "${size[keys]}" "${size[whole]}"
cost 'key detail page' "${size[detail]}" "${size[whole]}"
cost 'key form (new + edit)' "${size[form]}" "${size[whole]}"
cost 'restore page' "${size[restore]}" "${size[whole]}"
cost 'secured key page (build, inspect)' "${size[secured]}" "${size[whole]}"
cost 'compare page' "${size[compare]}" "${size[whole]}"
cost 'copy page (with the batch it shares with import)' "${size[copy]}" "${size[whole]}"
cost 'export and import pages' "${size[files]}" "${size[whole]}"
# More than the sum of the rows above: code two pages share leaves only when both are cut.
cost 'all pages together, with the code they share' "${size[all_pages]}" "${size[whole]}"
cost 'all pages cut: framework, router, session, client, serde, layout' 0 "${size[all_pages]}"
cost '  of which the application layout (header, switcher, lock screen, key list load)' "${size[floor]}" "${size[all_pages]}"
cost '  of which the floor: App renders nothing' 0 "${size[floor]}"
