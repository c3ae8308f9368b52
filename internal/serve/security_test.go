package serve

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/contrat-local-sante/cls/internal/pipeline"
)

// handlerAt is a server that believes it serves 127.0.0.1:8080, with a
// good PDF in memory and no territory behind it.
func handlerAt(t *testing.T) *Server {
	t.Helper()
	s, err := New(Config{Options: pipeline.Options{Config: "/nonexistent/cls.yaml"}})
	if err != nil {
		t.Fatal(err)
	}
	s.setAddr("127.0.0.1", 8080)
	s.st.good = &built{pdf: []byte("%PDF-1.7 test"), sha256: strings.Repeat("ab", 32), pages: 3, at: time.Now()}
	s.st.attempt = attempt{at: time.Now(), ok: true}
	return s
}

func do(s *Server, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	return w
}

func TestHostMustNameTheServer(t *testing.T) {
	s := handlerAt(t)
	for host, want := range map[string]int{
		"127.0.0.1:8080":      200,
		"localhost:8080":      200,
		"LOCALHOST:8080":      200,
		"evil.example:8080":   403, // DNS rebinding: a name that now points here
		"127.0.0.1:9999":      403,
		"127.0.0.1":           403,
		"localhost.evil:8080": 403,
		"":                    403,
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = host
		w := do(s, r)
		if w.Code != want {
			t.Errorf("Host %q: %d, want %d", host, w.Code, want)
		}
		if want == 403 && !strings.Contains(w.Body.String(), "Requête refusée") {
			t.Errorf("Host %q: refusal not said in French: %q", host, w.Body.String())
		}
	}
}

func TestUnspecifiedAddressTakesIPLiteralsOnly(t *testing.T) {
	s := handlerAt(t)
	s.setAddr("0.0.0.0", 8080)
	for host, want := range map[string]bool{"192.168.1.20:8080": true, "[::1]:8080": true, "intranet.local:8080": false, "192.168.1.20:80": false} {
		if got := s.allowedHost(host); got != want {
			t.Errorf("allowedHost(%q) = %v, want %v", host, got, want)
		}
	}
}

func TestNonLoopbackAddressIsWarnedAbout(t *testing.T) {
	var out, errw bytes.Buffer
	s, err := New(Config{Stdout: &out, Stderr: &errw})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := s.Listen("0.0.0.0:0")
	if err != nil {
		t.Skipf("cannot listen on 0.0.0.0 here: %v", err)
	}
	ln.Close()
	if !strings.Contains(errw.String(), "attention : la page est servie sur 0.0.0.0:") || !strings.Contains(errw.String(), "accessible depuis le réseau") {
		t.Errorf("no warning: %q", errw.String())
	}
	errw.Reset()
	s2, _ := New(Config{Stdout: &out, Stderr: &errw})
	ln, err = s2.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
	if errw.Len() != 0 {
		t.Errorf("warning on loopback: %q", errw.String())
	}
}

func TestBusyPortFallsBackAndSaysWhere(t *testing.T) {
	var out bytes.Buffer
	a, _ := New(Config{Stdout: &out})
	ln, err := a.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	taken := strings.TrimPrefix(strings.TrimSuffix(a.URL(), "/"), "http://")
	b, _ := New(Config{Stdout: &out})
	ln2, err := b.Listen(taken)
	if err != nil {
		t.Fatalf("busy port: %v", err)
	}
	defer ln2.Close()
	if b.URL() == a.URL() || !strings.Contains(out.String(), "n'est pas libre") {
		t.Errorf("busy %s: served at %s, said %q", taken, b.URL(), out.String())
	}
}

// post sends an action as a browser would, with the given Origin,
// Referer and token.
func post(s *Server, action, origin, referer, token string, form url.Values) *httptest.ResponseRecorder {
	if form == nil {
		form = url.Values{}
	}
	if token != "" {
		form.Set(tokenField, token)
	}
	r := httptest.NewRequest("POST", "/actions/"+action, strings.NewReader(form.Encode()))
	r.Host = "127.0.0.1:8080"
	if strings.HasPrefix(origin, "http://localhost:") {
		r.Host = strings.TrimPrefix(origin, "http://") // the page opened by that name
	}
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if origin != "" {
		r.Header.Set("Origin", origin)
	}
	if referer != "" {
		r.Header.Set("Referer", referer)
	}
	return do(s, r)
}

