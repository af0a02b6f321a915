/*
 * url.c - a link's target as an absolute URL: RFC 3986 reference
 * resolution against the document's URL, for Markdown's --links and
 * --images (a reader of the Markdown no longer has the page's address).
 */
#include <string.h>

#include "internal.h"

/* The length of s's scheme and its ':' ("https:"), 0 when it has none. */
static size_t scheme_len(const char *s)
{
	if (!((*s | 32) >= 'a' && (*s | 32) <= 'z'))
		return 0;
	size_t i = 1;
	while (s[i] && (strchr("+-.", s[i]) || ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') ||
	                (s[i] >= '0' && s[i] <= '9')))
		i++;
	return s[i] == ':' ? i + 1 : 0;
}

/* Append path p[0, n) to out with its "." and ".." segments removed; out
   holds the scheme and authority before byte `root`. */
static int add_path(buf *out, size_t root, const char *p, size_t n)
{
	size_t i = 0;
	int rc = 0;
	while (i < n && rc == 0) {
		size_t l = 1;
		while (i + l < n && p[i + l] != '/')
			l++;
		/* p[i, i + l) is "/segment" (or a first segment without '/') */
		const char *s = p + i + (p[i] == '/');
		size_t sl = l - (p[i] == '/');
		bool last = i + l >= n;
		if (sl == 2 && !memcmp(s, "..", 2)) {
			while (out->len > root && out->data[--out->len] != '/')
				;
			out->data[out->len] = '\0';
			rc = last ? buf_addc(out, '/') : 0;
		} else if (sl == 1 && s[0] == '.')
			rc = last ? buf_addc(out, '/') : 0;
		else
			rc = buf_add(out, p + i, l);
		i += l;
	}
	return rc;
}

int cln_url_resolve(buf *out, const char *base, const char *ref, size_t n)
{
	size_t bs = base ? scheme_len(base) : 0;
	if (scheme_len(ref) || !bs || base[bs] != '/' || base[bs + 1] != '/')
		return buf_add(out, ref, n); /* absolute, or nothing to resolve against */
	if (n >= 2 && ref[0] == '/' && ref[1] == '/')
		return buf_add(out, base, bs) | buf_add(out, ref, n);
	size_t auth = bs + 2 + strcspn(base + bs + 2, "/?#");
	size_t path_end = auth + strcspn(base + auth, "?#");
	size_t start = out->len;
	if (buf_add(out, base, auth) < 0)
		return -1;
	size_t root = out->len;
	if (n && ref[0] == '#')
		return buf_add(out, base + auth, strcspn(base + auth, "#")) | buf_add(out, ref, n);
	if (n && ref[0] == '?')
		return buf_add(out, base + auth, path_end - auth) | buf_add(out, ref, n);
	size_t rp = strcspn(ref, "?#");
	rp = rp < n ? rp : n;
	buf path = BUF_INIT;
	int rc = 0;
	if (!n || ref[0] != '/') { /* relative to the base's folder */
		const char *slash = base + path_end;
		while (slash > base + auth && slash[-1] != '/')
			slash--;
		rc |= slash > base + auth ? buf_add(&path, base + auth, (size_t)(slash - base - auth))
		                          : buf_addc(&path, '/');
	}
	rc |= buf_add(&path, ref, rp);
	rc |= add_path(out, root, path.data ? path.data : "", path.len);
	rc |= buf_add(out, ref + rp, n - rp);
	buf_free(&path);
	if (rc)
		out->len = start;
	return rc ? -1 : 0;
}
