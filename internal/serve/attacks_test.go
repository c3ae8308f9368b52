package serve

import (
	"bytes"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// On 0.0.0.0 every IP address names the server: before, a page served
// by another machine on the same port (http://10.0.0.9:8080) passed the
// Origin check. The Origin must be the address the request reached.
func TestOriginMustBeTheAddressReached(t *testing.T) {
	s := handlerAt(t)
	s.setAddr("0.0.0.0", 8080)
	send := func(host, origin string) int {
		form := url.Values{tokenField: {s.token}, "annee": {"1999"}}
		r := httptest.NewRequest("POST", "/actions/evaluation", strings.NewReader(form.Encode()))
		r.Host = host
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Origin", origin)
		return do(s, r).Code
	}
	if code := send("192.168.1.20:8080", "http://10.0.0.9:8080"); code != 403 {
		t.Errorf("another machine's page: %d, want 403", code)
	}
	if code := send("192.168.1.20:8080", "http://192.168.1.20:8080"); code != 303 {
		t.Errorf("the page itself: %d, want 303", code)
	}
	s.setAddr("127.0.0.1", 8080)
	if code := send("localhost:8080", "http://127.0.0.1:8080"); code != 403 {
		t.Errorf("an origin other than the name reached: %d, want 403", code)
	}
	if code := send("LOCALHOST:8080", "http://localhost:8080"); code != 303 {
		t.Errorf("the page by localhost, upper case Host: %d, want 303", code)
	}
}

// A bookmark or a link to an action's address: before, « Page
// introuvable », as if the page were broken; now the address says what
// it is, and nothing runs.
func TestActionAddressByGetSaysWhatItIs(t *testing.T) {
	s := handlerAt(t)
	for _, method := range []string{"GET", "HEAD"} {
		w := do(s, httptest.NewRequest(method, "http://127.0.0.1:8080/actions/construire?jeton="+s.token, nil))
		if w.Code != 405 || w.Header().Get("Allow") != "POST" {
			t.Errorf("%s of an action: %d, Allow %q", method, w.Code, w.Header().Get("Allow"))
		}
		if method == "GET" && !strings.Contains(w.Body.String(), "elle ne se lance que par son bouton") {
			t.Errorf("GET of an action: %q", w.Body.String())
		}
	}
	if len(s.st.results) != 0 {
		t.Errorf("a GET ran an action")
	}
}

// A port out of range: before, « Le port 99999 n'est pas libre » and
// another port taken, as if the typo were a busy port.
func TestImpossiblePortIsSaid(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:99999", "127.0.0.1:-1", "127.0.0.1:http", "127.0.0.1:80a"} {
		var out bytes.Buffer
		s, _ := New(Config{Stdout: &out})
		ln, err := s.Listen(addr)
		if err == nil {
			ln.Close()
			t.Errorf("--adresse %s: served at %s (%q)", addr, s.URL(), out.String())
			continue
		}
		if !strings.Contains(err.Error(), "port") || !strings.Contains(err.Error(), "attendu un nombre de 1 à 65535") {
			t.Errorf("--adresse %s: %v", addr, err)
		}
	}
}
