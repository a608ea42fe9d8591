// Lookout casework app: small enhancements only; every page works without this script.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Filter a table's rows by the words typed into an input naming it.
  document.querySelectorAll("input[data-filter-table]").forEach((input) => {
    const table = document.getElementById(input.dataset.filterTable);
    if (!table) return;
    input.addEventListener("input", () => {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      table.querySelectorAll("tbody tr").forEach((row) => {
        const text = row.textContent.toLowerCase();
        row.hidden = !words.every((w) => text.includes(w));
      });
    });
  });
  // Bars whose width comes from data (inline styles are refused by the page's policy).
  document.querySelectorAll(".bar .fill[data-width]").forEach((bar) => {
    bar.style.width = Math.max(0, Math.min(100, Number(bar.dataset.width))) + "%";
  });
});
