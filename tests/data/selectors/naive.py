# naive.py - random pages and selectors: cleaner's drop {selector} against a
# naive matcher written from the CSS definitions, with no memo (exponential
# in the worst case, fine on these small pages). Pages: nested div, section
# and article with classes a and b, each holding its own text tN; selectors:
# tags, classes, the four combinators, :first-child, :last-child,
# :nth-child(an+b), :not(), :has() with relative combinators, :upward(N).
# Usage: naive.py CLEANER CASES [SEED]; exit 1 on any difference.
import random, subprocess, sys, os

B, N = sys.argv[1], int(sys.argv[2])
rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
TAGS = ['div', 'section', 'article']

class El:
    def __init__(s, tag, cls, parent):
        s.tag, s.cls, s.parent, s.kids = tag, cls, parent, []
        s.id = None

def tree():
    n = [0]
    html = El('html', [], None); body = El('body', [], html); html.kids = [body]
    def grow(p, d):
        for _ in range(rnd.randint(0 if d else 2, 3 if d < 5 else 0)):
            e = El(rnd.choice(TAGS), rnd.sample(['a', 'b'], rnd.randint(0, 2)), p)
            e.id = n[0]; n[0] += 1
            p.kids.append(e); grow(e, d + 1)
    grow(body, 0)
    return html, body

def html_of(e):
    if e.tag in ('html', 'body'):
        return ''.join(html_of(k) for k in e.kids)
    c = ' class="%s"' % ' '.join(e.cls) if e.cls else ''
    return '<%s%s>t%d%s</%s>' % (e.tag, c, e.id, ''.join(html_of(k) for k in e.kids), e.tag)

def walk(e):
    yield e
    for k in e.kids:
        yield from walk(k)

def sibs(e):
    return e.parent.kids if e.parent else [e]

# selectors: lists of (comb, compound); compound: (tag or None, [class], [pseudo])
def compound(depth):
    tag = rnd.choice(TAGS + [None])
    cls = [rnd.choice('ab')] if tag is None or rnd.random() < .3 else []
    ps = []
    for _ in range(rnd.choice([0, 0, 1, 1, 2])):
        k = rnd.choice(['first', 'last', 'nth', 'not', 'has'] if depth < 2 else ['first', 'last', 'nth'])
        if k == 'nth': ps.append(('nth', rnd.choice([(2, 1), (2, 0), (0, 2), (-1, 2), (3, 1), (1, 2)])))
        elif k == 'not': ps.append(('not', [complex_(depth + 1, False)]))
        elif k == 'has': ps.append(('has', [complex_(depth + 1, True) for _ in range(rnd.randint(1, 2))]))
        else: ps.append((k, None))
    return (tag, cls, ps)

def complex_(depth, rel):
    n = rnd.randint(1, 3 if depth else 4)
    combs = [rnd.choice(' >+~') if (i or rel) else ' ' for i in range(n)]
    return [(combs[i], compound(depth)) for i in range(n)]

def text_compound(c):
    tag, cls, ps = c
    s = (tag or '') + ''.join('.' + x for x in cls)
    for k, a in ps:
        if k == 'nth': s += ':nth-child(%dn%+d)' % a
        elif k in ('not', 'has'): s += ':%s(%s)' % (k, ', '.join(text_complex(x, k == 'has') for x in a))
        else: s += ':%s-child' % k
    return s or '*'

def text_complex(x, rel):
    parts = []
    for i, (comb, c) in enumerate(x):
        if comb != ' ' and (i or rel):
            parts.append(comb)
        parts.append(text_compound(c))
    return ' '.join(parts)

def pos(e):
    return sibs(e).index(e) + 1

def m_compound(c, e):
    tag, cls, ps = c
    if e.tag in ('html', 'body', 'head'):
        if tag or cls: return False
    if tag and e.tag != tag: return False
    if any(x not in e.cls for x in cls): return False
    for k, a in ps:
        if k == 'first' and pos(e) != 1: return False
        if k == 'last' and pos(e) != len(sibs(e)): return False
        if k == 'nth':
            A, Bb = a; p = pos(e)
            ok = p == Bb if A == 0 else ((p - Bb) % A == 0 and (p - Bb) // A >= 0)
            if not ok: return False
        if k == 'not' and any(m_complex(x, e) for x in a): return False
        if k == 'has' and not any(m_rel(x, e) for x in a): return False
    return True

def rel_of(comb, e):
    if comb == '>': return list(e.kids)
    if comb == ' ': return [d for d in walk(e) if d is not e]
    s = sibs(e); i = s.index(e)
    if comb == '+': return s[i + 1:i + 2]
    return s[i + 1:]

def m_chain(x, k, e):  # compounds k.. of x match going right from e (compound k on e)
    if not m_compound(x[k][1], e): return False
    if k + 1 == len(x): return True
    return any(m_chain(x, k + 1, f) for f in rel_of(x[k + 1][0], e))

def m_rel(x, e):
    return any(m_chain(x, 0, f) for f in rel_of(x[0][0], e))

def left_of(comb, e):
    if comb == '>': return [e.parent] if e.parent else []
    if comb == ' ':
        out, p = [], e.parent
        while p: out.append(p); p = p.parent
        return out
    s = sibs(e); i = s.index(e)
    if comb == '+': return s[i - 1:i] if i else []
    return s[:i]

def m_at(x, k, e):
    if not m_compound(x[k][1], e): return False
    if k == 0: return True
    return any(m_at(x, k - 1, f) for f in left_of(x[k][0], e))

def m_complex(x, e):
    return m_at(x, len(x) - 1, e)

bad = 0
for case in range(N):
    html, body = tree()
    els = [e for e in walk(body) if e is not body]
    if not els: continue
    sel = [complex_(0, False) for _ in range(rnd.randint(1, 2))]
    up = rnd.choice([0, 0, 0, 1, 2])
    text = ', '.join(text_complex(x, False) for x in sel)
    hits = set()
    for e in walk(html):
        if any(m_complex(x, e) for x in sel):
            t = e
            for _ in range(up):
                t = t.parent if t else None
            if t: hits.add(t)
    if up:
        text = ', '.join(text_complex(x, False) + ':upward(%d)' % up for x in sel)
    gone = set()
    for h in hits:
        for d in walk(h): gone.add(d)
    want = sorted('t%d' % e.id for e in els if e not in gone)
    page = '<html><head></head><body>' + html_of(body) + '</body></html>'
    open('p.html', 'w').write(page)
    open('r.rules', 'w').write('x: drop {%s}\n' % text)
    r = subprocess.run([B, '--no-default-rules', '-r', 'r.rules', 'p.html'], capture_output=True, text=True)
    got = sorted(w for w in r.stdout.split() if w)
    if r.returncode != 0 or got != want:
        bad += 1
        if bad <= 3:
            print('MISMATCH', text, '\n', page, '\n got', got, '\nwant', want, r.stderr)
print('%d cases, %d mismatches' % (N, bad))
sys.exit(1 if bad else 0)