func TestActionsNeedTheOriginAndTheToken(t *testing.T) {
	s := handlerAt(t)
	form := func() url.Values { return url.Values{"annee": {"1999"}} } // refused by the action itself: nothing runs
	cases := []struct {
		name, origin, referer, token string
		want                         int
	}{
		{"from another site", "http://evil.example", "", s.token, 403},
		{"from a rebinding name", "http://evil.example:8080", "", s.token, 403},
		{"from a sandboxed frame", "null", "", s.token, 403},
		{"no origin nor referer", "", "", s.token, 403},
		{"referer of another site", "", "http://evil.example/page", s.token, 403},
		{"no token", "http://127.0.0.1:8080", "", "", 403},
		{"wrong token", "http://127.0.0.1:8080", "", strings.Repeat("0", 64), 403},
		{"from the page", "http://127.0.0.1:8080", "", s.token, 303},
		{"from the page by localhost", "http://localhost:8080", "", s.token, 303},
		{"referer of the page", "", "http://127.0.0.1:8080/", s.token, 303},
	}
	for _, c := range cases {
		w := post(s, "evaluation", c.origin, c.referer, c.token, form())
		if w.Code != c.want {
			t.Errorf("%s: %d, want %d (%s)", c.name, w.Code, c.want, w.Body.String())
		}
	}
	if len(s.st.results) != 3 {
		t.Errorf("%d actions ran, want the 3 from the page", len(s.st.results))
	}
	// the token in a header does as well as in the form
	r := httptest.NewRequest("POST", "/actions/evaluation", strings.NewReader("annee=1999"))
	r.Host, r.Header["Content-Type"] = "127.0.0.1:8080", []string{"application/x-www-form-urlencoded"}
	r.Header.Set("Origin", "http://127.0.0.1:8080")
	r.Header.Set(tokenHeader, s.token)
	if w := do(s, r); w.Code != 303 {
		t.Errorf("token in header: %d", w.Code)
	}
}

func TestRequestBodiesAreBounded(t *testing.T) {
	s := handlerAt(t)
	w := post(s, "evaluation", "http://127.0.0.1:8080", "", s.token, url.Values{"x": {strings.Repeat("a", 1<<20)}})
	if w.Code != 413 {
		t.Errorf("1 MiB form: %d, want 413", w.Code)
	}
}

func TestOnlyKnownFilesAreServed(t *testing.T) {
	s := handlerAt(t)
	s.st.results = []*result{{id: 1, file: "/etc/hostname-not-really.pdf"}}
	for path, want := range map[string]int{
		"/":                            200,
		"/contrat.pdf":                 200,
		"/static/style.css":            200,
		"/static/page.js":              200,
		"/static/":                     404, // no listing
		"/static/page.html":            404, // the template is not a file to serve
		"/static/../server.go":         404,
		"/fichiers/":                   404,
		"/fichiers/1/passwd":           404, // the name must be the result's
		"/fichiers/2/x.pdf":            404,
		"/fichiers/../../etc/passwd":   404,
		"/fichiers/1/..%2F..%2Fpasswd": 404,
		"/cls.yaml":                    404,
		"/sources/sigles.xlsx":         404,
		"/output/":                     404,
	} {
		r := httptest.NewRequest("GET", "http://127.0.0.1:8080"+path, nil)
		if w := do(s, r); w.Code != want {
			t.Errorf("GET %s: %d, want %d", path, w.Code, want)
		}
	}
	r := httptest.NewRequest("DELETE", "http://127.0.0.1:8080/contrat.pdf", nil)
	if w := do(s, r); w.Code != 405 {
		t.Errorf("DELETE: %d", w.Code)
	}
}

func TestSecurityHeaders(t *testing.T) {
	s := handlerAt(t)
	for _, path := range []string{"/", "/contrat.pdf", "/etat", "/etat.html", "/static/page.js", "/introuvable"} {
		w := do(s, httptest.NewRequest("GET", "http://127.0.0.1:8080"+path, nil))
		h := w.Header()
		if h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", path)
		}
		if !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'self'") {
			t.Errorf("%s: CSP %q lacks frame-ancestors 'self'", path, h.Get("Content-Security-Policy"))
		}
	}
	w := do(s, httptest.NewRequest("GET", "http://127.0.0.1:8080/", nil))
	csp := w.Header().Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "form-action 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("page CSP %q lacks %q", csp, want)
		}
	}
	body := w.Body.String()
	if strings.Contains(body, "<script>") || strings.Contains(body, "style=") || strings.Contains(body, "onclick") {
		t.Errorf("inline script or style, which the CSP forbids")
	}
	if !strings.Contains(body, `name="jeton" value="`+s.token+`"`) {
		t.Errorf("forms lack the token")
	}
}

func TestAddressWithoutHostIsRefused(t *testing.T) {
	s, _ := New(Config{})
	for _, addr := range []string{":0", "8080", "127.0.0.1"} {
		if ln, err := s.Listen(addr); err == nil {
			ln.Close()
			t.Errorf("--adresse %q accepted: it would listen on every interface or nowhere", addr)
		} else if !strings.Contains(err.Error(), "--adresse") || !strings.Contains(err.Error(), "attendu") {
			t.Errorf("--adresse %q: %v", addr, err)
		}
	}
}
