"""The upload page's HTML: one light page, no framework, readable on a phone in Zalo's browser."""

from __future__ import annotations

import json
from html import escape

from handlers import texts
from handlers.reports.evidence import ACCEPTED_TYPES

_STYLE = """
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,
sans-serif;background:#f4f6f8;color:#1c2733}main{max-width:34rem;margin:0 auto;padding:1rem}
h1{font-size:1.3rem;margin:.2rem 0 .8rem}.card{background:#fff;border-radius:12px;padding:1rem;
box-shadow:0 1px 3px rgba(0,0,0,.08);margin-bottom:1rem}
label.pick{position:relative;display:block;border:2px dashed #8aa4bf;border-radius:10px;
padding:1.4rem 1rem;text-align:center;color:#1f5f99;font-weight:600}
input[type=file]{position:absolute;width:1px;height:1px;opacity:0}button{width:100%;
padding:.9rem;font-size:1.05rem;font-weight:600;border:0;border-radius:10px;background:#0068ff;
color:#fff;margin-top:.8rem}button:disabled{background:#9bb7dd}progress{width:100%;height:1.1rem;
margin-top:.8rem}.hint{font-size:.92rem;color:#54606c}.warn{background:#fff7e0;border-left:4px
solid #f0a500;padding:.6rem .8rem;border-radius:6px}ul{padding-left:1.2rem;margin:.3rem 0}
.ok{color:#17703a}.bad{color:#b3261e}#chosen{font-size:.95rem;margin:.5rem 0 0}
"""

_SCRIPT = """
var T=%(texts)s,form=document.getElementById('f'),input=document.getElementById('files'),
bar=document.getElementById('bar'),state=document.getElementById('state'),
out=document.getElementById('out'),btn=document.getElementById('send'),
chosen=document.getElementById('chosen');
if(/Zalo|FBAN|FBAV|Instagram|Line\\//i.test(navigator.userAgent)||input.disabled){
 document.getElementById('nopick').className='hint warn';}
function list(title,items,cls){if(!items.length)return'';var h='<p class="'+cls+'">'+title+
 '</p><ul>';items.forEach(function(s){var li=document.createElement('li');li.textContent=s;
 h+=li.outerHTML;});return h+'</ul>';}
input.onchange=function(){var n=[];for(var i=0;i<input.files.length;i++)n.push(input.files[i].name);
 chosen.textContent=n.join(', ');};
form.onsubmit=function(e){e.preventDefault();if(!input.files.length){state.textContent=T.none;return;}
 if(input.files.length>T.max){state.textContent=T.many;return;}
 var data=new FormData();for(var i=0;i<input.files.length;i++)data.append('files',input.files[i]);
 var x=new XMLHttpRequest();x.open('POST',location.pathname);btn.disabled=true;bar.hidden=false;
 x.upload.onprogress=function(ev){if(ev.lengthComputable){var p=Math.round(ev.loaded*100/ev.total);
  bar.value=p;state.textContent=T.sending.replace('{percent}',p);}};
 x.onload=function(){var r={};try{r=JSON.parse(x.responseText);}catch(err){}
  if(r.problem){state.textContent=r.problem;out.innerHTML='';return;}
  if(x.status!==200){state.textContent=T.failed;btn.disabled=false;return;}
  bar.value=100;state.textContent=T.done;form.hidden=true;
  out.innerHTML=list(T.accepted,r.accepted||[],'ok')+list(T.refused,r.refused||[],'bad');};
 x.onerror=function(){state.textContent=T.failed;btn.disabled=false;};x.send(data);};
"""


def _frame(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )


def message_page(title: str, message: str) -> str:
    """A page that only says something: a dead link, a used one."""
    return _frame(
        title, f'<h1>{escape(title)}</h1><div class="card"><p>{escape(message)}</p></div>'
    )


def upload_page(*, limit: str, max_files: int) -> str:
    """The form: pick files, send them with a progress bar, then what was taken."""
    accept = ",".join(sorted({f".{ext}" for ext in ACCEPTED_TYPES} | set(ACCEPTED_TYPES.values())))
    strings = {
        "sending": texts.PAGE_SENDING,
        "done": texts.PAGE_DONE,
        "accepted": texts.PAGE_ACCEPTED,
        "refused": texts.PAGE_REFUSED,
        "failed": texts.PAGE_FAILED,
        "none": texts.PAGE_NONE_CHOSEN,
        "many": texts.PAGE_TOO_MANY.format(count=max_files),
        "max": max_files,
    }
    # Inside <script>, "</" must not appear as such; json.dumps keeps non-ASCII readable.
    script = _SCRIPT % {"texts": json.dumps(strings, ensure_ascii=False).replace("</", "<\\/")}
    body = (
        f"<h1>{escape(texts.PAGE_TITLE)}</h1>"
        f'<div class="card"><p>{escape(texts.PAGE_INTRO.format(limit=limit))}</p>'
        '<form id="f" method="post" enctype="multipart/form-data">'
        f'<label class="pick" for="files">{escape(texts.PAGE_PICK)}'
        f'<input id="files" name="files" type="file" multiple accept="{escape(accept)}"></label>'
        '<p id="chosen">' + escape(texts.PAGE_NONE_CHOSEN) + "</p>"
        f'<button id="send" type="submit">{escape(texts.PAGE_SEND)}</button></form>'
        '<progress id="bar" max="100" value="0" hidden></progress>'
        '<p id="state" role="status" aria-live="polite"></p><div id="out"></div></div>'
        f'<p id="nopick" class="hint">{escape(texts.PAGE_NO_PICKER)}</p>'
        f"<script>{script}</script>"
    )
    return _frame(texts.PAGE_TITLE, body)
