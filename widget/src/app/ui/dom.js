// A tiny element builder: props become properties, except ARIA and role which become attributes.

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any>} [props]
 * @param {(Node|string)[]} [children]
 * @returns {HTMLElementTagNameMap[K]} the element of that tag (an `input` is an HTMLInputElement)
 */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null) continue;
    if (k === 'role') node.setAttribute('role', v);
    else if (k.startsWith('aria')) node.setAttribute(`aria-${k.slice(4).toLowerCase()}`, v);
    else node[k] = v;
  }
  node.append(...children);
  return node;
}
