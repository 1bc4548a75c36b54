#!/usr/bin/env python3
"""check-glossary.py SRCROOT [PO]: the Japanese catalogue follows the glossary.

Reads the rules block of data/po/glossary.md and checks every translated
msgstr of data/po/ja.po (or PO) against it, plus three fixed rules: the
4-digit PIN is never a パスワード, no English word is left in Japanese, and an
msgstr ends in an ellipsis exactly when its msgid does. Prints TAP; each
failure names the line, the msgid and the rule it breaks.
"""
import re
import sys

# Rules the glossary must keep: a glossary without them would let the
# catalogue drift back silently.
REQUIRED = ['廃番', 'あなたの', '肩書(?!き)', '署名用パスワード', '再送', '診断バンドル']

n = 0
failed = 0


def ok(desc):
    global n
    n += 1
    print(f'ok {n} - {desc}')


def not_ok(desc, lines):
    global n, failed
    n += 1
    failed += 1
    print(f'not ok {n} - {desc}')
    for line in lines:
        print(f'# {line}')


def unquote(s):
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)),
                  s.strip()[1:-1])


def parse_po(path):
    """Entries as dicts: line, msgid, msgstr (plural forms joined), fuzzy."""
    entries = []
    cur = None
    field = None

    def close():
        nonlocal cur
        if cur and cur.get('msgid'):
            entries.append(cur)
        cur = None

    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if line.startswith('#~'):
                continue
            if not line.strip():
                close()
                continue
            if line.startswith('#'):
                if cur and 'msgstr' in cur:
                    close()
                if cur is None:
                    cur = {'line': number, 'flags': '', 'msgid': '', 'msgstr': ''}
                if line.startswith('#,'):
                    cur['flags'] += line
                continue
            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
            if m:
                key = m.group(1)
                if key in ('msgctxt', 'msgid') and cur and 'msgstr' in cur:
                    close()
                if cur is None:
                    cur = {'line': number, 'flags': '', 'msgid': '', 'msgstr': ''}
                if key == 'msgid':
                    cur['line'] = number
                field = 'msgstr' if key.startswith('msgstr') else key
                if key.startswith('msgstr'):
                    if cur.get('msgstr'):
                        cur['msgstr'] += '\n'
                    cur.setdefault('msgstr', '')
                    cur['msgstr'] += unquote(m.group(2))
                    cur['has_msgstr'] = True
                else:
                    cur[field] = unquote(m.group(2))
                continue
            if line.startswith('"') and cur is not None and field:
                cur[field] += unquote(line)
    close()
    for e in entries:
        e['fuzzy'] = 'fuzzy' in e['flags']
    return [e for e in entries if e['msgid'] and e['msgstr'] and not e['fuzzy']]


def parse_rules(path):
    banned = []
    allowed = set()
    block = None
    with open(path, encoding='utf-8') as f:
        text = f.read()
    m = re.search(r'^```rules\n(.*?)^```', text, re.S | re.M)
    if m is None:
        return None, None
    block = m.group(1)
    for raw in block.splitlines():
        line = raw.strip()
        if not line or line.startswith('#'):
            continue
        kind, _, rest = line.partition(':')
        rest = rest.strip()
        if kind in ('banned', 'banned-regex'):
            term, _, use = rest.partition(' -> ')
            term = term.strip()
            pattern = re.compile(term if kind == 'banned-regex' else re.escape(term))
            banned.append((term, pattern, use.strip()))
        elif kind == 'ascii-allowed':
            allowed.update(rest.split())
        else:
            raise SystemExit(f'Bail out! glossary rules: cannot read “{line}”')
    return banned, allowed


def show(e):
    msgid = e['msgid'].replace('\n', '\\n')
    msgstr = e['msgstr'].replace('\n', '\\n')
    if len(msgid) > 100:
        msgid = msgid[:100] + '…'
    return f'ja.po:{e["line"]}: msgid "{msgid}"\n#     msgstr "{msgstr}"'


# ------------------------------------------------------------ fixed rules

PIN_WORDS = ('利用者証明', '暗証番号')


def pin_called_password(msgstr):
    """A sentence about the 4-digit PIN that calls it パスワード: it names
    利用者証明 and has a パスワード that is not the signing password and not
    a list of both secrets (暗証番号・パスワード, 暗証番号やパスワード)."""
    for sentence in re.split(r'[。\n]', msgstr):
        if '利用者証明' not in sentence:
            continue
        for m in re.finditer('パスワード', sentence):
            before = sentence[:m.start()]
            if before.endswith('署名用電子証明書の') or before.endswith('署名用電子証明書'):
                continue
            if re.search(r'(暗証番号|ＰＩＮ|PIN)[・、やと]$', before):
                continue
            if re.match(r'[・、やと](暗証番号|PIN)', sentence[m.end():]):
                continue
            return sentence
    return None


