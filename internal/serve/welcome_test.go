package serve

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/starter"
)

// welcomeAt is a welcome server on home that believes it serves
// 127.0.0.1:8080; nothing is built (no Serve).
func welcomeAt(t *testing.T, home string) *Server {
	t.Helper()
	s, err := New(Config{Home: home})
	if err != nil {
		t.Fatal(err)
	}
	s.setAddr("127.0.0.1", 8080)
	return s
}

// welcomePost sends a welcome form as the page would, with the given
// Origin and token.
func welcomePost(s *Server, path, origin, token string, form url.Values) *httptest.ResponseRecorder {
	if token != "" {
		form.Set(tokenField, token)
	}
	r := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	r.Host = "127.0.0.1:8080"
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if origin != "" {
		r.Header.Set("Origin", origin)
	}
	return do(s, r)
}

const here = "http://127.0.0.1:8080"

// welcomeGet fetches path as the browser on this machine would.
func welcomeGet(s *Server, path string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", path, nil)
	r.Host = "127.0.0.1:8080"
	return do(s, r)
}

// entries lists a folder, to show that a refusal wrote nothing.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWelcomePageOffersToCreate(t *testing.T) {
	home := t.TempDir()
	s := welcomeAt(t, home)
	w := welcomeGet(s, "/")
	body := w.Body.String()
	if w.Code != 200 || !strings.Contains(body, "Créer un nouveau territoire") || !strings.Contains(body, s.token) || !strings.Contains(body, home) {
		t.Fatalf("%d\n%s", w.Code, body)
	}
	if csp := w.Header().Get("Content-Security-Policy"); csp != pageCSP {
		t.Errorf("CSP %q", csp)
	}
	// nothing of a territory is served before there is one
	for _, p := range []string{"/etat", "/contrat.pdf", "/etat.html"} {
		if w := welcomeGet(s, p); w.Code != http.StatusNotFound {
			t.Errorf("%s: %d", p, w.Code)
		}
	}
	if w := welcomePost(s, "/actions/construire", here, s.token, url.Values{}); w.Code != http.StatusMethodNotAllowed {
		t.Errorf("an action before any territory: %d", w.Code)
	}
}

func TestWelcomeCreatesWhatInitWrites(t *testing.T) {
	home := t.TempDir()
	s := welcomeAt(t, home)
	w := welcomePost(s, "/accueil/creer", here, s.token, url.Values{"nom": {"Communauté de communes du Pays d'Auge"}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/" {
		t.Fatalf("%d %q\n%s", w.Code, w.Header().Get("Location"), w.Body)
	}
	dir := filepath.Join(home, "communaute-de-communes-du-pays-d-auge")
	yaml, err := os.ReadFile(filepath.Join(dir, "cls.yaml"))
	if err != nil || !strings.Contains(string(yaml), "Pays d'Auge") {
		t.Fatalf("cls.yaml: %v\n%s", err, yaml)
	}
	want, _ := starter.Files("Communauté de communes du Pays d'Auge")
	for _, f := range want {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f.Name))); err != nil {
			t.Errorf("cls init writes %s, the page did not: %v", f.Name, err)
		}
	}
	if s.welcoming() || s.opt.Config != filepath.Join(dir, "cls.yaml") {
		t.Errorf("the server does not serve the new territory: %q", s.opt.Config)
	}
	// a second submit, from the old tab: nothing more, the page
	if w := welcomePost(s, "/accueil/creer", here, s.token, url.Values{"nom": {"Autre"}}); w.Code != http.StatusSeeOther {
		t.Errorf("second submit: %d", w.Code)
	}
	if got := entries(t, home); len(got) != 1 {
		t.Errorf("home holds %v", got)
	}
}

func TestWelcomeFolderNamedByTheCoordinator(t *testing.T) {
	home := t.TempDir()
	s := welcomeAt(t, home)
	w := welcomePost(s, "/accueil/creer", here, s.token, url.Values{"nom": {"CC de l'Exemple"}, "dossier": {"Mon territoire"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("%d\n%s", w.Code, w.Body)
	}
	if _, err := os.Stat(filepath.Join(home, "Mon territoire", "cls.yaml")); err != nil {
		t.Error(err)
	}
}

func TestWelcomeRefusalsWriteNothing(t *testing.T) {
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, "pris"), 0o755)
	os.WriteFile(filepath.Join(home, "pris", "notes.txt"), []byte("à moi"), 0o644)
	s := welcomeAt(t, home)
	cases := []struct {
		form url.Values
		code int
		says string
	}{
		{url.Values{"nom": {"  "}}, 400, "Indiquez le nom du territoire"},
		{url.Values{"nom": {"CC"}, "dossier": {"pris"}}, 409, "existe déjà et n'est pas vide"},
		{url.Values{"nom": {"CC"}, "dossier": {"../ailleurs"}}, 400, "Nom de dossier « ../ailleurs » impossible"},
		{url.Values{"nom": {"CC"}, "dossier": {".."}}, 400, "impossible"},
		{url.Values{"nom": {"CC"}, "dossier": {"/tmp/x"}}, 400, "impossible"},
		{url.Values{"nom": {"CC"}, "dossier": {".cache"}}, 400, "caché"},
		{url.Values{"nom": {"CC"}, "dossier": {"nul.txt"}}, 400, "périphérique"},
		{url.Values{"nom": {"CC"}, "dossier": {"Com3"}}, 400, "périphérique"},
		{url.Values{"nom": {strings.Repeat("x", 600)}, "dossier": {"long"}}, 409, "Nom du territoire : nom de 600 caractères"},
	}
	for _, c := range cases {
		w := welcomePost(s, "/accueil/creer", here, s.token, c.form)
		if w.Code != c.code || !strings.Contains(w.Body.String(), c.says) || !strings.Contains(w.Body.String(), `id="erreur"`) {
			t.Errorf("%v: %d\n%s", c.form, w.Code, w.Body)
		}
		// the form comes back as typed
		if n := c.form.Get("nom"); strings.TrimSpace(n) != "" && len(n) < 100 && !strings.Contains(w.Body.String(), `value="`+n+`"`) {
			t.Errorf("%v: the name typed is lost", c.form)
		}
	}
	if got := entries(t, home); !slices.Equal(got, []string{"pris"}) {
		t.Errorf("refusals wrote %v", got)
	}
	if got := entries(t, filepath.Join(home, "pris")); !slices.Equal(got, []string{"notes.txt"}) {
		t.Errorf("the existing folder now holds %v", got)
	}
	if !s.welcoming() {
		t.Error("a refusal opened a territory")
	}
}

