package serve

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// getFile asks s for one of its files, as the result's link does.
func getFile(s *Server, path string) (int, string) {
	w := do(s, httptest.NewRequest("GET", "http://127.0.0.1:8080"+path, nil))
	return w.Code, w.Body.String()
}

// An action's document is served as the action wrote it, and only so:
// before, a link put in its place (output/contrat.pdf -> /etc/passwd)
// was followed and the file it led to served.
func TestResultFileIsTheFileWritten(t *testing.T) {
	s := handlerAt(t)
	out := filepath.Join(t.TempDir(), "output")
	os.Mkdir(out, 0o755)
	pdf := filepath.Join(out, "contrat.pdf")
	os.WriteFile(pdf, []byte("%PDF-1.7 written by the action"), 0o644)
	s.record(&result{title: "Version à signer", ok: true, file: pdf})
	link := "/fichiers/1/contrat.pdf"
	if code, body := getFile(s, link); code != 200 || body != "%PDF-1.7 written by the action" {
		t.Fatalf("%s: %d %q", link, code, body)
	}

	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("root:x:0:0"), 0o644)
	os.Rename(pdf, pdf+".old")
	if err := os.Symlink(secret, pdf); err == nil {
		if code, body := getFile(s, link); code != 404 || strings.Contains(body, "root:x") {
			t.Errorf("a link in place of the document: %d %q", code, body)
		}
		os.Remove(pdf)
	}

	// another file under the same name: a newer build, a copy
	os.WriteFile(pdf, []byte("%PDF-1.7 another"), 0o644)
	if code, body := getFile(s, link); code != 404 || !strings.Contains(body, "remplacé, déplacé ou supprimé") {
		t.Errorf("another file under the name: %d %q", code, body)
	}
	os.Remove(pdf)
	if code, _ := getFile(s, link); code != 404 {
		t.Errorf("a removed document: %d", code)
	}
}

// An action whose document is not a regular file when it ends offers no
// link at all.
func TestResultOfANonRegularFileHasNoLink(t *testing.T) {
	s := handlerAt(t)
	dir := t.TempDir()
	s.record(&result{title: "x", ok: true, file: dir})
	if v := s.view(false); v.Results[0].Link != "" {
		t.Errorf("a folder offered as a document: %q", v.Results[0].Link)
	}
}
