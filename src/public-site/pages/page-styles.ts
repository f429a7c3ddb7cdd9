/** The public pages' whole stylesheet, inlined in each page: readable on a phone, visible focus,
 *  no scripts. Conditional form sections hide with :has() where supported and stay visible elsewhere. */
export const PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1.0625rem;line-height:1.5;color:#1a1a1a;background:#f4f4f2}
.wrap{max-width:42rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-9999px;top:0;background:#fd0;color:#000;padding:.5rem 1rem;z-index:10}
.skip:focus{left:0}
header.site{background:#1d3a5f;color:#fff;padding:.75rem 0}
header.site .wrap{display:flex;justify-content:space-between;align-items:center;gap:1rem;flex-wrap:wrap}
header.site .org{font-weight:700}
header.site a{color:#fff}
main{background:#fff;padding-top:1rem;padding-bottom:2rem;margin-top:1rem;margin-bottom:2rem;border-radius:4px}
h1{font-size:1.75rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
a{color:#1d4f91}
a:focus,button:focus,input:focus,textarea:focus,summary:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:0 0 0 5px #1a1a1a}
fieldset{border:0;margin:0 0 1.5rem;padding:0;min-width:0}
legend{font-weight:700;font-size:1.125rem;margin-bottom:.5rem;padding:0}
.section{border-left:4px solid #b1b4b6;padding-left:1rem;margin-bottom:1.5rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
.hint{color:#505a5f;margin:0 0 .5rem;font-size:.95rem}
input[type=text],input[type=email],input[type=tel],textarea{width:100%;font:inherit;padding:.5rem;border:2px solid #0b0c0c;border-radius:0;background:#fff}
textarea{min-height:6rem;resize:vertical}
.field{margin-bottom:1.25rem}
.choice{display:grid;grid-template-columns:2rem 1fr;column-gap:.5rem;margin-bottom:.75rem}
.choice input{width:1.5rem;height:1.5rem;margin:.15rem 0 0}
.choice label{margin:0}
.choice .hint{grid-column:2}
.has-error{border-left:4px solid #d4351c;padding-left:.75rem}
.has-error input,.has-error textarea{border-color:#d4351c}
.field-error{color:#d4351c;font-weight:700;margin:0 0 .5rem}
.error-summary{border:4px solid #d4351c;padding:1rem;margin-bottom:1.5rem}
.error-summary h2{margin-top:0}
.error-summary a{color:#d4351c;font-weight:700}
.notice{border-left:6px solid #1d4f91;background:#eef3f9;padding:.75rem 1rem;margin:1rem 0}
button,.button{display:inline-block;font:inherit;font-weight:700;background:#00703c;color:#fff;border:0;border-bottom:3px solid #002d18;padding:.6rem 1.2rem;cursor:pointer;text-decoration:none;border-radius:0}
button:hover,.button:hover{background:#005a30}
button.secondary{background:#f3f2f1;color:#0b0c0c;border-bottom-color:#929191}
button.secondary:hover{background:#dbdad9}
form+form{margin-top:1.5rem}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
dl.summary{display:grid;grid-template-columns:minmax(8rem,auto) 1fr;gap:.5rem 1rem;margin:0 0 1.5rem}
dl.summary dt{font-weight:700}
dl.summary dd{margin:0}
ol.steps{padding-left:1.5rem}
ol.steps li{margin-bottom:.25rem;color:#505a5f}
ol.steps li.done{color:#1a1a1a}
ol.steps li.current{color:#1a1a1a;font-weight:700}
@supports selector(:has(*)){
  form:not(:has(#type-rectification:checked)) .section-rectification{display:none}
  form:not(:has(#type-objection:checked)) .section-objection{display:none}
}
@media (max-width:30rem){h1{font-size:1.4rem}dl.summary{grid-template-columns:1fr}dl.summary dd{margin-bottom:.5rem}main{border-radius:0;margin-top:0}}
`;
