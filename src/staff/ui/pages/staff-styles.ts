/** The staff UI's whole stylesheet, inlined in each page (no build step, no extra request). */
export const STAFF_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f6f7f9}
a{color:#0b57d0}
:focus-visible{outline:3px solid #f4b400;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem}
header.top{background:#1d2b3a;color:#fff}
header.top nav{display:flex;flex-wrap:wrap;gap:.25rem .55rem;font-size:.9rem;align-items:center;max-width:1280px;margin:0 auto;padding:.5rem 1rem}
header.top a{color:#fff;text-decoration:none;padding:.35rem .1rem;white-space:nowrap}
header.top a[aria-current=page]{border-bottom:3px solid #f4b400}
header.top .brand{font-weight:700;margin-right:auto}
header.top form{margin:0}
header.top button{background:transparent;color:#fff;border:1px solid #8aa0b6;border-radius:4px;padding:.25rem .6rem;font:inherit;cursor:pointer}
.who{font-size:.85rem;opacity:.85;max-width:9rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.badge{display:inline-block;min-width:1.5em;padding:0 .4em;border-radius:1em;background:#c5221f;color:#fff;font-size:.85rem;text-align:center}
main{max-width:1280px;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
section.card{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:.8rem 1rem;margin-bottom:.8rem}
.notice{background:#e6f4ea;border:1px solid #8ec59b;padding:.6rem .8rem;border-radius:6px}
.problem{background:#fce8e6;border:1px solid #e8a29c;padding:.6rem .8rem;border-radius:6px}
.warning{background:#fef7e0;border:1px solid #f2cf73;padding:.5rem .8rem;border-radius:6px}
label{display:block;font-weight:600;margin:.6rem 0 .2rem}
input,select,textarea{font:inherit;padding:.4rem .5rem;border:1px solid #8b949e;border-radius:4px;max-width:100%}
input[type=text],input[type=email],input[type=password],input[type=search],textarea,select.wide{width:100%}
textarea{min-height:4.5rem}
button,.button{font:inherit;padding:.45rem .9rem;border-radius:4px;border:1px solid #0b57d0;background:#0b57d0;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#fff;color:#0b57d0}
button.danger{background:#c5221f;border-color:#c5221f}
.field-error{color:#a50e0e;font-weight:600;margin:.2rem 0}
[aria-invalid=true]{border-color:#a50e0e;border-width:2px}
.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.5rem 1rem;align-items:end}
.filters .search{grid-column:1/-1}
.counts{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:0 0 1rem}
.counts a{display:block;padding:.4rem .7rem;border-radius:6px;border:1px solid #dde1e6;background:#fff;text-decoration:none;color:inherit}
.counts a[aria-current=true]{border-color:#0b57d0;box-shadow:0 0 0 2px #0b57d0 inset}
.counts strong{font-size:1.2rem;margin-right:.3rem}
table{width:100%;border-collapse:collapse;background:#fff}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid #e3e6ea;vertical-align:top}
th{font-size:.9rem;color:#4a5561}
.state{display:inline-block;padding:.1rem .5rem;border-radius:1em;font-size:.85rem;white-space:nowrap;border:1px solid transparent}
.state-overdue{background:#fce8e6;color:#a50e0e;border-color:#e8a29c}
.state-due2{background:#fef7e0;color:#7a4a00;border-color:#f2cf73}
.state-due7{background:#e8f0fe;color:#174ea6;border-color:#a8c7fa}
.state-later,.state-closed,.state-paused{background:#f1f3f4;color:#3c4043;border-color:#dadce0}
dl.facts{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.3rem 1rem;margin:0}
dl.facts dt{font-weight:600;color:#4a5561}
dl.facts dd{margin:0}
.columns{display:grid;grid-template-columns:1fr;gap:1rem}
@media (min-width:960px){.columns{grid-template-columns:minmax(0,2fr) minmax(0,1fr)}}
.actions form{border-top:1px solid #e3e6ea;padding:.6rem 0}
.actions h3{font-size:1rem;margin:.2rem 0}
.inline{display:inline}
.pair{display:grid;grid-template-columns:1fr;gap:0 1rem}
@media (min-width:1100px){.pair{grid-template-columns:1fr 1fr}}
.summary-heading{display:inline;font-size:1.2rem;margin:0}
section.card>details>summary{cursor:pointer}
.nowrap{white-space:nowrap}
table.compact th,table.compact td{padding:.45rem .35rem}
.clamp-cell{white-space:nowrap;max-width:9rem;overflow:hidden;text-overflow:ellipsis}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.pair dl.facts{grid-template-columns:minmax(6rem,45%) 1fr}
.actions textarea{min-height:3rem}
details.task-form>summary{white-space:nowrap}
.clamp{display:-webkit-box;-webkit-line-clamp:1;-webkit-box-orient:vertical;overflow:hidden}
.scroll{max-height:16rem;overflow-y:auto}
details.task-form>summary,details.confirm>summary{cursor:pointer;color:#0b57d0;font-weight:600;padding:.2rem 0}
details.task-form[open]{border:1px solid #dde1e6;border-radius:6px;padding:.5rem;margin-top:.3rem;min-width:20rem}
.actions details.confirm{border-top:1px solid #e3e6ea;padding:.6rem 0}
.actions details.confirm form{border-top:0;padding:.3rem 0 0}
button.secondary{border-color:#0b57d0}
form button+button,p>button+button{margin-left:.6rem}
ol.timeline{list-style:none;padding:0;margin:0}
ol.timeline li{border-left:3px solid #a8c7fa;padding:.2rem 0 .6rem .8rem;margin-left:.3rem}
ol.timeline li.kind-email{border-color:#8ec59b}
ol.timeline li.kind-alert{border-color:#f2cf73}
ol.timeline time{font-size:.85rem;color:#4a5561;display:block}
.pager{display:flex;gap:1rem;align-items:center;margin:1rem 0}
.table-wrap{overflow-x:auto}
@media (max-width:640px){
  table.queue thead{display:none}
  table.queue tr{display:block;border-bottom:1px solid #dde1e6;padding:.4rem 0}
  table.queue td{display:flex;gap:.5rem;border:0;padding:.15rem .5rem}
  table.queue td::before{content:attr(data-label);font-weight:600;min-width:7rem;color:#4a5561}
}
`;