func TestWelcomeUnwritableFolderIsSaid(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes anywhere")
	}
	home := t.TempDir()
	os.Chmod(home, 0o555)
	t.Cleanup(func() { os.Chmod(home, 0o755) })
	s := welcomeAt(t, home)
	w := welcomePost(s, "/accueil/creer", here, s.token, url.Values{"nom": {"CC"}})
	if w.Code != 409 || !strings.Contains(w.Body.String(), "déplacez le programme dans un dossier à vous") {
		t.Errorf("%d\n%s", w.Code, w.Body)
	}
}

func TestWelcomeFormsNeedTheOriginAndTheToken(t *testing.T) {
	home := t.TempDir()
	s := welcomeAt(t, home)
	form := func() url.Values { return url.Values{"nom": {"CC"}} }
	for _, c := range []struct{ origin, token string }{
		{"http://evil.example", s.token},
		{"", s.token},
		{here, ""},
		{here, strings.Repeat("0", 64)},
	} {
		for _, p := range []string{"/accueil/creer", "/accueil/ouvrir"} {
			if w := welcomePost(s, p, c.origin, c.token, form()); w.Code != http.StatusForbidden {
				t.Errorf("%s from %q with token %q: %d", p, c.origin, c.token, w.Code)
			}
		}
	}
	// another name for this machine (DNS rebinding) is refused before all
	r := httptest.NewRequest("GET", "/", nil)
	r.Host = "evil.example:8080"
	if w := do(s, r); w.Code != http.StatusForbidden {
		t.Errorf("Host evil.example: %d", w.Code)
	}
	if got := entries(t, home); len(got) != 0 || !s.welcoming() {
		t.Errorf("refused forms wrote %v", got)
	}
}

func TestWelcomeOpensOnlyListedTerritories(t *testing.T) {
	home := t.TempDir()
	for _, d := range []string{"alpha", "beta"} {
		if _, err := starter.Write(filepath.Join(home, d), starter.DefaultName); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(filepath.Join(home, "pas-un-territoire"), 0o755)
	s := welcomeAt(t, home)
	body := welcomeGet(s, "/").Body.String()
	if !strings.Contains(body, "alpha") || !strings.Contains(body, "beta") || strings.Contains(body, "pas-un-territoire") {
		t.Errorf("list:\n%s", body)
	}
	for _, bad := range []string{"2", "-1", "x", "", filepath.Join(home, "alpha"), "../alpha"} {
		if w := welcomePost(s, "/accueil/ouvrir", here, s.token, url.Values{"numero": {bad}}); w.Code != 400 || !s.welcoming() {
			t.Errorf("numero %q: %d", bad, w.Code)
		}
	}
	if w := welcomePost(s, "/accueil/ouvrir", here, s.token, url.Values{"numero": {"1"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("%d\n%s", w.Code, w.Body)
	}
	if s.opt.Config != filepath.Join(home, "beta", "cls.yaml") {
		t.Errorf("opened %q", s.opt.Config)
	}
}

// The new territory builds at once, and the page is then its page.
func TestWelcomeServesTheNewTerritory(t *testing.T) {
	home := t.TempDir()
	s := serveConfig(t, Config{Home: home})

	form := url.Values{"nom": {starter.DefaultName}, tokenField: {s.token}}
	r, _ := http.NewRequest("POST", s.URL()+"accueil/creer", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Origin", strings.TrimSuffix(s.URL(), "/"))
	resp, err := http.DefaultClient.Do(r) // follows the 303 to the page
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Request.URL.Path != "/" {
		t.Fatalf("%d at %s", resp.StatusCode, resp.Request.URL)
	}
	waitFor(t, "the new territory's contract", func() bool { return getState(t, s).Pages > 0 })
	if st := getState(t, s); len(st.Errors) != 0 {
		t.Errorf("the new territory does not build: %v", st.Errors)
	}
	if code, body := get(t, s, "/"); code != 200 || !strings.Contains(body, "Construire la version à signer") {
		t.Errorf("the page is not the territory's: %d", code)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Communauté de communes du Pays d'Auge": "communaute-de-communes-du-pays-d-auge",
		"  Œuvre — «Lisieux» ":                  "oeuvre-lisieux",
		"":                                      "territoire",
		"!!!":                                   "territoire",
		strings.Repeat("é", 300):                strings.Repeat("e", maxFolderName),
	} {
		if got := slug(in); got != want || badFolderName(got) != "" {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}
