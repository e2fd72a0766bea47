/*
 * Glossary tooltips (handbook.site.tooltips): the first sentence of a term's
 * definition, shown next to each link to the glossary.
 *
 * The page holds, written at build time, one hidden element per term
 * (role="tooltip", at the end of the article) and each glossary link names it
 * in aria-describedby, so a screen reader reads the definition with the link
 * even without this script. The script only shows it:
 *
 * - mouse: while the pointer is over the link or over the tooltip itself (it
 *   can be moved onto the tooltip, to read or select it);
 * - keyboard: while the link has the focus; Enter follows the link;
 * - touch: a first tap on a link shows its tooltip instead of following the
 *   link; a second tap on the same link, the tooltip being open, follows it;
 * - Escape, or a tap or a click anywhere else, closes it.
 *
 * One tooltip at a time, placed under the link (above it when there is no
 * room below), always inside the screen: never wider than the viewport (the
 * style sheet caps its width, the script keeps its left edge in the screen).
 */
"use strict";

(() => {
  const LINKS = "a.handbook-tip-link[aria-describedby]";
  const GAP = 6; // px between the link and its tooltip
  const MARGIN = 8; // px kept between the tooltip and the screen's edges
  const HIDE_DELAY = 300; // ms: time to move the pointer from the link to the tooltip

  let open = null; // {link, tip} currently shown
  let hideTimer = 0;
  let press = null; // {link, wasOpen, type}: the pointer press on a link

  const tipOf = (link) => document.getElementById(link.getAttribute("aria-describedby"));
  const linkOf = (target) => (target instanceof Element ? target.closest(LINKS) : null);
  const isOpen = (link) => open !== null && open.link === link;

  // under the link's last line, or above its first line when there is no room below
  const place = ({ link, tip }) => {
    const lines = link.getClientRects();
    if (lines.length === 0) return;
    const first = lines[0];
    const last = lines[lines.length - 1];
    const width = document.documentElement.clientWidth;
    const height = document.documentElement.clientHeight;
    const box = tip.getBoundingClientRect();
    let anchor = last;
    let top = last.bottom + GAP;
    if (top + box.height > height - MARGIN && first.top - GAP - box.height >= MARGIN) {
      anchor = first;
      top = first.top - GAP - box.height;
    }
    const left = Math.max(MARGIN, Math.min(anchor.left, width - MARGIN - box.width));
    tip.style.left = `${Math.round(left)}px`;
    tip.style.top = `${Math.round(top)}px`;
  };

  const hide = () => {
    clearTimeout(hideTimer);
    if (open === null) return;
    open.tip.hidden = true;
    open.link.removeAttribute("data-tip-open");
    open = null;
  };

  const hideSoon = () => {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY);
  };

  const show = (link) => {
    clearTimeout(hideTimer);
    if (isOpen(link)) return;
    const tip = tipOf(link);
    if (tip === null) return;
    hide();
    open = { link, tip };
    tip.style.left = "0px";
    tip.style.top = "0px";
    tip.hidden = false;
    link.setAttribute("data-tip-open", "");
    place(open);
  };

  // mouse: over the link or its tooltip
  document.addEventListener("pointerover", (event) => {
    if (event.pointerType !== "mouse") return;
    const link = linkOf(event.target);
    if (link !== null) show(link);
    else if (open !== null && open.tip.contains(event.target)) clearTimeout(hideTimer);
  });
  document.addEventListener("pointerout", (event) => {
    if (event.pointerType !== "mouse" || open === null) return;
    const { link, tip } = open;
    const from = event.target;
    const to = event.relatedTarget;
    const inside = (node) => node instanceof Node && (link.contains(node) || tip.contains(node));
    if (inside(from) && !inside(to) && document.activeElement !== link) hideSoon();
  });

  // keyboard focus
  document.addEventListener("focusin", (event) => {
    const link = linkOf(event.target);
    if (link !== null) show(link);
  });
  document.addEventListener("focusout", (event) => {
    const link = linkOf(event.target);
    if (link !== null && isOpen(link) && !link.matches(":hover")) hide();
  });

  // touch: remember whether the tooltip was open before this press (the
  // press itself focuses the link, which opens it); a press elsewhere closes it
  document.addEventListener(
    "pointerdown",
    (event) => {
      const link = linkOf(event.target);
      if (link !== null) {
        press = { link, wasOpen: isOpen(link), type: event.pointerType };
      } else {
        press = null;
        if (open !== null && !open.tip.contains(event.target)) hide();
      }
    },
    true,
  );
  document.addEventListener("click", (event) => {
    const link = linkOf(event.target);
    if (link === null) return;
    const pressed = press !== null && press.link === link ? press : null;
    press = null;
    // a click from Enter has no pointer type; a mouse click follows the link
    const type = event.pointerType || (pressed ? pressed.type : "");
    if (type !== "touch" && type !== "pen") return;
    if (pressed ? pressed.wasOpen : isOpen(link)) return; // second tap: follow the link
    event.preventDefault();
    show(link);
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && open !== null) hide();
  });

  // the tooltip is fixed on the screen: it follows its link
  const follow = () => {
    if (open !== null) place(open);
  };
  window.addEventListener("scroll", follow, { passive: true });
  window.addEventListener("resize", follow, { passive: true });
})();
