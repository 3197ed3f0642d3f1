"""Pictures drawn at build time as inline SVG: timelines, maps, co-mention graphs.

Each picture is a pure function of the data of the page it is on (an entity's own articles,
a province's own regions), so a new article redraws only the pictures of the pages it
changes. Colours are CSS classes (docs/assets/extra.css) on Material's colour variables, so
the pictures follow the light and dark palettes; no JavaScript, nothing fetched.
"""