CODE_TOKEN = re.compile(r'''
    <[^>]*>                              # an XML element
  | %[0-9$]*[-+ #0]*[0-9*]*(?:\.[0-9*]+)?[hlLqjzt]*[a-zA-Z]   # a printf conversion
  | (?<![\w])--?[A-Za-z][\w-]*           # an option
  | https?://\S*                         # an address
  | \w[\w-]*\s*=\s*(?:"[^"]*"|\w+)         # a setting or an attribute and its value
  | (?<![\w])\.\w+                        # a file name extension
  | \b[a-z]+[A-Z]\w*                      # an identifier in camelCase
  | \$\w+                                # a variable
  | [\w.+#-]*[\w](?:[-_./:=+#|@][\w]+)+[\w.]*  # a name with -, _, ., /, :, =, digits
  | \b\w*\d\w*\b                         # a word with a digit
''', re.X)


def english_words(e, allowed):
    text = e['msgstr']
    msgid = e['msgid']
    # 「word」 quoted literally, as in the msgid: a value or a name
    def quoted(m):
        inner = m.group(1)
        if re.fullmatch(r'[ -~]+', inner) and inner.lower() in msgid.lower():
            return '「」'
        return m.group(0)
    text = re.sub(r'「([^」]*)」', quoted, text)
    text = CODE_TOKEN.sub(' ', text)
    words = re.findall(r'[A-Za-z]{3,}', text)
    return [w for w in words if w not in allowed]


def main():
    if len(sys.argv) < 2:
        raise SystemExit('usage: check-glossary.py SRCROOT [PO]')
    src = sys.argv[1]
    po = sys.argv[2] if len(sys.argv) > 2 else f'{src}/data/po/ja.po'
    banned, allowed = parse_rules(f'{src}/data/po/glossary.md')
    if banned is None:
        not_ok('the glossary has a rules block', ['data/po/glossary.md has no ```rules block'])
        print(f'1..{n}')
        return 1
    entries = parse_po(po)
    if len(entries) < 10:
        not_ok('ja.po has translated entries', [f'{po}: only {len(entries)} entries were read'])
    else:
        ok(f'read {len(entries)} translated entries of {po.split("/")[-1]}')

    terms = [t for t, _, _ in banned]
    missing = [r for r in REQUIRED if r not in terms]
    if missing:
        not_ok('the glossary keeps the required rules', [f'no rule for {r}' for r in missing])
    else:
        ok('the glossary keeps the required rules')

    for term, pattern, use in banned:
        bad = [e for e in entries if pattern.search(e['msgstr'])]
        desc = f'no msgstr uses 「{term}」 (use: {use})'
        if bad:
            not_ok(desc, [f'{show(e)}\n#     breaks: 「{term}」 is banned; use {use}'
                          for e in bad])
        else:
            ok(desc)

    bad = []
    for e in entries:
        sentence = pin_called_password(e['msgstr'])
        if sentence:
            bad.append(f'{show(e)}\n#     breaks: the 4-digit 利用者証明用電子証明書の暗証番号 '
                       f'is called パスワード in 「{sentence}」')
    if bad:
        not_ok('the 4-digit PIN is never called パスワード', bad)
    else:
        ok('the 4-digit PIN is never called パスワード')

    bad = []
    for e in entries:
        words = english_words(e, allowed)
        if words:
            bad.append(f'{show(e)}\n#     breaks: English left in Japanese: {", ".join(words)}'
                       f' (or add a technical word to ascii-allowed in glossary.md)')
    if bad:
        not_ok('no English word is left in a Japanese msgstr', bad)
    else:
        ok('no English word is left in a Japanese msgstr')

    bad = []
    for e in entries:
        id_dots = e['msgid'].rstrip().endswith('…')
        str_dots = e['msgstr'].rstrip().endswith('…')
        if id_dots != str_dots:
            why = ('the msgstr ends in … but the msgid does not' if str_dots
                   else 'the msgid ends in … but the msgstr does not')
            bad.append(f'{show(e)}\n#     breaks: {why}')
    if bad:
        not_ok('an msgstr ends in … exactly when its msgid does', bad)
    else:
        ok('an msgstr ends in … exactly when its msgid does')

    print(f'1..{n}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
